package ai.demeter.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.api.StatementLockTimeout;
import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.engine.fixtures.chain.V2__add_plot_outline;
import ai.demeter.migrations.testing.SharedCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.junit.jupiter.api.Test;

/**
 * Demeter's migrate executor writes the history Flyway writes (the table, and every column of every row but the
 * time), re-plans when a rollback changed the history while it waited for the lock, and leaves Flyway's failed row
 * after a non-transactional migration fails.
 */
class MigrateRunTest {
    private static final String FIXTURES = "classpath:ai/demeter/migrations/engine/fixtures/";
    private static final String ROWS = "select installed_rank, version, description, type, script, checksum,"
            + " installed_by, success from flyway_schema_history order by installed_rank";
    private static final String TABLE = "select column_name, data_type, character_maximum_length, is_nullable,"
            + " column_default from information_schema.columns where table_name = 'flyway_schema_history'"
            + " order by ordinal_position";
    private static final String INDEXES = "select indexname, indexdef from pg_indexes"
            + " where tablename = 'flyway_schema_history' order by indexname";

    private MigrationEngine engine(DatabaseTarget target, String fixture, MigrationListener listener) {
        return new MigrationEngine(new EngineSettings(target, getClass().getClassLoader(), List.of(FIXTURES + fixture),
                EngineSettings.DEFAULT_SCHEMA, EngineSettings.DEFAULT_HISTORY_TABLE), listener);
    }

    private Flyway flyway(DatabaseTarget target, String fixture) {
        FluentConfiguration configuration = Flyway.configure(getClass().getClassLoader());
        configuration.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        return configuration.dataSource(target.url(), target.user(), target.password())
                .locations(FIXTURES + fixture)
                .placeholders(Map.of(StatementLockTimeout.PLACEHOLDER, "10000"))
                .load();
    }

    @Test
    void theHistoryIsWhatFlywayWrites() throws SQLException {
        for (String fixture : List.of("chain", "concurrently")) {
            DatabaseTarget byFlyway = SharedCluster.newDatabase();
            DatabaseTarget byDemeter = SharedCluster.newDatabase();
            flyway(byFlyway, fixture).migrate();
            engine(byDemeter, fixture, MigrationListener.SILENT).migrate(new MigrateTarget.Head());

            List<String> rows = rows(byDemeter, ROWS);
            assertTrue(rows.size() >= 2, fixture + ": " + rows);
            assertEquals(rows(byFlyway, ROWS), rows, fixture);
            assertEquals(rows(byFlyway, TABLE), rows(byDemeter, TABLE), fixture);
            assertEquals(rows(byFlyway, INDEXES), rows(byDemeter, INDEXES), fixture);
            // and Flyway reads our history as its own
            assertEquals(0, flyway(byDemeter, fixture).info().pending().length, fixture);
            assertTrue(flyway(byDemeter, fixture).validateWithResult().validationSuccessful, fixture);
        }
    }

    @Test
    void aFailedNonTransactionalMigrationLeavesFlywaysFailedRow() throws SQLException {
        DatabaseTarget byFlyway = SharedCluster.newDatabase();
        DatabaseTarget byDemeter = SharedCluster.newDatabase();
        assertThrows(FlywayException.class, () -> flyway(byFlyway, "duplicates").migrate());
        assertThrows(DemeterException.class,
                () -> engine(byDemeter, "duplicates", MigrationListener.SILENT).migrate(new MigrateTarget.Head()));

        List<String> rows = rows(byDemeter, ROWS);
        assertTrue(rows.get(1).endsWith("|f"), "V2 recorded as failed: " + rows);
        assertEquals(rows(byFlyway, ROWS), rows);
    }

    @Test
    void anEditedMigrationIsRefusedWithFlywaysValidationMessageAndNothingRuns() throws SQLException {
        DatabaseTarget byFlyway = SharedCluster.newDatabase();
        DatabaseTarget byDemeter = SharedCluster.newDatabase();
        FluentConfiguration upToTwo = Flyway.configure(getClass().getClassLoader()).configuration(
                flyway(byFlyway, "chain").getConfiguration()).target("2");
        upToTwo.load().migrate();
        engine(byDemeter, "chain", MigrationListener.SILENT).migrate(new MigrateTarget.Version("2"));
        String edit = "update flyway_schema_history set checksum = checksum + 1 where version = '1'";
        execute(byFlyway, edit);
        execute(byDemeter, edit);

        FlywayException flyways = assertThrows(FlywayException.class, () -> flyway(byFlyway, "chain").migrate());
        DemeterException ours = assertThrows(DemeterException.class,
                () -> engine(byDemeter, "chain", MigrationListener.SILENT).migrate(new MigrateTarget.Head()));
        assertTrue(ours.isUserMistake());
        assertEquals("Validation failed before migrating: " + flyways.getMessage()
                + "\nThe database was not changed. Run demeter:validate for details.", ours.getMessage());
        assertTrue(ours.getMessage().contains("checksum mismatch for migration version 1"), ours.getMessage());
        assertEquals(List.of("1", "2"), rows(byDemeter, "select version from flyway_schema_history order by version"),
                "V3 did not run");
    }

    @Test
    void aRollbackWhileMigrateWaitsForTheLockIsSeenAndMigrateReplans() throws Exception {
        DatabaseTarget target = SharedCluster.newDatabase();
        engine(target, "chain", MigrationListener.SILENT).migrate(new MigrateTarget.Version("2"));
        long key = new FlywayHistoryTable("public", "flyway_schema_history").lockKey();
        RecordingListener listener = new RecordingListener();
        try (Connection holder = Connections.open(target)) {
            holder.createStatement().execute("select pg_advisory_lock(" + key + ")");
            // planned from V1, V2 applied: V3 pending
            CompletableFuture<MigrateOutcome> migrate = CompletableFuture.supplyAsync(
                    () -> engine(target, "chain", listener).migrate(new MigrateTarget.Head()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (listener.infos.stream().noneMatch(line -> line.startsWith("Waiting for the migration lock"))) {
                assertTrue(System.nanoTime() < deadline, "migrate never waited for the lock: " + listener.infos);
                Thread.sleep(50);
            }
            // what a rollback of V2 does, under the lock the migrate waits for
            holder.setAutoCommit(false);
            new V2__add_plot_outline().rollback(holder);
            holder.createStatement().execute("delete from flyway_schema_history where version = '2'");
            holder.commit();
            holder.setAutoCommit(true);
            holder.createStatement().execute("select pg_advisory_unlock(" + key + ")");

            MigrateOutcome outcome = migrate.get(60, TimeUnit.SECONDS);
            assertEquals(2, outcome.applied(), "V2 again, then V3");
            assertEquals("3", outcome.toVersion());
            assertEquals(0, outcome.stillPending());
        }
        assertEquals(List.of("1", "2", "3"), rows(target, "select version from flyway_schema_history"
                + " where success order by version"));
        assertEquals(List.of(), engine(target, "chain", MigrationListener.SILENT).validate());
    }

    private static void execute(DatabaseTarget target, String sql) throws SQLException {
        try (Connection connection = Connections.open(target); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> rows(DatabaseTarget target, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = Connections.open(target);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int column = 1; column <= columns; column++) {
                    values.add(result.getString(column));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }
}
