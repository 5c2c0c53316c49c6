package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.BackfillProgress;
import java.util.List;

/**
 * The tables Flyway and Demeter keep in a migrated schema: Flyway's history, Demeter's rollback journal, adoption
 * record and backfill progress, and Alembic's {@code alembic_version}. None is built by the migrations, so catalog snapshots, drift and
 * code generation leave them out.
 */
public final class BookkeepingTables {
    private BookkeepingTables() {
    }

    /** The bookkeeping tables of a schema whose Flyway history table is {@code historyTable}. */
    public static List<String> of(String historyTable) {
        return List.of(historyTable, RollbackJournal.TABLE, AlembicAdoption.ADOPTION_TABLE,
                AlembicAdoption.ALEMBIC_TABLE, BackfillProgress.TABLE);
    }
}
