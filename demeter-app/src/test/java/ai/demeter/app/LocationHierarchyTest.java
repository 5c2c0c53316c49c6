package ai.demeter.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.app.db.enums.PositionEnum;
import ai.demeter.app.db.enums.WarehouseTypeEnum;
import ai.demeter.app.db.tables.records.StorageAreasRecord;
import ai.demeter.app.db.tables.records.StorageLocationsRecord;
import ai.demeter.app.db.tables.records.WarehousesRecord;
import ai.demeter.migrations.junit.MigratedDatabase;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/** The location hierarchy on a migrated database, triggers included. Near the nursery at 68.70°W 33.04°S. */
@MigratedDatabase
class LocationHierarchyTest {
    static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    private static DSLContext db;
    private static LocationHierarchy locations;

    /** A context on the class's connection, which stays open until the class is done. */
    @BeforeAll
    static void database(DSLContext classContext) {
        db = classContext;
        locations = new LocationHierarchy(db);
    }

    static Polygon square(double west, double south, double size) {
        return WGS84.createPolygon(new Coordinate[] {new Coordinate(west, south), new Coordinate(west + size, south),
                new Coordinate(west + size, south + size), new Coordinate(west, south + size), new Coordinate(west, south)});
    }

    static Point point(double lon, double lat) {
        return WGS84.createPoint(new Coordinate(lon, lat));
    }

    @Test
    void warehouseInsertGetsItsCentroidFromTheTriggerAndEnumsAreJavaEnums() {
        WarehousesRecord warehouse = locations.createWarehouse("NAVE-A", "Nave A", WarehouseTypeEnum.greenhouse,
                square(-68.710, -33.050, 0.010));
        Geometry centroid = warehouse.getCentroid();
        assertNotNull(centroid, "trg_warehouse_centroid sets the centroid on insert");
        assertEquals(point(-68.705, -33.045).getCoordinate().distance(centroid.getCoordinate()), 0, 1e-9);
        assertEquals(4326, centroid.getSRID());
        assertTrue(warehouse.getAreaM2().doubleValue() > 900_000, "generated column area_m2: " + warehouse.getAreaM2());
        assertEquals(WarehouseTypeEnum.greenhouse, locations.warehouse(warehouse.getWarehouseId()).orElseThrow()
                .getWarehouseType());
    }

    @Test
    void anAreaOutsideItsWarehouseIsRejectedByTheTrigger() {
        WarehousesRecord warehouse = locations.createWarehouse("NAVE-B", "Nave B", WarehouseTypeEnum.shadehouse,
                square(-68.690, -33.050, 0.010));
        DataAccessException refused = assertThrows(DataAccessException.class, () -> locations.createArea(
                warehouse.getWarehouseId(), "NAVE-B-OUT", "Outside", PositionEnum.N, square(-68.600, -33.050, 0.005)));
        assertTrue(refused.getMessage().contains("Storage area geometry must be within warehouse boundary (warehouse_id: "
                + warehouse.getWarehouseId() + ")"), refused.getMessage());
    }

    @Test
    void geometryRoundTripKeepsSrid4326() {
        WarehousesRecord warehouse = locations.createWarehouse("NAVE-C", "Nave C", WarehouseTypeEnum.tunnel,
                square(-68.670, -33.050, 0.010));
        StorageAreasRecord area = locations.createArea(warehouse.getWarehouseId(), "NAVE-C-NORTE", "Norte",
                PositionEnum.N, square(-68.668, -33.048, 0.004));
        Point gps = point(-68.6661234, -33.0461234);
        StorageLocationsRecord location = locations.createLocation(area.getStorageAreaId(), "NAVE-C-NORTE-LOC-001",
                "LOC000001", "Cantero 1", gps);

        StorageLocationsRecord read = db.fetchSingle(ai.demeter.app.db.Tables.STORAGE_LOCATIONS,
                ai.demeter.app.db.Tables.STORAGE_LOCATIONS.LOCATION_ID.eq(location.getLocationId()));
        assertTrue(read.getCoordinates().equalsExact(gps), read.getCoordinates().toText());
        assertEquals(4326, read.getCoordinates().getSRID());
        assertEquals(4326, locations.storedSrid(location.getLocationId()), "ST_SRID in the database");
        assertTrue(read.getCentroid().equalsExact(gps), "the location's centroid is its point");
        assertEquals(PositionEnum.N, area.getPosition());
    }

    @Test
    void findsTheLocationOfAGpsPointAndTheLocationsOfAWarehouse() {
        WarehousesRecord warehouse = locations.createWarehouse("NAVE-D", "Nave D", WarehouseTypeEnum.greenhouse,
                square(-68.650, -33.050, 0.010));
        WarehousesRecord other = locations.createWarehouse("NAVE-E", "Nave E", WarehouseTypeEnum.greenhouse,
                square(-68.630, -33.050, 0.010));
        StorageAreasRecord west = locations.createArea(warehouse.getWarehouseId(), "NAVE-D-OESTE", "Oeste",
                PositionEnum.W, square(-68.650, -33.050, 0.005));
        StorageAreasRecord east = locations.createArea(warehouse.getWarehouseId(), "NAVE-D-ESTE", "Este",
                PositionEnum.E, square(-68.645, -33.050, 0.005));
        StorageAreasRecord elsewhere = locations.createArea(other.getWarehouseId(), "NAVE-E-SUR", "Sur",
                PositionEnum.S, square(-68.630, -33.050, 0.005));
        StorageLocationsRecord w1 = locations.createLocation(west.getStorageAreaId(), "NAVE-D-OESTE-LOC-001",
                "LOC000101", "Oeste 1", point(-68.649, -33.049));
        StorageLocationsRecord w2 = locations.createLocation(west.getStorageAreaId(), "NAVE-D-OESTE-LOC-002",
                "LOC000102", "Oeste 2", point(-68.646, -33.046));
        StorageLocationsRecord e1 = locations.createLocation(east.getStorageAreaId(), "NAVE-D-ESTE-LOC-001",
                "LOC000201", "Este 1", point(-68.644, -33.049));
        locations.createLocation(elsewhere.getStorageAreaId(), "NAVE-E-SUR-LOC-001", "LOC000301", "Sur 1",
                point(-68.629, -33.049));
        locations.createBin(w1.getLocationId(), "NAVE-D-OESTE-LOC-001-B1", "Bandeja 1");

        assertEquals(w1.getLocationId(), locations.locationAt(point(-68.6489, -33.0489)).orElseThrow().getLocationId());
        assertEquals(w2.getLocationId(), locations.locationAt(point(-68.6462, -33.0462)).orElseThrow().getLocationId());
        // Nearer to w2's point, but inside the east area: the area decides.
        assertEquals(e1.getLocationId(), locations.locationAt(point(-68.6449, -33.0462)).orElseThrow().getLocationId());
        assertTrue(locations.locationAt(point(-68.500, -33.000)).isEmpty(), "outside every area");

        List<String> inWarehouse = locations.locationsIn(warehouse.getWarehouseId()).stream()
                .map(StorageLocationsRecord::getCode).toList();
        assertEquals(List.of("NAVE-D-ESTE-LOC-001", "NAVE-D-OESTE-LOC-001", "NAVE-D-OESTE-LOC-002"), inWarehouse);
    }
}
