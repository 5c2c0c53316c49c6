package ai.demeter.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.engine.HistoryEntry;
import ai.demeter.migrations.engine.MigrationListener;
import ai.demeter.migrations.testing.SharedCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class DemeterTest {
    /** How the listener prints a step's time: milliseconds under a second, tenths of a second from there on
     * (a busy machine gets there). */
    private static final String DURATION = "(\\d+ ms|\\d+\\.\\d s)";

    private static final String CHAIN = "classpath:ai/demeter/migrations/engine/fixtures/chain";

    @Test
    void anApplicationMigratesThroughItsDataSourceWithChecksumsAndRollbackAudit() throws SQLException {
        DatabaseTarget database = SharedCluster.newDatabase();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(database.url());
        dataSource.setUser(database.user());
        List<String> lines = new ArrayList<>();

        Demeter demeter = Demeter.configure().dataSource(dataSource).locations(CHAIN).listener(recording(lines)).load();

        assertEquals(3, demeter.migrate().applied());
        assertEquals("3", demeter.current().currentVersion());
        assertTrue(lines.stream().anyMatch(line -> line.matches("up   V1 +create plots +" + DURATION)), lines.toString());
        demeter.validate();
        try (Connection connection = Connections.open(database);
             ResultSet checksums = connection.createStatement().executeQuery(
                     "select count(*) from flyway_schema_history where checksum is null and version is not null")) {
            checksums.next();
            assertEquals(0, checksums.getInt(1), "Java migrations carry the checksum of their rendered SQL");
        }

        assertEquals(1, demeter.rollback(1).plan().steps().size());
        assertEquals("2", demeter.current().currentVersion());
        List<HistoryEntry> history = demeter.history();
        assertTrue(history.stream().anyMatch(entry -> entry.version().equals("3") && entry.state().equals("Rolled back")),
                history.toString());

        assertEquals(1, demeter.migrate("+1").applied());
        assertEquals("3", demeter.current().currentVersion());
    }

    @Test
    void aUrlWorksLikeADataSource() {
        DatabaseTarget database = SharedCluster.newDatabase();
        Demeter demeter = Demeter.configure().url(database.url(), database.user(), database.password())
                .locations(CHAIN).listener(MigrationListener.SILENT).load();
        assertEquals("2", demeter.migrate("2").toVersion());
        assertFalse(demeter.current().pending().isEmpty());
    }

    @Test
    void anApplicationsMigrateRunsABackfillAndReportsItThroughItsListener() throws SQLException {
        DatabaseTarget database = SharedCluster.newDatabase();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(database.url());
        dataSource.setUser(database.user());
        List<String> lines = new ArrayList<>();
        Demeter demeter = Demeter.configure().dataSource(dataSource)
                .locations("classpath:ai/demeter/migrations/engine/fixtures/images",
                        "classpath:ai/demeter/migrations/engine/fixtures/backfill")
                .listener(recording(lines)).load();

        assertEquals(2, demeter.migrate().applied());
        assertTrue(lines.contains("V2 backfill of images: 20,000 rows to walk over id up to key (20000), fixed now,"
                + " images: \"kind\" = case when \"size\" >= 50 then 'large' else 'small' end where \"kind\" is null"),
                lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("V2 backfill of images: 20,000 rows walked, 20,000"
                + " updated, in ")), lines.toString());
        try (Connection connection = Connections.open(database);
             ResultSet unfilled = connection.createStatement().executeQuery(
                     "select count(*) from images where kind is null")) {
            unfilled.next();
            assertEquals(0, unfilled.getInt(1));
        }
    }

    @Test
    void withoutADatabaseLoadSaysWhatIsMissing() {
        DemeterException missing = assertThrows(DemeterException.class, () -> Demeter.configure().load());
        assertEquals("Demeter.configure() needs a database: call dataSource(...) or url(...) before load().",
                missing.getMessage());
    }

    private static MigrationListener recording(List<String> lines) {
        return new MigrationListener() {
            public void info(String message) {
                lines.add(message);
            }

            public void warn(String message) {
                lines.add(message);
            }

            public void debug(String message) {
            }
        };
    }
}
