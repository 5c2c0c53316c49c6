package ai.demeter.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.testing.SharedCluster;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code pg_terminate_backend} of the session running a migration, up or down, at a known statement: the test holds
 * a lock the migration's second statement waits for, and ends the migration's backend while it waits. The error
 * says what happened, that nothing of the migration was applied (or undone), and to run again; the history and the
 * schema agree, Flyway's lock is free, and the next run completes.
 */
@Tag("reliability")
class TerminatedSessionTest {
    private static final String ALTERING = "classpath:ai/demeter/migrations/engine/fixtures/altering";

    private static MigrationEngine engine(DatabaseTarget target) {
        return new MigrationEngine(new EngineSettings(target, TerminatedSessionTest.class.getClassLoader(),
                List.of(ALTERING), EngineSettings.DEFAULT_SCHEMA, EngineSettings.DEFAULT_HISTORY_TABLE)
                .withStatementLockTimeout(Duration.ofMinutes(2)), MigrationListener.SILENT);
    }

    @Test
    void aMigrateWhoseSessionIsTerminatedAppliesNothingOfThatMigrationAndTheNextMigrateCompletes() throws Exception {
        DatabaseTarget target = SharedCluster.newDatabase();
        MigrationEngine engine = engine(target);
        engine.migrate(MigrateTarget.parse("1"));
        DemeterException e;
        try (Connection holder = Connections.open(target)) {
            StatementLockTimeoutTest.holdAccessShareLock(holder, "holder");
            e = terminatedWhileWaiting(target, () -> engine.migrate(new MigrateTarget.Head()));
        }
        String message = e.getMessage();
        System.out.println(message);
        assertTrue(e.isUserMistake());
        assertTrue(message.startsWith("Migration V2 (add plot codes) failed: the database server ended the session"
                + " that was running it (by pg_terminate_backend, a restart, or a lost connection)."), message);
        assertTrue(message.contains("SQLSTATE:  57P01"), message);
        assertTrue(message.contains("nothing of V2 was applied, and no history row was written for it; the migrations"
                + " before it stay applied. Run migrate again."), message);
        assertFalse(message.contains("Exception"), message);

        assertConsistentAt(target, "1");
        assertEquals("null", single(target, "select coalesce(to_regclass('plot_notes')::text, 'null')"),
                "V2's first statement was rolled back with its session");
        assertEquals(1, engine.migrate(new MigrateTarget.Head()).applied());
        assertConsistentAt(target, "2");
    }

    @Test
    void aRollbackWhoseSessionIsTerminatedUndoesNothingOfThatStepAndTheNextRollbackCompletes() throws Exception {
        DatabaseTarget target = SharedCluster.newDatabase();
        MigrationEngine engine = engine(target);
        engine.migrate(new MigrateTarget.Head());
        DemeterException e;
        try (Connection holder = Connections.open(target)) {
            StatementLockTimeoutTest.holdAccessShareLock(holder, "holder");
            e = terminatedWhileWaiting(target, () -> engine.rollback(new RollbackRequest.Steps(1),
                    RollbackOptions.defaults()));
        }
        String message = e.getMessage();
        System.out.println(message);
        assertTrue(message.startsWith("Rolling back V2 (add plot codes) failed: the database server ended the session"
                + " that was running it"), message);
        assertTrue(message.contains("SQLSTATE:  57P01"), message);
        assertTrue(message.contains("The server rolled its transaction back with the session: V2 (add plot codes) is"
                + " still applied. Run the rollback again."), message);

        assertConsistentAt(target, "2");
        assertEquals("plot_notes", single(target, "select to_regclass('plot_notes')::text"),
                "the down's first statement was rolled back with its session");
        engine.rollback(new RollbackRequest.Steps(1), RollbackOptions.defaults());
        assertConsistentAt(target, "1");
    }

    /**
     * Runs {@code work} until its session waits for the lock the test holds, terminates that session, and returns
     * the error {@code work} ends with.
     */
    private static DemeterException terminatedWhileWaiting(DatabaseTarget target, Supplier<?> work) throws Exception {
        CompletableFuture<?> running = CompletableFuture.supplyAsync(work);
        try (Connection observer = Connections.open(target)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            Integer waiting = null;
            while (waiting == null && System.nanoTime() < deadline && !running.isDone()) {
                try (ResultSet row = observer.createStatement().executeQuery("select pid from pg_stat_activity"
                        + " where datname = current_database() and wait_event_type = 'Lock'")) {
                    waiting = row.next() ? row.getInt(1) : null;
                }
                Thread.sleep(50);
            }
            if (waiting == null) {
                fail("the migration never waited for the held lock");
            }
            try (PreparedStatement terminate = observer.prepareStatement("select pg_terminate_backend(?)")) {
                terminate.setInt(1, waiting);
                terminate.executeQuery().close();
            }
        }
        try {
            running.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DemeterException demeter) {
                return demeter;
            }
            throw e;
        }
        return fail("the run succeeded although its session was terminated");
    }

    /** The history ends at {@code version}, without failed rows, the schema has exactly its change, the lock is free. */
    private static void assertConsistentAt(DatabaseTarget target, String version) throws SQLException {
        assertEquals(version + "|0", single(target, "select max(version::int) || '|' || count(*) filter (where not success)"
                + " from flyway_schema_history"));
        assertEquals(version.equals("2") ? "t" : "f", single(target, "select exists (select 1 from"
                + " information_schema.columns where table_name = 'plots' and column_name = 'code')"));
        assertEquals("0", single(target, "select count(*) from pg_locks where locktype = 'advisory'"
                + " and database = (select oid from pg_database where datname = current_database())"),
                "Flyway's advisory lock is free");
    }

    private static String single(DatabaseTarget target, String sql) throws SQLException {
        try (Connection connection = Connections.open(target);
             ResultSet result = connection.createStatement().executeQuery(sql)) {
            return result.next() ? result.getString(1) : null;
        }
    }
}
