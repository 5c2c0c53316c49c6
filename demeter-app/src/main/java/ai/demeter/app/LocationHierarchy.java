package ai.demeter.app;

import static ai.demeter.app.db.Tables.STORAGE_AREAS;
import static ai.demeter.app.db.Tables.STORAGE_BINS;
import static ai.demeter.app.db.Tables.STORAGE_LOCATIONS;
import static ai.demeter.app.db.Tables.WAREHOUSES;

import ai.demeter.app.db.enums.PositionEnum;
import ai.demeter.app.db.enums.WarehouseTypeEnum;
import ai.demeter.app.db.tables.records.StorageAreasRecord;
import ai.demeter.app.db.tables.records.StorageBinsRecord;
import ai.demeter.app.db.tables.records.StorageLocationsRecord;
import ai.demeter.app.db.tables.records.WarehousesRecord;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * The location hierarchy: warehouse &gt; storage area &gt; storage location &gt; storage bin. The schema's triggers
 * fill the centroids and refuse an area outside its warehouse or a location outside its area.
 */
public final class LocationHierarchy {
    private final DSLContext db;

    public LocationHierarchy(DSLContext db) {
        this.db = db;
    }

    public WarehousesRecord createWarehouse(String code, String name, WarehouseTypeEnum type, Polygon boundary) {
        return db.insertInto(WAREHOUSES)
                .set(WAREHOUSES.CODE, code)
                .set(WAREHOUSES.NAME, name)
                .set(WAREHOUSES.WAREHOUSE_TYPE, type)
                .set(WAREHOUSES.GEOJSON_COORDINATES, boundary)
                .returning()
                .fetchSingle();
    }

    public StorageAreasRecord createArea(int warehouseId, String code, String name, PositionEnum position,
            Polygon boundary) {
        return db.insertInto(STORAGE_AREAS)
                .set(STORAGE_AREAS.WAREHOUSE_ID, warehouseId)
                .set(STORAGE_AREAS.CODE, code)
                .set(STORAGE_AREAS.NAME, name)
                .set(STORAGE_AREAS.POSITION, position)
                .set(STORAGE_AREAS.GEOJSON_COORDINATES, boundary)
                .returning()
                .fetchSingle();
    }

    /** A storage location: the GPS point where its photo is taken, inside its area. */
    public StorageLocationsRecord createLocation(int storageAreaId, String code, String qrCode, String name,
            Point photoPoint) {
        return db.insertInto(STORAGE_LOCATIONS)
                .set(STORAGE_LOCATIONS.STORAGE_AREA_ID, storageAreaId)
                .set(STORAGE_LOCATIONS.CODE, code)
                .set(STORAGE_LOCATIONS.QR_CODE, qrCode)
                .set(STORAGE_LOCATIONS.NAME, name)
                .set(STORAGE_LOCATIONS.COORDINATES, photoPoint)
                .returning()
                .fetchSingle();
    }

    public StorageBinsRecord createBin(int storageLocationId, String code, String label) {
        return db.insertInto(STORAGE_BINS)
                .set(STORAGE_BINS.STORAGE_LOCATION_ID, storageLocationId)
                .set(STORAGE_BINS.CODE, code)
                .set(STORAGE_BINS.LABEL, label)
                .returning()
                .fetchSingle();
    }

    public Optional<WarehousesRecord> warehouse(int warehouseId) {
        return db.selectFrom(WAREHOUSES).where(WAREHOUSES.WAREHOUSE_ID.eq(warehouseId)).fetchOptional();
    }

    /**
     * The storage location a GPS point belongs to. Storage locations are points (where the photo is taken, per
     * the migrations), so no location "contains" anything by itself; what contains the point is a storage area's
     * polygon. The answer is therefore: among the active storage areas whose polygon contains the point (the
     * innermost one when areas nest, i.e. the smallest), its active location nearest to the point. The
     * containment test runs on {@code idx_storage_areas_geom} (GiST).
     */
    public Optional<StorageLocationsRecord> locationAt(Point gps) {
        Field<Geometry> point = DSL.val(gps, STORAGE_AREAS.GEOJSON_COORDINATES);
        return db.select(STORAGE_LOCATIONS.fields())
                .from(STORAGE_AREAS)
                .join(STORAGE_LOCATIONS).on(STORAGE_LOCATIONS.STORAGE_AREA_ID.eq(STORAGE_AREAS.STORAGE_AREA_ID))
                .where(Spatial.contains(STORAGE_AREAS.GEOJSON_COORDINATES, point))
                .and(STORAGE_AREAS.ACTIVE.isTrue())
                .and(STORAGE_LOCATIONS.ACTIVE.isTrue())
                .orderBy(STORAGE_AREAS.AREA_M2.asc(), Spatial.distance(STORAGE_LOCATIONS.COORDINATES, point).asc())
                .limit(1)
                .fetchOptionalInto(STORAGE_LOCATIONS);
    }

    /** The storage locations whose point lies within the warehouse's boundary, by code. */
    public List<StorageLocationsRecord> locationsIn(int warehouseId) {
        return db.select(STORAGE_LOCATIONS.fields())
                .from(STORAGE_LOCATIONS)
                .join(WAREHOUSES).on(Spatial.within(STORAGE_LOCATIONS.COORDINATES, WAREHOUSES.GEOJSON_COORDINATES))
                .where(WAREHOUSES.WAREHOUSE_ID.eq(warehouseId))
                .orderBy(STORAGE_LOCATIONS.CODE)
                .fetchInto(STORAGE_LOCATIONS);
    }

    /** The SRID PostGIS stored for a location's point (4326 for everything this schema holds). */
    public int storedSrid(int locationId) {
        return db.select(Spatial.srid(STORAGE_LOCATIONS.COORDINATES))
                .from(STORAGE_LOCATIONS)
                .where(STORAGE_LOCATIONS.LOCATION_ID.eq(locationId))
                .fetchSingle().value1();
    }
}
