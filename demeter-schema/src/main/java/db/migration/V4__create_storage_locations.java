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
import ai.demeter.schema.ddl.PgTypes;
import ai.demeter.schema.ddl.Timestamps;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.SQLDataType;

/**
 * Alembic revision sof6kow8eu3r: {@code storage_locations}, level 3 and the "photo unit". Its geometry is the
 * GPS POINT where the photo is taken (the later ORM/ERD polygon never got a migration), so the centroid is the
 * point itself and area_m2 is a constant 0. {@code photo_session_id} gets its FK only in V16, once
 * photo_processing_sessions exists.
 */
@AlembicRevision("sof6kow8eu3r")
public class V4__create_storage_locations extends DemeterMigration {
    private static final CentroidTrigger CENTROID = new CentroidTrigger("storage_locations",
            "update_storage_location_centroid", "trg_storage_location_centroid", "coordinates",
            "For POINT geometry, centroid equals coordinates", "NEW.coordinates");

    private static final ContainmentTrigger WITHIN_AREA = new ContainmentTrigger("storage_locations",
            "check_storage_location_within_area", "trg_storage_location_containment", "coordinates",
            "storage_area_id", "storage_areas", "geojson_coordinates",
            new ContainmentTrigger.Wording("area_geom",
                    "Fetch parent storage area geometry (POLYGON)",
                    "Check if storage area exists",
                    "Check if location POINT is within area POLYGON",
                    "StorageArea with ID % does not exist",
                    "Storage location POINT must be within parent storage area POLYGON (storage_area_id: %)"));

    @Override
    protected void up(DSLContext db) {
        db.createTable(name("storage_locations"))
                .column(name("location_id"), PgTypes.SERIAL.nullable(false))
                .column(name("storage_area_id"), SQLDataType.INTEGER.nullable(false))
                .column(name("photo_session_id"), SQLDataType.INTEGER)
                .column(name("code"), SQLDataType.VARCHAR(50).nullable(false))
                .column(name("qr_code"), SQLDataType.VARCHAR(20).nullable(false))
                .column(name("name"), SQLDataType.VARCHAR(200).nullable(false))
                .column(name("description"), SQLDataType.CLOB)
                .column(name("coordinates"), PgTypes.POINT_4326.nullable(false))
                .column(name("centroid"), PgTypes.POINT_4326)
                .column(name("position_metadata"), SQLDataType.JSONB.nullable(false)
                        .defaultValue(inline(JSONB.valueOf("{}"))))
                .column(name("active"), SQLDataType.BOOLEAN.nullable(false).defaultValue(inline(true)))
                .columns(Timestamps.zoned())
                .constraints(
                        constraint(name("pk_storage_locations")).primaryKey(name("location_id")),
                        constraint(name("fk_storage_locations_storage_area_id")).foreignKey(name("storage_area_id"))
                                .references(name("storage_areas"), name("storage_area_id")).onDeleteCascade(),
                        constraint(name("uq_storage_locations_code")).unique(name("code")),
                        constraint(name("uq_storage_locations_qr_code")).unique(name("qr_code")),
                        constraint(name("ck_storage_location_code_length")).check(Checks.lengthBetween("code", 2, 50)),
                        constraint(name("ck_storage_location_qr_code_length")).check(Checks.lengthBetween("qr_code", 8, 20)))
                .execute();
        Comments.describe(db, "storage_locations", "Storage Locations - Level 3 of 4-tier geospatial location hierarchy (photo unit)",
                "location_id", "Primary key (auto-increment)",
                "storage_area_id", "Parent storage area (CASCADE delete)",
                "photo_session_id", "Latest photo processing session for this location (nullable, SET NULL on delete)",
                "code", "Unique location code (format: WAREHOUSE-AREA-LOCATION, uppercase, 2-50 chars)",
                "qr_code", "Physical QR code label (alphanumeric + optional hyphen/underscore, 8-20 chars, uppercase)",
                "name", "Human-readable location name",
                "description", "Optional detailed description",
                "coordinates", "GPS coordinate where photo is taken (POINT geometry, WGS84)",
                "centroid", "Auto-calculated center point (equals coordinates for POINT geometry)",
                "position_metadata", "Camera angle, height, lighting conditions (flexible JSONB structure)",
                "active", "Active status (soft delete)",
                "created_at", "Record creation timestamp",
                "updated_at", "Last update timestamp");
        GeneratedArea.add(db, "storage_locations", GeneratedArea.NO_AREA);
        CENTROID.create(db);
        WITHIN_AREA.create(db);
        Indexes.gist(db, "idx_storage_locations_coords", "storage_locations", "coordinates");
        Indexes.gist(db, "idx_storage_locations_centroid", "storage_locations", "centroid");
        db.createUniqueIndex(name("idx_storage_locations_code")).on(name("storage_locations"), name("code")).execute();
        db.createUniqueIndex(name("idx_storage_locations_qr_code")).on(name("storage_locations"), name("qr_code")).execute();
        db.createIndex(name("idx_storage_locations_storage_area_id")).on(name("storage_locations"), name("storage_area_id")).execute();
        db.createIndex(name("idx_storage_locations_photo_session_id")).on(name("storage_locations"), name("photo_session_id")).execute();
        db.createIndex(name("idx_storage_locations_active")).on(name("storage_locations"), name("active")).execute();
    }

    @Override
    protected void down(DSLContext db) {
        WITHIN_AREA.drop(db);
        CENTROID.drop(db);
        db.dropTable(name("storage_locations")).execute();
    }
}
