package ai.demeter.app;

import static ai.demeter.app.LocationHierarchyTest.point;
import static ai.demeter.app.LocationHierarchyTest.square;
import static ai.demeter.app.db.Tables.STOCK_MOVEMENTS;
import static ai.demeter.app.db.Tables.USERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.app.db.enums.Calculationmethodenum;
import ai.demeter.app.db.enums.Movementtypeenum;
import ai.demeter.app.db.enums.PositionEnum;
import ai.demeter.app.db.enums.Sessionstatusenum;
import ai.demeter.app.db.enums.Sourcetypeenum;
import ai.demeter.app.db.enums.WarehouseTypeEnum;
import ai.demeter.app.db.tables.records.PhotoProcessingSessionsRecord;
import ai.demeter.app.db.tables.records.ProductsRecord;
import ai.demeter.app.db.tables.records.StockBatchesRecord;
import ai.demeter.app.db.tables.records.StorageBinsRecord;
import ai.demeter.app.db.tables.records.StorageLocationsRecord;
import ai.demeter.migrations.junit.MigratedDatabase;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Catalog, stock and photo sessions on a migrated database (seed rows of the migrations included). */
@MigratedDatabase
class StockAndPhotoSessionsTest {
    private static DSLContext db;
    private static ProductCatalog catalog;
    private static StockLedger stock;
    private static PhotoSessions photos;
    private static StorageLocationsRecord location;
    private static StorageBinsRecord bin;
    private static int admin;

    @BeforeAll
    static void database(DSLContext classContext) {
        db = classContext;
        catalog = new ProductCatalog(db);
        stock = new StockLedger(db);
        photos = new PhotoSessions(db);
        LocationHierarchy hierarchy = new LocationHierarchy(db);
        int warehouse = hierarchy.createWarehouse("NAVE-S", "Nave S", WarehouseTypeEnum.greenhouse,
                square(-68.710, -33.050, 0.010)).getWarehouseId();
        int area = hierarchy.createArea(warehouse, "NAVE-S-CENTRO", "Centro", PositionEnum.C,
                square(-68.708, -33.048, 0.006)).getStorageAreaId();
        location = hierarchy.createLocation(area, "NAVE-S-CENTRO-LOC-001", "LOC000901", "Cantero 1",
                point(-68.705, -33.045));
        bin = hierarchy.createBin(location.getLocationId(), "NAVE-S-CENTRO-LOC-001-B1", "Segmento 1");
        admin = db.select(USERS.ID).from(USERS).where(USERS.EMAIL.eq("admin@demeter.ai")).fetchSingle().value1();
    }

    private static ProductsRecord echeveria(String sku) {
        int family = catalog.families("SUCCULENT").stream().filter(f -> f.getName().equals("Crassula")).findFirst()
                .orElseThrow().getFamilyId();
        return catalog.createProduct(family, sku, "Crassula ovata", "Crassula ovata");
    }

    @Test
    void catalogReadsTheSeedAndCreatesProducts() {
        assertEquals(11, catalog.states().size());
        assertEquals("SEED", catalog.states().get(0).getCode());
        assertEquals(List.of("XS", "S", "M", "L", "XL", "XXL", "CUSTOM"),
                catalog.sizes().stream().map(s -> s.getCode()).toList());
        int category = catalog.createCategory("AGAVES", "Agaves").getId();
        int family = catalog.createFamily(category, "Agave", "Agave").getFamilyId();
        catalog.createProduct(family, "AGAVE-AMER-01", "Agave americana", "Agave americana");
        assertEquals("Agave americana", catalog.product("AGAVE-AMER-01").orElseThrow().getCommonName());
        assertEquals(List.of("Agave"), catalog.families("AGAVES").stream().map(f -> f.getName()).toList());
    }

    @Test
    void currentStockIsTheSumOfMovementsAndTheBatchFollowsInTheSameTransaction() {
        ProductsRecord product = echeveria("CRAS-OVATA-01");
        StockBatchesRecord batch = stock.createBatch("B-2025-0001", bin.getBinId(), product.getId(),
                catalog.state("SEEDLING").getProductStateId(), null, LocalDate.of(2025, 9, 1));

        stock.record(new StockLedger.Movement(batch.getId(), Movementtypeenum.plantar, 120, admin,
                Sourcetypeenum.manual, null, "Siembra inicial"));
        stock.record(new StockLedger.Movement(batch.getId(), Movementtypeenum.muerte, -7, admin,
                Sourcetypeenum.manual, null, null));
        stock.record(new StockLedger.Movement(batch.getId(), Movementtypeenum.ventas, -13, admin,
                Sourcetypeenum.manual, null, null));

        assertEquals(100, stock.currentStock(batch.getId()));
        StockBatchesRecord after = stock.batch(batch.getId());
        assertEquals(100, after.getQuantityCurrent());
        assertEquals(120, after.getQuantityInitial());
        assertEquals(Map.of("B-2025-0001", 100), stock.stockInBin(bin.getBinId()));

        // Selling more than there is: the batch's check constraint refuses, and the movement is not kept either.
        assertThrows(DataAccessException.class, () -> stock.record(new StockLedger.Movement(batch.getId(),
                Movementtypeenum.ventas, -500, admin, Sourcetypeenum.manual, null, null)));
        assertEquals(100, stock.currentStock(batch.getId()));
        assertEquals(3, db.fetchCount(STOCK_MOVEMENTS, STOCK_MOVEMENTS.BATCH_ID.eq(batch.getId())));
        assertEquals(Movementtypeenum.plantar, db.select(STOCK_MOVEMENTS.MOVEMENT_TYPE).from(STOCK_MOVEMENTS)
                .where(STOCK_MOVEMENTS.BATCH_ID.eq(batch.getId())).orderBy(STOCK_MOVEMENTS.ID).limit(1)
                .fetchSingle().value1());
    }

    @Test
    void aCompletedSessionTotalsItsDetectionsAndEstimations() {
        PhotoProcessingSessionsRecord session = photos.start(location.getLocationId());
        assertEquals(Sessionstatusenum.processing, session.getStatus());
        photos.addDetection(session.getId(), 100, 120, 40, 42, 0.91, false);
        photos.addDetection(session.getId(), 180, 125, 38, 40, 0.85, false);
        photos.addDetection(session.getId(), 260, 118, 36, 36, 0.60, true);
        photos.addEstimation(session.getId(), 57, Calculationmethodenum.band_estimation, 0.75);

        PhotoProcessingSessionsRecord done = photos.complete(session.getId());
        assertEquals(Sessionstatusenum.completed, done.getStatus());
        assertEquals(2, done.getTotalDetected());
        assertEquals(1, done.getTotalEmptyContainers());
        assertEquals(57, done.getTotalEstimated());
        assertEquals(new BigDecimal("0.79"), done.getAvgConfidence());
        assertEquals(session.getId(), new LocationHierarchy(db).locationAt(point(-68.705, -33.045)).orElseThrow()
                .getPhotoSessionId());
        assertTrue(done.getSessionId().length() == 36);
    }
}
