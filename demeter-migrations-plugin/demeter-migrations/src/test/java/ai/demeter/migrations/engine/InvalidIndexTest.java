package ai.demeter.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A non-transactional migration whose CREATE UNIQUE INDEX CONCURRENTLY fails on duplicate rows: the failure says
 * what to do, and the INVALID index PostgreSQL leaves behind is named by validate and refused by the next migrate
 * until it is dropped.
 */
@Tag("reliability")
class InvalidIndexTest {
    private static final String DUPLICATES = "classpath:ai/demeter/migrations/engine/fixtures/duplicates";

    private MigrationEngine engine(DatabaseTarget target) {
        return new MigrationEngine(new EngineSettings(target, getClass().getClassLoader(), List.of(DUPLICATES),
                EngineSettings.DEFAULT_SCHEMA, EngineSettings.DEFAULT_HISTORY_TABLE), MigrationListener.SILENT);
    }

    @Test
    void aFailedConcurrentIndexIsReportedThenNamedByValidateAndMigrateUntilDropped() throws SQLException {
        DatabaseTarget target = SharedCluster.newDatabase();
        MigrationEngine engine = engine(target);

        DemeterException failed = assertThrows(DemeterException.class, () -> engine.migrate(new MigrateTarget.Head()));
        System.out.println(failed.getMessage());
        assertTrue(failed.getMessage().startsWith("Migration V2 (index plot codes uniquely) failed."), failed.getMessage());
        assertTrue(failed.getMessage().contains("SQLSTATE:  23505"), failed.getMessage());
        assertTrue(failed.getMessage().contains("V2 ran outside a transaction"), failed.getMessage());
        assertTrue(failed.getMessage().contains("left INVALID"), failed.getMessage());
        assertEquals("f", single(target, "select i.indisvalid from pg_index i join pg_class c on c.oid = i.indexrelid"
                + " where c.relname = 'idx_plots_code'"), "PostgreSQL left the index behind, invalid");
        assertEquals("1:true,2:false", single(target, "select string_agg(version || ':' || success, ','"
                + " order by installed_rank) from flyway_schema_history"), "Flyway wrote a failed row for V2");

        List<String> problems = engine.validate();
        System.out.println(new Validation(problems).summary());
        assertEquals(List.of("V2 (index plot codes uniquely) failed outside a transaction and has a failed history"
                        + " row: undo what it applied before it failed, then remove the row with DELETE FROM"
                        + " \"public\".\"flyway_schema_history\" WHERE version = '2' AND NOT success;",
                "index public.idx_plots_code on plots is INVALID (a CREATE INDEX CONCURRENTLY that failed or was"
                        + " interrupted left it): drop it with DROP INDEX CONCURRENTLY public.idx_plots_code;"),
                problems);
        assertTrue(new Validation(problems).summary().startsWith("A migration that ran outside a transaction failed"));

        DemeterException refused = assertThrows(DemeterException.class, () -> engine.migrate(new MigrateTarget.Head()));
        System.out.println(refused.getMessage());
        assertTrue(refused.isUserMistake());
        assertTrue(refused.getMessage().startsWith("Not migrating: a migration that ran outside a transaction failed"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("1. DROP INDEX CONCURRENTLY public.idx_plots_code;"), refused.getMessage());
        assertTrue(refused.getMessage().contains("3. DELETE FROM \"public\".\"flyway_schema_history\" WHERE"
                + " version = '2' AND NOT success;"), refused.getMessage());
        assertEquals("1:true,2:false", single(target, "select string_agg(version || ':' || success, ','"
                + " order by installed_rank) from flyway_schema_history"), "the refused migrate changed nothing");

        try (Connection connection = Connections.open(target)) {
            connection.createStatement().execute("DROP INDEX CONCURRENTLY public.idx_plots_code");
            connection.createStatement().execute("DELETE FROM \"public\".\"flyway_schema_history\" WHERE"
                    + " version = '2' AND NOT success");
            connection.createStatement().execute("delete from plots where plot_id = 2");
        }
        assertEquals(1, engine.migrate(new MigrateTarget.Head()).applied(), "once dropped, V2 runs again");
        assertEquals("t", single(target, "select i.indisvalid from pg_index i join pg_class c on c.oid = i.indexrelid"
                + " where c.relname = 'idx_plots_code'"));
        assertEquals(List.of(), engine.validate());
    }

    private static String single(DatabaseTarget target, String sql) throws SQLException {
        try (Connection connection = Connections.open(target);
             ResultSet result = connection.createStatement().executeQuery(sql)) {
            return result.next() ? result.getString(1) : null;
        }
    }
}
