package ai.demeter.app;

import static ai.demeter.app.db.Tables.STOCK_BATCHES;
import static ai.demeter.app.db.Tables.STOCK_MOVEMENTS;

import ai.demeter.app.db.enums.Movementtypeenum;
import ai.demeter.app.db.enums.Sourcetypeenum;
import ai.demeter.app.db.tables.records.StockBatchesRecord;
import ai.demeter.app.db.tables.records.StockMovementsRecord;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Stock, event-sourced: {@code stock_movements} are the events (signed quantities), {@code stock_batches} the
 * current state. Current stock is the sum of a batch's movements; a movement and its batch update are written in
 * one transaction so the two never disagree.
 */
public final class StockLedger {
    private final DSLContext db;

    public StockLedger(DSLContext db) {
        this.db = db;
    }

    /** A new batch in a bin, with no stock yet: its stock comes from movements. */
    public StockBatchesRecord createBatch(String batchCode, int binId, int productId, int productStateId,
            Integer productSizeId, LocalDate plantingDate) {
        return db.insertInto(STOCK_BATCHES)
                .set(STOCK_BATCHES.BATCH_CODE, batchCode)
                .set(STOCK_BATCHES.CURRENT_STORAGE_BIN_ID, binId)
                .set(STOCK_BATCHES.PRODUCT_ID, productId)
                .set(STOCK_BATCHES.PRODUCT_STATE_ID, productStateId)
                .set(STOCK_BATCHES.PRODUCT_SIZE_ID, productSizeId)
                .set(STOCK_BATCHES.QUANTITY_INITIAL, 0)
                .set(STOCK_BATCHES.QUANTITY_CURRENT, 0)
                .set(STOCK_BATCHES.PLANTING_DATE, plantingDate)
                .returning()
                .fetchSingle();
    }

    /** A movement to record: a signed quantity (positive in, negative out). */
    public record Movement(int batchId, Movementtypeenum type, int quantity, int userId, Sourcetypeenum source,
            Integer processingSessionId, String reason) {
    }

    /**
     * Records a movement and applies it to its batch in one transaction: the batch's current quantity changes by
     * the movement's, and the first inbound movement also sets the initial quantity. A movement that would take
     * the batch below zero fails on the batch's check constraint and nothing is written.
     */
    public StockMovementsRecord record(Movement movement) {
        return db.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            StockMovementsRecord written = tx.insertInto(STOCK_MOVEMENTS)
                    .set(STOCK_MOVEMENTS.MOVEMENT_ID, UUID.randomUUID().toString())
                    .set(STOCK_MOVEMENTS.BATCH_ID, movement.batchId())
                    .set(STOCK_MOVEMENTS.MOVEMENT_TYPE, movement.type())
                    .set(STOCK_MOVEMENTS.QUANTITY, movement.quantity())
                    .set(STOCK_MOVEMENTS.USER_ID, movement.userId())
                    .set(STOCK_MOVEMENTS.SOURCE_TYPE, movement.source())
                    .set(STOCK_MOVEMENTS.IS_INBOUND, movement.quantity() > 0)
                    .set(STOCK_MOVEMENTS.PROCESSING_SESSION_ID, movement.processingSessionId())
                    .set(STOCK_MOVEMENTS.REASON_DESCRIPTION, movement.reason())
                    .returning()
                    .fetchSingle();
            tx.update(STOCK_BATCHES)
                    .set(STOCK_BATCHES.QUANTITY_CURRENT, STOCK_BATCHES.QUANTITY_CURRENT.plus(movement.quantity()))
                    .set(STOCK_BATCHES.QUANTITY_INITIAL, DSL.when(STOCK_BATCHES.QUANTITY_INITIAL.eq(0)
                                    .and(DSL.inline(movement.quantity() > 0)), DSL.val(movement.quantity()))
                            .otherwise(STOCK_BATCHES.QUANTITY_INITIAL))
                    .set(STOCK_BATCHES.UPDATED_AT, LocalDateTime.now())
                    .where(STOCK_BATCHES.ID.eq(movement.batchId()))
                    .execute();
            return written;
        });
    }

    /** A batch's current stock: the sum of its movements (0 when it has none). */
    public int currentStock(int batchId) {
        return db.select(DSL.coalesce(DSL.sum(STOCK_MOVEMENTS.QUANTITY), java.math.BigDecimal.ZERO))
                .from(STOCK_MOVEMENTS)
                .where(STOCK_MOVEMENTS.BATCH_ID.eq(batchId))
                .fetchSingle().value1().intValueExact();
    }

    /** Current stock of every batch in a bin, by batch code (batches without movements count 0). */
    public Map<String, Integer> stockInBin(int binId) {
        return db.select(STOCK_BATCHES.BATCH_CODE, DSL.coalesce(DSL.sum(STOCK_MOVEMENTS.QUANTITY), java.math.BigDecimal.ZERO))
                .from(STOCK_BATCHES)
                .leftJoin(STOCK_MOVEMENTS).on(STOCK_MOVEMENTS.BATCH_ID.eq(STOCK_BATCHES.ID))
                .where(STOCK_BATCHES.CURRENT_STORAGE_BIN_ID.eq(binId))
                .groupBy(STOCK_BATCHES.BATCH_CODE)
                .fetchMap(r -> r.value1(), r -> r.value2().intValueExact());
    }

    public StockBatchesRecord batch(int batchId) {
        return db.selectFrom(STOCK_BATCHES).where(STOCK_BATCHES.ID.eq(batchId)).fetchSingle();
    }
}
