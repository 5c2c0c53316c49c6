package db.migration;

import static org.jooq.impl.DSL.constraint;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import ai.demeter.migrations.api.AlembicRevision;
import ai.demeter.migrations.api.DemeterMigration;
import ai.demeter.schema.ddl.Comments;
import ai.demeter.schema.ddl.Checks;
import ai.demeter.schema.ddl.Indexes;
import ai.demeter.schema.ddl.PgEnum;
import ai.demeter.schema.ddl.PgTypes;
import ai.demeter.schema.ddl.Timestamps;
import org.jooq.DSLContext;
import org.jooq.impl.SQLDataType;

/**
 * Alembic revision 1wgcfiexamud: {@code storage_bins}, the leaf of the hierarchy (a physical container). No
 * geometry: a bin inherits its place from its location. {@code position_metadata} holds the ML segmentation
 * output, hence the GIN index.
 */
@AlembicRevision("1wgcfiexamud")
public class V6__create_storage_bins extends DemeterMigration {
    static final PgEnum BIN_STATUS = new PgEnum("storage_bin_status_enum", "active", "maintenance", "retired");

    @Override
    protected void up(DSLContext db) {
        BIN_STATUS.create(db);
        db.createTable(name("storage_bins"))
                .column(name("bin_id"), PgTypes.SERIAL.nullable(false))
                .column(name("storage_location_id"), SQLDataType.INTEGER.nullable(false))
                .column(name("storage_bin_type_id"), SQLDataType.INTEGER)
                .column(name("code"), SQLDataType.VARCHAR(100).nullable(false))
                .column(name("label"), SQLDataType.VARCHAR(100))
                .column(name("description"), SQLDataType.CLOB)
                .column(name("position_metadata"), SQLDataType.JSONB)
                .column(name("status"), BIN_STATUS.type().nullable(false).defaultValue(inline("active")))
                .columns(Timestamps.zoned())
                .constraints(
                        constraint(name("pk_storage_bins")).primaryKey(name("bin_id")),
                        constraint(name("fk_storage_bins_storage_location_id")).foreignKey(name("storage_location_id"))
                                .references(name("storage_locations"), name("location_id")).onDeleteCascade(),
                        constraint(name("fk_storage_bins_storage_bin_type_id")).foreignKey(name("storage_bin_type_id"))
                                .references(name("storage_bin_types"), name("bin_type_id")).onDeleteRestrict(),
                        constraint(name("uq_storage_bins_code")).unique(name("code")),
                        constraint(name("ck_storage_bin_code_length")).check(Checks.lengthBetween("code", 2, 100)))
                .execute();
        Comments.describe(db, "storage_bins", "Storage Bins - Level 4 (LEAF) of 4-tier geospatial location hierarchy (physical container)",
                "bin_id", "Primary key (auto-increment)",
                "storage_location_id", "Parent storage location (CASCADE delete)",
                "storage_bin_type_id", "Bin type definition (RESTRICT delete, optional)",
                "code", "Unique bin code (format: WAREHOUSE-AREA-LOCATION-BIN, 4 parts, 2-100 chars)",
                "label", "Human-readable bin name (optional)",
                "description", "Optional detailed description",
                "position_metadata", "ML segmentation output: mask, bbox, confidence, ml_model_version, container_type",
                "status", "Status enum: active, maintenance, retired (terminal state)",
                "created_at", "Record creation timestamp",
                "updated_at", "Last update timestamp");
        db.createUniqueIndex(name("idx_storage_bins_code")).on(name("storage_bins"), name("code")).execute();
        db.createIndex(name("idx_storage_bins_location_id")).on(name("storage_bins"), name("storage_location_id")).execute();
        db.createIndex(name("idx_storage_bins_type_id")).on(name("storage_bins"), name("storage_bin_type_id")).execute();
        db.createIndex(name("idx_storage_bins_status")).on(name("storage_bins"), name("status")).execute();
        Indexes.gin(db, "idx_storage_bins_position_metadata", "storage_bins", "position_metadata");
    }

    @Override
    protected void down(DSLContext db) {
        db.dropTable(name("storage_bins")).execute();
        BIN_STATUS.drop(db);
    }
}
