package ai.demeter.app;

import static ai.demeter.app.LocationHierarchyTest.point;
import static ai.demeter.app.LocationHierarchyTest.square;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.app.db.enums.PositionEnum;
import ai.demeter.app.db.enums.WarehouseTypeEnum;
import ai.demeter.migrations.junit.MigratedDatabase;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * "Which storage location is this GPS point in", over 2,000 locations: one warehouse of about 1.9 x 2.2 km, a
 * grid of 8 x 5 storage areas, 50 locations (a 10 x 5 grid of points) in each. Not part of the default run (tag benchmark); figures go to docs/performance.md.
 */
@Tag("benchmark")
@MigratedDatabase
class LocationLookupBenchmarkTest {
    private static final int AREAS = 40;
    private static final int PER_AREA = 50;
    private static final int LOOKUPS = 2_000;

    @Test
    void pointInLocationLookup(DSLContext db) {
        LocationHierarchy hierarchy = new LocationHierarchy(db);
        double west = -68.800, south = -33.100, cell = 0.0025;
        int warehouse = hierarchy.createWarehouse("NAVE-BENCH", "Bench", WarehouseTypeEnum.greenhouse,
                square(west - 0.0001, south - 0.0001, 0.0202)).getWarehouseId();
        for (int a = 0; a < AREAS; a++) {
            double areaWest = west + (a % 8) * cell, areaSouth = south + (a / 8) * cell;
            int area = hierarchy.createArea(warehouse, "BENCH-A" + a, "Area " + a, PositionEnum.C,
                    square(areaWest, areaSouth, cell)).getStorageAreaId();
            for (int l = 0; l < PER_AREA; l++) {
                hierarchy.createLocation(area, "BENCH-A" + a + "-L" + l, String.format("LOCB%04d%02d", a, l),
                        "Loc " + l, point(areaWest + 0.0001 + (l % 10) * 0.00024, areaSouth + 0.0001 + (l / 10) * 0.00048));
            }
        }
        db.execute("analyze"); // fresh statistics, as autovacuum would have them on a live database
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) { // warm-up: JIT, plan cache
            hierarchy.locationAt(randomPoint(random, west, south, cell));
        }
        long[] nanos = new long[LOOKUPS];
        int found = 0;
        for (int i = 0; i < LOOKUPS; i++) {
            var gps = randomPoint(random, west, south, cell);
            long started = System.nanoTime();
            found += hierarchy.locationAt(gps).isPresent() ? 1 : 0;
            nanos[i] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "point-in-location over %d locations: median %.3f ms, p95 %.3f ms, %d/%d found%n",
                AREAS * PER_AREA, nanos[LOOKUPS / 2] / 1e6, nanos[LOOKUPS * 95 / 100] / 1e6, found, LOOKUPS);
        assertTrue(found == LOOKUPS);
    }

    /** A point strictly inside the area grid (8 x 5 cells), so every lookup has an answer. */
    private static org.locationtech.jts.geom.Point randomPoint(Random random, double west, double south, double cell) {
        return point(west + 0.00001 + random.nextDouble() * (8 * cell - 0.00002),
                south + 0.00001 + random.nextDouble() * (5 * cell - 0.00002));
    }
}
