package ai.demeter.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.testing.SharedCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Migrations PostgreSQL would refuse halfway or silently change, and migration classes Flyway cannot use: each is
 * refused with a message that names it, says why and what to do, before anything runs, so the database is as it was.
 */
class RefusedMigrationTest {
    private static final String FIXTURES = "classpath:ai/demeter/migrations/engine/fixtures/";

    private final RecordingListener listener = new RecordingListener();

    private MigrationEngine engine(DatabaseTarget target, String fixture) {
        return new MigrationEngine(new EngineSettings(target, getClass().getClassLoader(), List.of(FIXTURES + fixture),
                EngineSettings.DEFAULT_SCHEMA, EngineSettings.DEFAULT_HISTORY_TABLE), listener);
    }

    /** Refused as a user mistake before anything ran: no table, no history. Returns the message. */
    private String refusedLeavingNothing(String fixture) throws SQLException {
        DatabaseTarget target = SharedCluster.newDatabase();
        DemeterException e = assertThrows(DemeterException.class,
                () -> engine(target, fixture).migrate(new MigrateTarget.Head()));
        assertTrue(e.isUserMistake(), e.getMessage());
        try (Connection connection = Connections.open(target)) {
            ResultSet rows = connection.createStatement().executeQuery(
                    "select to_regclass('plots') is null and to_regclass('flyway_schema_history') is null");
            rows.next();
            assertTrue(rows.getBoolean(1), "the database was changed: " + e.getMessage());
        }
        return e.getMessage();
    }

    @Test
    void aMigrationThatCommitsItselfIsRefusedBeforeAnythingRuns() throws SQLException {
        String message = refusedLeavingNothing("owncommit");
        assertTrue(message.startsWith("Not migrating: PostgreSQL would refuse or silently change what these"
                + " migrations run."), message);
        assertTrue(message.contains("V2 (commit halfway) up: COMMIT controls the transaction itself"), message);
        assertTrue(message.contains("(in: commit)"), message);
        assertTrue(message.endsWith("Nothing was changed."), message);
    }

    @Test
    void statementsThatCannotRunInATransactionAreRefusedInATransactionalMigration() throws SQLException {
        String message = refusedLeavingNothing("intransaction");
        assertTrue(message.contains("V2 (vacuum plots) up: CREATE INDEX CONCURRENTLY cannot run inside a transaction"
                + " block. Put it in a migration of its own that overrides transactional() to return false"), message);
        assertTrue(message.contains("V2 (vacuum plots) up: VACUUM cannot run inside a transaction block"), message);
    }

    @Test
    void anIdentifierPostgresqlWouldTruncateIsRefusedNamingItAndItsLength() throws SQLException {
        String message = refusedLeavingNothing("longname");
        assertTrue(message.contains("V2 (index with a long name) up: the identifier "
                + "idx_plots_plot_id_for_the_nightly_reconciliation_of_greenhouse_ledgers is 70 bytes long;"
                + " PostgreSQL keeps only the first 63 and silently drops the rest. Use a shorter name"), message);
    }

    @Test
    void aMalformedClassNameIsRefusedNamingTheClass() throws SQLException {
        String message = refusedLeavingNothing("malformed");
        assertTrue(message.startsWith("Not migrating: Flyway would skip these classes in the migration locations."),
                message);
        assertTrue(message.contains("fixtures.malformed.V2_add_plot_code is a migration whose name is not"
                + " V<version>__<description> (two underscores), so Flyway would skip it and it would never run."
                + " Rename it, e.g. V2__add_plot_code."), message);
        assertTrue(message.endsWith("Nothing was changed."), message);
    }

    @Test
    void aMigrationWhoseConstructorThrowsIsRefusedNamingTheClassAndTheCause() throws SQLException {
        String message = refusedLeavingNothing("throwingconstructor");
        assertTrue(message.contains("fixtures.throwingconstructor.V2__needs_configuration cannot be created: its"
                + " constructor threw IllegalStateException: GREENHOUSE_REGION is not set."), message);
        assertTrue(message.contains("Nothing was changed."), message);
    }

    @Test
    void aDownThatCommitsItselfIsRefusedBeforeTheRollbackRuns() throws SQLException {
        DatabaseTarget target = SharedCluster.newDatabase();
        MigrationEngine engine = engine(target, "unsafedown");
        assertEquals(2, engine.migrate(new MigrateTarget.Head()).applied());
        for (boolean dryRun : List.of(true, false)) {
            DemeterException e = assertThrows(DemeterException.class, () -> engine.rollback(
                    new RollbackRequest.Steps(1), new RollbackOptions(dryRun, null, RollbackOptions.DEFAULT_LOCK_TIMEOUT)));
            assertTrue(e.isUserMistake());
            assertTrue(e.getMessage().startsWith("Not rolling back:"), e.getMessage());
            assertTrue(e.getMessage().contains("V2 (add plot code) down: COMMIT controls the transaction itself"),
                    e.getMessage());
        }
        assertEquals("2", engine.current().currentVersion());
        try (Connection connection = Connections.open(target)) {
            ResultSet column = connection.createStatement().executeQuery("select count(*) from information_schema.columns"
                    + " where table_name = 'plots' and column_name = 'code'");
            column.next();
            assertEquals(1, column.getInt(1), "the column the down would drop is still there");
        }
        assertFalse(listener.infos.stream().anyMatch(line -> line.startsWith("Dry run")), listener.infos.toString());
    }
}
