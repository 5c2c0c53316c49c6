package ai.demeter.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.api.StatementLockTimeout;
import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.testing.SharedCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A migration queued behind an application's open transaction gives way after its statement lock timeout, names
 * the blocking session, and leaves the database unchanged.
 */
@Tag("reliability")
class StatementLockTimeoutTest {
    private static final String ALTERING = "classpath:ai/demeter/migrations/engine/fixtures/altering";
    private static final String IMPATIENT = "classpath:ai/demeter/migrations/engine/fixtures/impatient";

    private static MigrationEngine engine(DatabaseTarget target, String location, Duration statementLockTimeout) {
        return new MigrationEngine(new EngineSettings(target, StatementLockTimeoutTest.class.getClassLoader(),
                List.of(location), EngineSettings.DEFAULT_SCHEMA, EngineSettings.DEFAULT_HISTORY_TABLE)
                .withStatementLockTimeout(statementLockTimeout), MigrationListener.SILENT);
    }

    @Test
    void aMigrationBlockedByAnOpenTransactionFailsWithinItsTimeoutNamingTheBlockerAndChangesNothing() throws Exception {
        DatabaseTarget target = SharedCluster.newDatabase();
        MigrationEngine engine = engine(target, ALTERING, Duration.ofSeconds(1));
        engine.migrate(MigrateTarget.parse("1"));
        try (Connection report = Connections.open(target)) {
            int pid = holdAccessShareLock(report, "nightly-report");
            long started = System.nanoTime();
            DemeterException e = assertThrows(DemeterException.class, () -> engine.migrate(new MigrateTarget.Head()));
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            String message = e.getMessage();
            System.out.println(message);
            assertTrue(millis < 8_000, "gave way after " + millis + " ms");
            assertTrue(e.isUserMistake());
            assertTrue(message.startsWith("Migration V2 (add plot codes) failed: a statement waited longer than its"
                    + " lock timeout (1 s) for a lock another session holds."), message);
            assertTrue(message.contains("statement: alter table \"plots\" add \"code\" varchar(20)"), message);
            assertTrue(message.contains("SQLSTATE:  55P03"), message);
            assertTrue(message.contains("blocked by: pid " + pid + " (application 'nightly-report', state idle in"
                    + " transaction, in its transaction for "), message);
            assertTrue(message.contains("): select count(*) from plots"), message);
            assertTrue(message.contains("nothing of V2 was applied"), message);
            assertTrue(message.contains("demeter.statementLockTimeout"), message);
        }
        assertEquals("1", engine.current().currentVersion());
        assertEquals("null|false", single(target, "select coalesce(to_regclass('plot_notes')::text, 'null') || '|' ||"
                + " exists (select 1 from information_schema.columns where table_name = 'plots' and column_name = 'code')"),
                "neither the new table nor the column survived");
        assertEquals(1, engine.migrate(new MigrateTarget.Head()).applied(), "with the report gone, V2 applies");
    }

    @Test
    void aMigrationsOwnTimeoutWinsOverTheRunsAndRollbackGivesWayToo() throws Exception {
        DatabaseTarget target = SharedCluster.newDatabase();
        MigrationEngine patientRun = engine(target, IMPATIENT, Duration.ofMinutes(5));
        patientRun.migrate(MigrateTarget.parse("1"));
        try (Connection report = Connections.open(target)) {
            int pid = holdAccessShareLock(report, "dashboard");
            long started = System.nanoTime();
            DemeterException e = assertThrows(DemeterException.class, () -> patientRun.migrate(new MigrateTarget.Head()));
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 8, "V2's own 300 ms applied");
            assertTrue(e.getMessage().contains("SQLSTATE:  55P03"), e.getMessage());
            report.rollback();
            assertEquals(1, patientRun.migrate(new MigrateTarget.Head()).applied());

            holdAccessShareLock(report, "dashboard");
            DemeterException down = assertThrows(DemeterException.class,
                    () -> patientRun.rollback(new RollbackRequest.Steps(1), RollbackOptions.defaults()));
            System.out.println(down.getMessage());
            assertTrue(down.getMessage().startsWith("Rolling back V2 (add plot codes) failed: a statement waited longer"
                    + " than its lock timeout (300 ms)"), down.getMessage());
            assertTrue(down.getMessage().contains("blocked by: pid " + pid + " (application 'dashboard'"), down.getMessage());
            assertTrue(down.getMessage().contains("V2 (add plot codes) is still applied"), down.getMessage());
        }
        assertEquals("2", patientRun.current().currentVersion());
        assertEquals("t", single(target, "select exists (select 1 from information_schema.columns"
                + " where table_name = 'plots' and column_name = 'code')"));
    }

    @Test
    void timeoutsAreWrittenAsUsersWriteThem() {
        assertEquals(Duration.ofSeconds(10), StatementLockTimeout.parse("10s"));
        assertEquals(Duration.ofSeconds(10), StatementLockTimeout.parse("10"));
        assertEquals(Duration.ofMillis(500), StatementLockTimeout.parse("500ms"));
        assertEquals(Duration.ofMinutes(2), StatementLockTimeout.parse("2min"));
        assertEquals(Duration.ZERO, StatementLockTimeout.parse("0"));
        DemeterException e = assertThrows(DemeterException.class, () -> StatementLockTimeout.parse("soon"));
        assertTrue(e.getMessage().contains("Write it as 10s, 500ms, 2min, or 0 for no limit."), e.getMessage());
        assertEquals("1 s", StatementLockTimeout.describe(Duration.ofSeconds(1)));
        assertEquals("300 ms", StatementLockTimeout.describe(Duration.ofMillis(300)));
    }

    /** Opens a transaction on {@code connection} that reads plots and stays open; returns its backend's pid. */
    static int holdAccessShareLock(Connection connection, String application) throws SQLException {
        connection.createStatement().execute("set application_name = '" + application + "'");
        ResultSet pid = connection.createStatement().executeQuery("select pg_backend_pid()");
        pid.next();
        connection.setAutoCommit(false);
        connection.createStatement().executeQuery("select count(*) from plots").close();
        return pid.getInt(1);
    }

    private static String single(DatabaseTarget target, String sql) throws SQLException {
        try (Connection connection = Connections.open(target);
             ResultSet result = connection.createStatement().executeQuery(sql)) {
            return result.next() ? String.valueOf(result.getString(1)) : null;
        }
    }
}
