package ai.demeter.migrations.api;

import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

/** What a backfill is, with no database: its recording, and the mistakes refused as it is written. */
class BackfillTest {
    private static final Field<String> LABEL = field(name("label"), SQLDataType.CLOB);
    private static final Field<String> BATCH = field(name("batch"), SQLDataType.CLOB);

    /** A migration of one backfill, as an author writes it. */
    public static class V5__label_photos extends DemeterMigration {
        @Override
        protected boolean transactional() {
            return false;
        }

        @Override
        protected void change(DSLContext db) {
            backfill(db, Backfill.table("photos").set(LABEL, inline("none")).where(LABEL.isNull())
                    .inverse(Backfill.table("photos").set(LABEL, (String) null)));
        }
    }

    @Test
    void aMigrationRecordsItsBackfillAsAMarkerTheChecksumCovers() {
        V5__label_photos migration = new V5__label_photos();
        List<String> up = migration.renderUp();
        assertEquals(List.of("-- demeter:backfill step 1 of photos: \"label\" = 'none' where \"label\" is null;"
                + " keyset batches, each its own transaction"), up);
        assertTrue(Backfill.isMarker(up.get(0)));
        assertEquals(List.of("-- demeter:backfill step 1 of photos: \"label\" = null; keyset batches, each its own"
                + " transaction"), migration.renderDown(), "change()'s down is the inverse");
        assertTrue(migration.isReversible());
        assertFalse(RenderedMigrations.render(migration).replayable(), "a backfill is never replayed as a statement");
    }

    @Test
    void aConditionOnAnotherTableIsRefusedAndASubqueryIsNot() {
        DemeterException e = assertThrows(DemeterException.class, () -> Backfill.table("photos").set(LABEL, "x")
                .where(field(name("batches", "closed"), SQLDataType.BOOLEAN).isTrue()));
        assertTrue(e.isUserMistake());
        assertTrue(e.getMessage().startsWith("The condition of the backfill of photos names \"batches\".\"closed\","
                + " a column of another table"), e.getMessage());

        Backfill correlated = Backfill.table("photos").set(LABEL, "closed").where(exists(selectOne()
                .from(table(name("batches")))
                .where(field(name("batches", "name")).eq(field(name("photos", "batch"))))
                .and(field(name("batches", "closed"), SQLDataType.BOOLEAN).isTrue())));
        assertTrue(correlated.describe().contains("exists (select 1 as \"one\" from \"batches\" where (\"batches\".\"name\" = \"photos\".\"batch\""), correlated.describe());
        assertTrue(Backfill.table("photos").set(LABEL, BATCH).where(field(name("photos", "batch")).isNotNull())
                .condition().isPresent(), "the table's own qualified columns are its own");
    }

    @Test
    void mistakesInTheSpecificationAreRefusedAsItIsWritten() {
        assertTrue(assertThrows(DemeterException.class, () -> Backfill.table(table(name("inventory", "photos"))))
                .getMessage().startsWith("Backfill.table(\"inventory\".\"photos\"): name the table without its"
                        + " schema (photos)"));
        assertTrue(assertThrows(DemeterException.class, () -> Backfill.table("photos")
                .inverse(Backfill.table("batches").set(LABEL, "x"))).getMessage().contains("an inverse backfills the"
                + " same table"));
        assertTrue(assertThrows(DemeterException.class, () -> Backfill.table("photos").requireValues())
                .getMessage().contains("sets no column: give it set(column, value)"));
        assertTrue(assertThrows(DemeterException.class, () -> Backfill.Tuning.DEFAULT.withBatchSizes(10, 100, 1_000))
                .getMessage().contains("1 <= min <= initial <= max; got min 100, initial 10, max 1000"));
        assertTrue(assertThrows(DemeterException.class, () -> Backfill.table("photos").restRatio(-1)).getMessage()
                .contains("its rest ratio between 0 and 100 (got -1.0)"));
        assertTrue(assertThrows(DemeterException.class, () -> Backfill.table("photos").keyedBy()).getMessage()
                .contains("keyedBy() needs at least one column"));
    }
}
