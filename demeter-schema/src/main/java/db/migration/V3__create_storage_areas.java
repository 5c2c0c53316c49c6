package db.migration;

import static org.jooq.impl.DSL.constraint;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import ai.demeter.migrations.api.AlembicRevision;
import ai.demeter.migrations.api.DemeterMigration;
import ai.demeter.schema.ddl.Comments;
import ai.demeter.schema.ddl.CentroidTrigger;
import ai.demeter.schema.ddl.Checks;
import ai.demeter.schema.ddl.ContainmentTrigger;
import ai.demeter.schema.ddl.GeneratedArea;
import ai.demeter.schema.ddl.Indexes;
import ai.demeter.schema.ddl.PgEnum;
import ai.demeter.schema.ddl.PgTypes;
import ai.demeter.schema.ddl.Timestamps;
import org.jooq.DSLContext;
import org.jooq.impl.SQLDataType;

/**
 * Alembic revision 742a3bebd3a8: {@code storage_areas}, level 2 of the hierarchy. Areas may nest
 * ({@code parent_area_id}); their polygon must lie within the warehouse's, which a trigger enforces.
 */
@AlembicRevision("742a3bebd3a8")
public class V3__create_storage_areas extends DemeterMigration {
    static final PgEnum POSITION = new PgEnum("position_enum", "N", "S", "E", "W", "C");

    private static final CentroidTrigger CENTROID = new CentroidTrigger("storage_areas",
            "update_storage_area_centroid", "trg_storage_area_centroid", "geojson_coordinates",
            "Auto-calculate centroid from polygon geometry", "ST_Centroid(NEW.geojson_coordinates)");

    private static final ContainmentTrigger WITHIN_WAREHOUSE = new ContainmentTrigger("storage_areas",
            "check_storage_area_within_warehouse", "trg_storage_area_containment", "geojson_coordinates",
            "warehouse_id", "warehouses", "geojson_coordinates",
            new ContainmentTrigger.Wording("warehouse_geom",
                    "Fetch parent warehouse geometry",
                    "Check if warehouse exists",
                    "Check if storage area is within warehouse boundary",
                    "Warehouse with ID % does not exist",
                    "Storage area geometry must be within warehouse boundary (warehouse_id: %)"));

    @Override
    protected void up(DSLContext db) {
        POSITION.create(db);
        db.createTable(name("storage_areas"))
                .column(name("storage_area_id"), PgTypes.SERIAL.nullable(false))
                .column(name("warehouse_id"), SQLDataType.INTEGER.nullable(false))
                .column(name("parent_area_id"), SQLDataType.INTEGER)
                .column(name("code"), SQLDataType.VARCHAR(50).nullable(false))
                .column(name("name"), SQLDataType.VARCHAR(200).nullable(false))
                .column(name("position"), POSITION.type())
                .column(name("geojson_coordinates"), PgTypes.POLYGON_4326.nullable(false))
                .column(name("centroid"), PgTypes.POINT_4326)
                .column(name("active"), SQLDataType.BOOLEAN.nullable(false).defaultValue(inline(true)))
                .columns(Timestamps.zoned())
                .constraints(
                        constraint(name("pk_storage_areas")).primaryKey(name("storage_area_id")),
                        constraint(name("fk_storage_areas_warehouse_id")).foreignKey(name("warehouse_id"))
                                .references(name("warehouses"), name("warehouse_id")).onDeleteCascade(),
                        constraint(name("fk_storage_areas_parent_area_id")).foreignKey(name("parent_area_id"))
                                .references(name("storage_areas"), name("storage_area_id")).onDeleteCascade(),
                        constraint(name("uq_storage_areas_code")).unique(name("code")),
                        constraint(name("ck_storage_area_code_length")).check(Checks.lengthBetween("code", 2, 50)))
                .execute();
        Comments.describe(db, "storage_areas", "Storage Areas - Level 2 of 4-tier geospatial location hierarchy",
                "storage_area_id", "Primary key (auto-increment)",
                "warehouse_id", "Parent warehouse (CASCADE delete)",
                "parent_area_id", "Parent storage area for hierarchical subdivision (NULLABLE)",
                "code", "Unique area code (format: WAREHOUSE-AREA, uppercase, 2-50 chars)",
                "name", "Human-readable area name",
                "position", "Cardinal direction: N, S, E, W, C (optional)",
                "geojson_coordinates", "Storage area boundary polygon (WGS84 coordinates)",
                "centroid", "Auto-calculated center point (database trigger)",
                "active", "Active status (soft delete)",
                "created_at", "Record creation timestamp",
                "updated_at", "Last update timestamp");
        GeneratedArea.add(db, "storage_areas", GeneratedArea.POLYGON_AREA);
        CENTROID.create(db);
        WITHIN_WAREHOUSE.create(db);
        Indexes.gist(db, "idx_storage_areas_geom", "storage_areas", "geojson_coordinates");
        Indexes.gist(db, "idx_storage_areas_centroid", "storage_areas", "centroid");
        db.createUniqueIndex(name("idx_storage_areas_code")).on(name("storage_areas"), name("code")).execute();
        db.createIndex(name("idx_storage_areas_warehouse_id")).on(name("storage_areas"), name("warehouse_id")).execute();
        db.createIndex(name("idx_storage_areas_parent_area_id")).on(name("storage_areas"), name("parent_area_id")).execute();
        db.createIndex(name("idx_storage_areas_position")).on(name("storage_areas"), name("position")).execute();
        db.createIndex(name("idx_storage_areas_active")).on(name("storage_areas"), name("active")).execute();
    }

    @Override
    protected void down(DSLContext db) {
        WITHIN_WAREHOUSE.drop(db);
        CENTROID.drop(db);
        db.dropTable(name("storage_areas")).execute();
        POSITION.drop(db);
    }
}
