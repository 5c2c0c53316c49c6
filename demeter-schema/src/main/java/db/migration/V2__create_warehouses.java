package db.migration;

import static org.jooq.impl.DSL.constraint;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import ai.demeter.migrations.api.AlembicRevision;
import ai.demeter.migrations.api.DemeterMigration;
import ai.demeter.schema.ddl.Comments;
import ai.demeter.schema.ddl.CentroidTrigger;
import ai.demeter.schema.ddl.Checks;
import ai.demeter.schema.ddl.GeneratedArea;
import ai.demeter.schema.ddl.Indexes;
import ai.demeter.schema.ddl.PgEnum;
import ai.demeter.schema.ddl.PgTypes;
import ai.demeter.schema.ddl.Timestamps;
import org.jooq.DSLContext;
import org.jooq.impl.SQLDataType;

/**
 * Alembic revision 2f68e3f132f5: {@code warehouses}, the root of the location hierarchy
 * (warehouse → storage area → storage location → storage bin). A boundary polygon with a trigger-maintained
 * centroid and a generated area in square metres.
 */
@AlembicRevision("2f68e3f132f5")
public class V2__create_warehouses extends DemeterMigration {
    static final PgEnum WAREHOUSE_TYPE = new PgEnum("warehouse_type_enum",
            "greenhouse", "shadehouse", "open_field", "tunnel");

    private static final CentroidTrigger CENTROID = new CentroidTrigger("warehouses",
            "update_warehouse_centroid", "trg_warehouse_centroid", "geojson_coordinates",
            "Auto-calculate centroid from polygon geometry", "ST_Centroid(NEW.geojson_coordinates)");

    @Override
    protected void up(DSLContext db) {
        WAREHOUSE_TYPE.create(db);
        db.createTable(name("warehouses"))
                .column(name("warehouse_id"), PgTypes.SERIAL.nullable(false))
                .column(name("code"), SQLDataType.VARCHAR(50).nullable(false))
                .column(name("name"), SQLDataType.VARCHAR(200).nullable(false))
                .column(name("warehouse_type"), WAREHOUSE_TYPE.type().nullable(false))
                .column(name("geojson_coordinates"), PgTypes.POLYGON_4326.nullable(false))
                .column(name("centroid"), PgTypes.POINT_4326)
                .column(name("active"), SQLDataType.BOOLEAN.nullable(false).defaultValue(inline(true)))
                .columns(Timestamps.zoned())
                .constraints(
                        constraint(name("pk_warehouses")).primaryKey(name("warehouse_id")),
                        constraint(name("uq_warehouses_code")).unique(name("code")),
                        // Codes are 2-20 characters although the column allows 50.
                        constraint(name("ck_warehouse_code_length")).check(Checks.lengthBetween("code", 2, 20)))
                .execute();
        Comments.describe(db, "warehouses", "Warehouses - Root level of 4-tier geospatial location hierarchy",
                "warehouse_id", "Primary key (auto-increment)",
                "code", "Unique warehouse code (uppercase alphanumeric, 2-20 chars)",
                "name", "Human-readable warehouse name",
                "warehouse_type", "Facility type: greenhouse, shadehouse, open_field, tunnel",
                "geojson_coordinates", "Warehouse boundary polygon (WGS84 coordinates)",
                "centroid", "Auto-calculated center point (database trigger)",
                "active", "Active status (soft delete)",
                "created_at", "Record creation timestamp",
                "updated_at", "Last update timestamp");
        GeneratedArea.add(db, "warehouses", GeneratedArea.POLYGON_AREA);
        CENTROID.create(db);
        Indexes.gist(db, "idx_warehouses_geom", "warehouses", "geojson_coordinates");
        Indexes.gist(db, "idx_warehouses_centroid", "warehouses", "centroid");
        db.createUniqueIndex(name("idx_warehouses_code")).on(name("warehouses"), name("code")).execute();
        db.createIndex(name("idx_warehouses_type")).on(name("warehouses"), name("warehouse_type")).execute();
        db.createIndex(name("idx_warehouses_active")).on(name("warehouses"), name("active")).execute();
    }

    @Override
    protected void down(DSLContext db) {
        CENTROID.drop(db);
        db.dropTable(name("warehouses")).execute();
        WAREHOUSE_TYPE.drop(db);
    }
}
