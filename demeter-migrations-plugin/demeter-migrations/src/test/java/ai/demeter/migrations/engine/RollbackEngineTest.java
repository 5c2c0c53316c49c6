package ai.demeter.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.engine.fixtures.slow.V1__create_plots;
import ai.demeter.migrations.schema.SchemaSnapshot;
import ai.demeter.migrations.testing.CatalogSnapshots;
import ai.demeter.migrations.testing.SharedCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RollbackEngineTest {
    /** How the listener prints a step's time: milliseconds under a second, tenths of a second from there on
     * (a busy machine gets there). */
    private static final String DURATION = "(\\d+ ms|\\d+\\.\\d s)";

    private static final String CHAIN = "classpath:ai/demeter/migrations/engine/fixtures/chain";
    private static final String IRREVERSIBLE = "classpath:ai/demeter/migrations/engine/fixtures/irreversible";
    private static final String SLOW = "classpath:ai/demeter/migrations/engine/fixtures/slow";

    private final RecordingListener listener = new RecordingListener();

    private MigrationEngine engine(DatabaseTarget target, String location) {
        return new MigrationEngine(new EngineSettings(target, getClass().getClassLoader(), List.of(location),
                EngineSettings.DEFAULT_SCHEMA, EngineSettings.DEFAULT_HISTORY_TABLE), listener);
    }

    private static RollbackRequest steps(int count) {
        return new RollbackRequest.Steps(count);
    }

    @Test
    void everyStepDownRestoresTheSchemaAndMigrateReappliesIt() {
        DatabaseTarget target = SharedCluster.newDatabase();
        MigrationEngine engine = engine(target, CHAIN);
        SchemaSnapshot base = CatalogSnapshots.of(target);
        engine.migrate(MigrateTarget.parse("1"));
        SchemaSnapshot atOne = CatalogSnapshots.of(target);
        engine.migrate(MigrateTarget.parse("2"));
        SchemaSnapshot atTwo = CatalogSnapshots.of(target);
        engine.migrate(new MigrateTarget.Head());
        SchemaSnapshot head = CatalogSnapshots.of(target);

        engine.rollback(steps(1), RollbackOptions.defaults());
        assertEquals(atTwo, CatalogSnapshots.of(target));
        assertEquals("2", engine.current().currentVersion());
        engine.rollback(steps(1), RollbackOptions.defaults());
        assertEquals(atOne, CatalogSnapshots.of(target));
        engine.rollback(steps(1), RollbackOptions.defaults());
        assertEquals(base, CatalogSnapshots.of(target));
        assertTrue(engine.current().atBase());

        assertEquals(3, engine.migrate(new MigrateTarget.Head()).applied());
        assertEquals(head, CatalogSnapshots.of(target));
        assertTrue(listener.infos.stream().anyMatch(line -> line.matches("down V3 +index plot outline +" + DURATION)),
                listener.infos.toString());
    }

    @Test
    void toAVersionAndToBaseAreJournaledAndShownInHistory() throws Exception {
        DatabaseTarget target = SharedCluster.newDatabase();
        MigrationEngine engine = engine(target, CHAIN);
        engine.migrate(new MigrateTarget.Head());
        RollbackOutcome toOne = engine.rollback(new RollbackRequest.ToVersion("1"), RollbackOptions.defaults());
        assertEquals(2, toOne.plan().steps().size());
        assertEquals("1", engine.current().currentVersion());
        engine.rollback(new RollbackRequest.ToBase(), RollbackOptions.defaults());
        assertTrue(engine.current().atBase());
        try (Connection connection = Connections.open(target)) {
            ResultSet rows = connection.createStatement().executeQuery(
                    "select string_agg(version, ',' order by rollback_rank), min(database_user)"
                            + " from demeter_rollback_history");
            rows.next();
            assertEquals("3,2,1", rows.getString(1));
            assertEquals("postgres", rows.getString(2));
        }
        List<HistoryEntry> history = engine.history();
        assertEquals(3, history.stream().filter(e -> e.state().equals("Pending")).count(), history.toString());
        assertEquals(3, history.stream().filter(e -> e.state().equals("Rolled back")).count(), history.toString());
    }

    @Test
    void irreversibleMigrationIsRefusedAndNothingChanges() {
        DatabaseTarget target = SharedCluster.newDatabase();
        MigrationEngine engine = new MigrationEngine(new EngineSettings(target, getClass().getClassLoader(),
                List.of(CHAIN, IRREVERSIBLE), EngineSettings.DEFAULT_SCHEMA, EngineSettings.DEFAULT_HISTORY_TABLE), listener);
        engine.migrate(new MigrateTarget.Head());
        SchemaSnapshot before = CatalogSnapshots.of(target);
        DemeterException e = assertThrows(DemeterException.class,
                () -> engine.rollback(new RollbackRequest.ToBase(), RollbackOptions.defaults()));
        assertTrue(e.getMessage().contains("V4__add_plot_codes"), e.getMessage());
        assertEquals(before, CatalogSnapshots.of(target));
        assertEquals("4", engine.current().currentVersion());
        HistoryEntry four = engine.history().stream().filter(h -> h.version().equals("4")).findFirst().orElseThrow();
        assertEquals(Boolean.FALSE, four.reversible());
        // The reversible migrations under it can still be undone.
        assertEquals(List.of(), engine.history().stream().filter(h -> !h.version().equals("4"))
                .filter(h -> Boolean.FALSE.equals(h.reversible())).toList());
    }

    @Test
    void dryRunPrintsPlanAndSqlAndChangesNothing() {
        DatabaseTarget target = SharedCluster.newDatabase();
        MigrationEngine engine = engine(target, CHAIN);
        engine.migrate(new MigrateTarget.Head());
        SchemaSnapshot before = CatalogSnapshots.of(target);
        RollbackOutcome outcome = engine.rollback(steps(2), new RollbackOptions(true, null, Duration.ofSeconds(5)));
        assertTrue(outcome.dryRun());
        assertEquals(before, CatalogSnapshots.of(target));
        assertEquals("3", engine.current().currentVersion());
        assertTrue(listener.infos.contains("Dry run: undo V3, V2, ending at version 1. Nothing is changed. The SQL:"),
                listener.infos.toString());
        assertTrue(listener.infos.contains("drop index \"idx_plots_outline\";"), listener.infos.toString());
        assertTrue(listener.infos.contains("alter table \"plots\" drop \"outline\";"), listener.infos.toString());
    }

    @Test
    void remoteDatabaseNeedsConfirmationBeforeAnythingIsAsked() {
        DatabaseTarget remote = new DatabaseTarget("jdbc:postgresql://db.demeter.invalid:5432/demeterai", "deployer",
                "hunter2", "demeter.url");
        DemeterException e = assertThrows(DemeterException.class,
                () -> engine(remote, CHAIN).rollback(steps(1), RollbackOptions.defaults()));
        assertTrue(e.getMessage().contains("-Ddemeter.confirm=demeterai"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
    }

    @Test
    void editedAppliedMigrationFailsValidation() throws Exception {
        DatabaseTarget target = SharedCluster.newDatabase();
        MigrationEngine engine = engine(target, CHAIN);
        engine.migrate(MigrateTarget.parse("2"));
        assertEquals(List.of(), engine.validate(), "pending V3 is not a problem");
        try (Connection connection = Connections.open(target)) {
            // What the database recorded no longer matches the code's checksum, as after an edit.
            connection.createStatement().execute("update flyway_schema_history set checksum = checksum + 1 where version = '2'");
        }
        List<String> problems = engine.validate();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("V2 (add plot outline): "), problems.get(0));
        assertTrue(problems.get(0).toLowerCase().contains("checksum"), problems.get(0));
        assertEquals("changed", engine.history().stream().filter(h -> h.version().equals("2")).findFirst()
                .orElseThrow().checksum());
    }

    @Test
    void editedAndVanishedMigrationsFailValidation() {
        DatabaseTarget target = SharedCluster.newDatabase();
        engine(target, CHAIN).migrate(MigrateTarget.parse("2"));
        // The code now holds an edited V2, and V1 is gone from it.
        List<String> problems = engine(target, "classpath:ai/demeter/migrations/engine/fixtures/edited").validate();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("V2 (add plot outline): ")
                && p.toLowerCase().contains("checksum mismatch")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("V1 (create plots): ")
                && p.contains("not resolved locally")), problems.toString());
    }

    @Test
    void checksumsAreStoredForJavaMigrations() throws Exception {
        DatabaseTarget target = SharedCluster.newDatabase();
        engine(target, CHAIN).migrate(new MigrateTarget.Head());
        try (Connection connection = Connections.open(target)) {
            ResultSet rows = connection.createStatement().executeQuery(
                    "select checksum from flyway_schema_history where version = '1'");
            rows.next();
            assertEquals(new ai.demeter.migrations.engine.fixtures.chain.V1__create_plots().getChecksum(), rows.getInt(1));
        }
    }

    @Test
    void baselineAdoptsADatabaseAndRollbackStopsThere() {
        DatabaseTarget target = SharedCluster.newDatabase();
        MigrationEngine engine = engine(target, CHAIN);
        engine.baseline("2", "built by alembic");
        assertEquals("2", engine.current().currentVersion());
        assertEquals(1, engine.current().pending().size());
        DemeterException twice = assertThrows(DemeterException.class, () -> engine.baseline("2", "again"));
        assertTrue(twice.getMessage().contains("already has a migration history"), twice.getMessage());
        DemeterException below = assertThrows(DemeterException.class,
                () -> engine.rollback(new RollbackRequest.ToBase(), RollbackOptions.defaults()));
        assertTrue(below.getMessage().contains("baselined at V2"), below.getMessage());
    }

    @Test
    void rollbackTakesFlywaysLockKeyAndMigrateWaitsForIt() throws Exception {
        DatabaseTarget target = SharedCluster.newDatabase();
        long expectedKey = new FlywayHistoryTable("public", "flyway_schema_history").lockKey();
        assertEquals(77433833903597L, expectedKey);

        // Flyway's own migrate takes the key.
        CompletableFuture<MigrateOutcome> migrating = CompletableFuture.supplyAsync(
                () -> engine(target, SLOW).migrate(new MigrateTarget.Head()));
        assertEquals(expectedKey, advisoryKeyHeld(target));
        migrating.get();

        // So does a rollback, and a migrate started meanwhile waits for it, then succeeds.
        CompletableFuture<RollbackOutcome> rollingBack = CompletableFuture.supplyAsync(
                () -> engine(target, SLOW).rollback(steps(1), RollbackOptions.defaults()));
        assertEquals(expectedKey, advisoryKeyHeld(target));
        long started = System.nanoTime();
        MigrateOutcome reapplied = engine(target, SLOW).migrate(new MigrateTarget.Head());
        assertTrue(rollingBack.isDone(), "migrate finished while the rollback still held the lock");
        assertEquals(1, reapplied.applied());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= V1__create_plots.SECONDS * 1000);
        assertNull(rollingBack.get().plan().resultingVersion());
    }

    @Test
    void aRollbackWaitsForTheLockAtMostItsTimeoutThenNamesTheHolderAndChangesNothing() throws Exception {
        DatabaseTarget target = SharedCluster.newDatabase();
        MigrationEngine engine = engine(target, CHAIN);
        engine.migrate(new MigrateTarget.Head());
        long key = new FlywayHistoryTable("public", "flyway_schema_history").lockKey();
        try (Connection holder = Connections.open(target)) {
            holder.createStatement().execute("set application_name = 'nightly-import'");
            holder.createStatement().execute("select pg_advisory_lock(" + key + ")");
            long started = System.nanoTime();
            DemeterException refused = assertThrows(DemeterException.class, () -> engine.rollback(steps(1),
                    new RollbackOptions(false, null, Duration.ofSeconds(1))));
            long waited = (System.nanoTime() - started) / 1_000_000;
            assertTrue(refused.isUserMistake());
            assertTrue(refused.getMessage().matches("(?s)The migration lock \\(Flyway's advisory lock " + key
                    + "\\) is still held after 1 s by pid \\d+ \\(application 'nightly-import', state idle.*"
                    + "Nothing was changed\\. demeter\\.lockTimeout sets how long to wait\\."), refused.getMessage());
            assertTrue(waited >= 1_000 && waited < 10_000, "waited " + waited + " ms");
        }
        assertEquals("3", engine.current().currentVersion(), "nothing was rolled back");
    }

    /** Polls pg_locks until an advisory lock is held, and returns its 64-bit key. */
    private static long advisoryKeyHeld(DatabaseTarget target) throws Exception {
        try (Connection connection = Connections.open(target)) {
            for (int attempt = 0; attempt < 100; attempt++) {
                ResultSet lock = connection.createStatement().executeQuery(
                        "select (classid::bigint << 32) | objid::bigint from pg_locks"
                                + " where locktype = 'advisory' and granted and objsubid = 1");
                if (lock.next()) {
                    return lock.getLong(1);
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("no advisory lock was taken");
    }
}
