package ai.demeter.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.junit.MigratedDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The location hierarchy's triggers and generated columns through real inserts: centroids, areas and spatial
 * containment. Each test runs in a transaction that is rolled back.
 */
@MigratedDatabase
class SpatialTriggersTest {
    /** About 1.87 km × 2.22 km near Mendoza. */
    private static final String WAREHOUSE_POLYGON =
            "ST_GeomFromText('POLYGON((-68.71 -33.05,-68.69 -33.05,-68.69 -33.03,-68.71 -33.03,-68.71 -33.05))', 4326)";
    private static final String AREA_INSIDE =
            "ST_GeomFromText('POLYGON((-68.705 -33.045,-68.695 -33.045,-68.695 -33.035,-68.705 -33.035,-68.705 -33.045))', 4326)";
    private static final String AREA_OUTSIDE =
            "ST_GeomFromText('POLYGON((-68.0 -33.0,-67.9 -33.0,-67.9 -32.9,-68.0 -32.9,-68.0 -33.0))', 4326)";

    private Connection connection;

    /** The test's connection, which the kit closes after the test. */
    @BeforeEach
    void begin(Connection testConnection) throws SQLException {
        connection = testConnection;
        connection.setAutoCommit(false);
    }

    @AfterEach
    void rollBack() throws SQLException {
        connection.rollback();
    }

    @Test
    void warehousePolygonGetsItsCentroidAndArea() throws SQLException {
        List<String> row = single("""
                insert into warehouses (code, name, warehouse_type, geojson_coordinates)
                values ('WH-MZA', 'Mendoza', 'greenhouse', %s)
                returning ST_AsText(centroid, 9), ST_SRID(centroid), area_m2::text,
                          round(ST_Area(geojson_coordinates::geography)::numeric, 2)::text""".formatted(WAREHOUSE_POLYGON));
        assertEquals("POINT(-68.7 -33.04)", row.get(0));
        assertEquals("4326", row.get(1));
        assertEquals(row.get(3), row.get(2), "area_m2 is the polygon's geodesic area");
        double area = Double.parseDouble(row.get(2));
        assertTrue(area > 4.0e6 && area < 4.3e6, "area_m2 " + area);

        List<String> moved = single("""
                update warehouses
                set geojson_coordinates = ST_GeomFromText('POLYGON((-68.73 -33.05,-68.69 -33.05,-68.69 -33.03,-68.73 -33.03,-68.73 -33.05))', 4326)
                where code = 'WH-MZA' returning ST_AsText(centroid, 9), area_m2 > %s""".formatted(row.get(2)));
        assertEquals(List.of("POINT(-68.71 -33.04)", "t"), moved, "the centroid and area follow an updated polygon");
    }

    @Test
    void storageAreaInsideItsWarehouseGetsCentroidAndArea() throws SQLException {
        int warehouse = warehouse();
        List<String> row = single("""
                insert into storage_areas (warehouse_id, code, name, geojson_coordinates)
                values (%d, 'WH-MZA-N', 'North', %s) returning ST_AsText(centroid, 9), area_m2 > 0"""
                .formatted(warehouse, AREA_INSIDE));
        assertEquals(List.of("POINT(-68.7 -33.04)", "t"), row);
    }

    @Test
    void storageAreaOutsideItsWarehouseIsRejected() throws SQLException {
        int warehouse = warehouse();
        SQLException error = assertThrows(SQLException.class, () -> execute("""
                insert into storage_areas (warehouse_id, code, name, geojson_coordinates)
                values (%d, 'WH-MZA-X', 'Outside', %s)""".formatted(warehouse, AREA_OUTSIDE)));
        assertEquals("P0001", error.getSQLState());
        assertTrue(error.getMessage().contains(
                "Storage area geometry must be within warehouse boundary (warehouse_id: " + warehouse + ")"),
                error.getMessage());
    }

    @Test
    void storageAreaOfAMissingWarehouseIsRejected() {
        SQLException error = assertThrows(SQLException.class, () -> execute("""
                insert into storage_areas (warehouse_id, code, name, geojson_coordinates)
                values (424242, 'NO-WH', 'Orphan', %s)""".formatted(AREA_INSIDE)));
        assertTrue(error.getMessage().contains("Warehouse with ID 424242 does not exist"), error.getMessage());
    }

    @Test
    void storageLocationPointInsideItsAreaHasItselfAsCentroidAndNoArea() throws SQLException {
        int area = storageArea(warehouse());
        List<String> row = single("""
                insert into storage_locations (storage_area_id, code, qr_code, name, coordinates)
                values (%d, 'WH-MZA-N-L1', 'LOC00001', 'L1', ST_SetSRID(ST_MakePoint(-68.70, -33.04), 4326))
                returning ST_AsText(centroid, 9), ST_Equals(centroid, coordinates), area_m2::text""".formatted(area));
        assertEquals(List.of("POINT(-68.7 -33.04)", "t", "0.00"), row);
    }

    @Test
    void storageLocationPointOutsideItsAreaIsRejected() throws SQLException {
        int area = storageArea(warehouse());
        SQLException error = assertThrows(SQLException.class, () -> execute("""
                insert into storage_locations (storage_area_id, code, qr_code, name, coordinates)
                values (%d, 'WH-MZA-N-L2', 'LOC00002', 'L2', ST_SetSRID(ST_MakePoint(-68.60, -33.04), 4326))"""
                .formatted(area)));
        assertEquals("P0001", error.getSQLState());
        assertTrue(error.getMessage().contains(
                "Storage location POINT must be within parent storage area POLYGON (storage_area_id: " + area + ")"),
                error.getMessage());
    }

    private int warehouse() throws SQLException {
        return Integer.parseInt(single("""
                insert into warehouses (code, name, warehouse_type, geojson_coordinates)
                values ('WH-MZA', 'Mendoza', 'greenhouse', %s) returning warehouse_id""".formatted(WAREHOUSE_POLYGON))
                .get(0));
    }

    private int storageArea(int warehouse) throws SQLException {
        return Integer.parseInt(single("""
                insert into storage_areas (warehouse_id, code, name, geojson_coordinates)
                values (%d, 'WH-MZA-N', 'North', %s) returning storage_area_id""".formatted(warehouse, AREA_INSIDE))
                .get(0));
    }

    private List<String> single(String sql) throws SQLException {
        List<List<String>> rows = SchemaQueries.rows(connection, sql);
        assertEquals(1, rows.size(), sql);
        return rows.get(0);
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
