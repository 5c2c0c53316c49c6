package ai.demeter.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.testing.SharedCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A migration declared {@code transactional() = false} (CREATE INDEX CONCURRENTLY) goes up, down and up again. */
class NonTransactionalMigrationTest {
    private static final String CONCURRENTLY = "classpath:ai/demeter/migrations/engine/fixtures/concurrently";

    private MigrationEngine engine(DatabaseTarget target) {
        return new MigrationEngine(new EngineSettings(target, getClass().getClassLoader(), List.of(CONCURRENTLY),
                EngineSettings.DEFAULT_SCHEMA, EngineSettings.DEFAULT_HISTORY_TABLE), MigrationListener.SILENT);
    }

    @Test
    void migrateAndRollbackRunItOutsideATransaction() throws SQLException {
        DatabaseTarget target = SharedCluster.newDatabase();
        MigrationEngine engine = engine(target);

        assertEquals(2, engine.migrate(new MigrateTarget.Head()).applied());
        assertTrue(validIndex(target), "the concurrently built index exists and is valid");

        engine.rollback(new RollbackRequest.Steps(1), RollbackOptions.defaults());
        assertEquals("1", engine.current().currentVersion());
        assertFalse(indexExists(target));

        assertEquals(1, engine.migrate(new MigrateTarget.Head()).applied());
        assertTrue(validIndex(target));
        assertEquals(List.of(), engine.validate());
    }

    @Test
    void theOfflineScriptStopsBeforeItAndSaysWhatToDo() {
        List<CodeMigration> code = MigrationScan.resolve(getClass().getClassLoader(), List.of(CONCURRENTLY));
        String script = MigrationScript.render(code, ScriptRange.parse("up", null, null),
                new FlywayHistoryTable("public", "flyway_schema_history"));
        assertTrue(script.contains("\n-- V1 create plots\n"), script);
        assertTrue(script.contains("-- The script stops here. V2 index plot codes concurrently (up) must run outside a"
                + " transaction"), script);
        assertTrue(script.contains("--   create index concurrently idx_plots_code on plots (code);"), script);
        assertFalse(script.contains("'2', 'index plot codes concurrently'"), "no history row for V2: " + script);
    }

    private static boolean validIndex(DatabaseTarget target) throws SQLException {
        return "t".equals(single(target, "select i.indisvalid from pg_index i join pg_class c on c.oid = i.indexrelid"
                + " where c.relname = 'idx_plots_code'"));
    }

    private static boolean indexExists(DatabaseTarget target) throws SQLException {
        return single(target, "select to_regclass('idx_plots_code')") != null;
    }

    private static String single(DatabaseTarget target, String sql) throws SQLException {
        try (Connection connection = Connections.open(target);
             ResultSet result = connection.createStatement().executeQuery(sql)) {
            return result.next() ? result.getString(1) : null;
        }
    }
}
