package ai.demeter.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.database.PostgresInstallation;
import ai.demeter.migrations.testing.CatalogSnapshots;
import ai.demeter.migrations.testing.SharedCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationScriptTest {
    private static final String CHAIN = "classpath:ai/demeter/migrations/engine/fixtures/chain";
    private static final FlywayHistoryTable HISTORY = new FlywayHistoryTable("public", "flyway_schema_history");

    @TempDir
    Path folder;

    private List<CodeMigration> chain() {
        return MigrationScan.resolve(getClass().getClassLoader(), List.of(CHAIN));
    }

    private MigrationEngine engine(DatabaseTarget target) {
        return new MigrationEngine(new EngineSettings(target, getClass().getClassLoader(), List.of(CHAIN),
                EngineSettings.DEFAULT_SCHEMA, EngineSettings.DEFAULT_HISTORY_TABLE), MigrationListener.SILENT);
    }

    @Test
    void aDatabaseMigratedByTheScriptIsOneMigrateWouldHaveMade() throws Exception {
        DatabaseTarget scripted = SharedCluster.newDatabase();
        DatabaseTarget migrated = SharedCluster.newDatabase();
        String script = MigrationScript.render(chain(), ScriptRange.parse("up", null, null), HISTORY);

        psql(scripted, script);
        engine(migrated).migrate(new MigrateTarget.Head());

        assertEquals(CatalogSnapshots.of(migrated), CatalogSnapshots.of(scripted));
        assertEquals(historyRows(migrated), historyRows(scripted));
        assertEquals(historyTableShape(migrated), historyTableShape(scripted));
        MigrationEngine engine = engine(scripted);
        assertEquals(0, engine.migrate(new MigrateTarget.Head()).applied(), "migrate after the script has nothing to do");
        assertEquals(List.of(), engine.validate());
    }

    @Test
    void aDownScriptUndoesTheRangeAndLeavesTheAuditRows() throws Exception {
        DatabaseTarget database = SharedCluster.newDatabase();
        engine(database).migrate(new MigrateTarget.Head());

        psql(database, MigrationScript.render(chain(), ScriptRange.parse("down", "3", "1"), HISTORY));
        assertEquals("1", engine(database).current().currentVersion());
        List<HistoryEntry> history = engine(database).history();
        assertEquals(2, history.stream().filter(entry -> entry.state().equals("Rolled back")).count(), history.toString());

        psql(database, MigrationScript.render(chain(), ScriptRange.parse("up", "1", null), HISTORY));
        assertEquals("3", engine(database).current().currentVersion());
        assertEquals(List.of(), engine(database).validate());
    }

    @Test
    void theSameCodeRendersTheSameBytesWhateverTheLocaleAndTimeZone() {
        String reference = MigrationScript.render(chain(), ScriptRange.parse("up", null, null), HISTORY);
        Locale locale = Locale.getDefault();
        TimeZone zone = TimeZone.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            assertEquals(reference, MigrationScript.render(chain(), ScriptRange.parse("up", null, null), HISTORY));
        } finally {
            Locale.setDefault(locale);
            TimeZone.setDefault(zone);
        }
        assertTrue(reference.startsWith("\\set ON_ERROR_STOP on\n-- Demeter migration script: up from base to head,"
                + " 3 migrations.\n"), reference);
        assertTrue(reference.contains("\n-- V2 add plot outline\n"), reference);
    }

    @Test
    void theFrontEndsCallRendersWhatItsClassLoaderFindsAtTheLocations() {
        ScriptRange range = ScriptRange.parse("down", null, "1");
        assertEquals(MigrationScript.render(chain(), range, HISTORY),
                MigrationScript.render(getClass().getClassLoader(), List.of(CHAIN), range, HISTORY));
        assertEquals("Wrote the SQL of down from head to 1 to out/down.sql. Review it, then run it with psql -1 -f"
                + " down.sql.", MigrationScript.writtenNotice(range, Path.of("out", "down.sql")));
    }

    @Test
    void rangesAreCheckedAgainstTheCode() {
        List<CodeMigration> chain = chain();
        assertEquals(List.of("2", "3"), versions(ScriptRange.parse("up", "1", "head").select(chain)));
        assertEquals(List.of("3", "2"), versions(ScriptRange.parse("down", null, "1").select(chain)));
        DemeterException unknown = assertThrows(DemeterException.class,
                () -> ScriptRange.parse("up", "7", null).select(chain));
        assertEquals("Version 7 is not a migration in the code. Known: V1, V2, V3.", unknown.getMessage());
        assertThrows(DemeterException.class, () -> ScriptRange.parse("up", "3", "1").select(chain));
        assertThrows(DemeterException.class, () -> ScriptRange.parse("sideways", null, null));
    }

    private static List<String> versions(List<CodeMigration> migrations) {
        return migrations.stream().map(m -> m.version().getVersion()).toList();
    }

    private static List<String> historyRows(DatabaseTarget target) throws SQLException {
        return rows(target, "select installed_rank, version, description, type, script, checksum, success"
                + " from flyway_schema_history order by installed_rank");
    }

    private static List<String> historyTableShape(DatabaseTarget target) throws SQLException {
        List<String> shape = rows(target, "select column_name, data_type, is_nullable, column_default"
                + " from information_schema.columns where table_name = 'flyway_schema_history' order by ordinal_position");
        shape.addAll(rows(target, "select indexname, indexdef from pg_indexes"
                + " where tablename = 'flyway_schema_history' order by indexname"));
        return shape;
    }

    private static List<String> rows(DatabaseTarget target, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = Connections.open(target);
             ResultSet result = connection.createStatement().executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(result.getString(i)).append('|');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private void psql(DatabaseTarget target, String script) throws IOException, InterruptedException {
        Path file = Files.writeString(folder.resolve("script-" + System.nanoTime() + ".sql"), script);
        String url = target.url();
        String hostPort = url.substring("jdbc:postgresql://".length(), url.lastIndexOf('/'));
        Process process = new ProcessBuilder(PostgresInstallation.find(System.getenv()).orElseThrow()
                .binary("psql").toString(), "-X", "-q", "-1", "-f", file.toString(),
                "-h", hostPort.substring(0, hostPort.indexOf(':')), "-p", hostPort.substring(hostPort.indexOf(':') + 1),
                "-U", target.user(), "-d", url.substring(url.lastIndexOf('/') + 1))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        assertFalse(output.contains("ERROR"), output);
    }
}
