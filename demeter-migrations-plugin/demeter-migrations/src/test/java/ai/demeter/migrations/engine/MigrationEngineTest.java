package ai.demeter.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.testing.SharedCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationEngineTest {
    /** How the listener prints a step's time: milliseconds under a second, tenths of a second from there on
     * (a busy machine gets there). */
    private static final String DURATION = "(\\d+ ms|\\d+\\.\\d s)";

    private static final String CHAIN = "classpath:ai/demeter/migrations/engine/fixtures/chain";
    private static final String FAILING = "classpath:ai/demeter/migrations/engine/fixtures/failing";

    private final RecordingListener listener = new RecordingListener();

    private MigrationEngine engine(DatabaseTarget target, String location) {
        return new MigrationEngine(new EngineSettings(target, getClass().getClassLoader(), List.of(location),
                EngineSettings.DEFAULT_SCHEMA, EngineSettings.DEFAULT_HISTORY_TABLE), listener);
    }

    @Test
    void migratesToHeadReportingEachMigrationThenHasNothingToDo() throws Exception {
        DatabaseTarget target = SharedCluster.newDatabase();
        MigrationEngine engine = engine(target, CHAIN);
        assertTrue(engine.current().atBase());
        assertEquals(3, engine.current().pending().size());

        MigrateOutcome first = engine.migrate(new MigrateTarget.Head());
        assertEquals(3, first.applied());
        assertNull(first.fromVersion());
        assertEquals("3", first.toVersion());
        assertEquals(3, listener.infos.size(), listener.infos.toString());
        assertTrue(listener.infos.get(1).matches("up   V2 +add plot outline +" + DURATION), listener.infos.get(1));

        MigrateOutcome second = engine.migrate(new MigrateTarget.Head());
        assertEquals(0, second.applied());
        assertEquals("3", second.toVersion());

        try (Connection connection = Connections.open(target)) {
            ResultSet column = connection.createStatement().executeQuery(
                    "select type, srid from geometry_columns where f_table_name = 'plots'");
            assertTrue(column.next());
            assertEquals("POLYGON", column.getString(1));
            assertEquals(4326, column.getInt(2));
        }
    }

    @Test
    void migratesStepByStepAndToAVersion() {
        MigrationEngine engine = engine(SharedCluster.newDatabase(), CHAIN);
        assertEquals("1", engine.migrate(new MigrateTarget.Relative(1)).toVersion());
        MigrateOutcome toTwo = engine.migrate(MigrateTarget.parse("2"));
        assertEquals(1, toTwo.applied());
        assertEquals(1, toTwo.stillPending());
        DatabaseState state = engine.current();
        assertEquals("2", state.currentVersion());
        assertEquals("add plot outline", state.currentDescription());
        assertEquals(List.of(new DatabaseState.PendingMigration("3", "index plot outline")), state.pending());
    }

    @Test
    void refusesImpossibleTargetsBeforeChangingAnything() {
        MigrationEngine engine = engine(SharedCluster.newDatabase(), CHAIN);
        DemeterException tooMany = assertThrows(DemeterException.class, () -> engine.migrate(new MigrateTarget.Relative(4)));
        assertTrue(tooMany.getMessage().contains("more migrations than are pending (3)"), tooMany.getMessage());
        DemeterException unknown = assertThrows(DemeterException.class, () -> engine.migrate(MigrateTarget.parse("9")));
        assertTrue(unknown.getMessage().contains("not the version of any migration"), unknown.getMessage());
        assertTrue(engine.current().atBase());
    }

    @Test
    void duplicateVersionsAreRefusedBeforeAnythingRuns() throws Exception {
        DatabaseTarget target = SharedCluster.newDatabase();
        DemeterException e = assertThrows(DemeterException.class,
                () -> engine(target, "classpath:ai/demeter/migrations/engine/fixtures/duplicate").migrate(new MigrateTarget.Head()));
        assertTrue(e.isUserMistake());
        assertTrue(e.getMessage().contains("more than one migration with version 1"), e.getMessage());
        assertTrue(e.getMessage().contains("Nothing was changed."), e.getMessage());
        try (Connection connection = Connections.open(target)) {
            ResultSet tables = connection.createStatement().executeQuery(
                    "select count(*) from pg_tables where tablename in ('plots', 'fields')");
            tables.next();
            assertEquals(0, tables.getInt(1));
        }
    }

    @Test
    void failingMigrationNamesStatementAndSqlStateAndLeavesNothingBehind() throws Exception {
        DatabaseTarget target = SharedCluster.newDatabase();
        MigrationEngine engine = engine(target, FAILING);
        DemeterException e = assertThrows(DemeterException.class, () -> engine.migrate(new MigrateTarget.Head()));
        assertTrue(e.isUserMistake());
        String message = e.getMessage();
        assertTrue(message.startsWith("Migration V2 (index missing column) failed."), message);
        assertTrue(message.contains("statement: create index \"idx_plots_code\" on \"plots\"(\"code\")"), message);
        assertTrue(message.contains("SQLSTATE:  42703"), message);
        assertTrue(message.contains("column \"code\" does not exist"), message);
        assertEquals("1", engine.current().currentVersion());
        try (Connection connection = Connections.open(target)) {
            ResultSet table = connection.createStatement().executeQuery("select to_regclass('half_done') is null");
            table.next();
            assertTrue(table.getBoolean(1), "half_done survived the failed migration");
            ResultSet rows = connection.createStatement().executeQuery(
                    "select count(*) from flyway_schema_history where version = '2'");
            rows.next();
            assertEquals(0, rows.getInt(1));
        }
        assertFalse(message.contains("Exception"), message);
    }

    @Test
    void aMigrationFailingAtItsThirdOfFourStatementsLeavesNothingOfTheFirstTwo() throws Exception {
        DatabaseTarget target = SharedCluster.newDatabase();
        MigrationEngine engine = engine(target, "classpath:ai/demeter/migrations/engine/fixtures/halfway");
        DemeterException e = assertThrows(DemeterException.class, () -> engine.migrate(new MigrateTarget.Head()));
        String message = e.getMessage();
        assertTrue(message.startsWith("Migration V2 (split plot areas) failed."), message);
        assertTrue(message.contains("statement: insert into plot_areas select plot_id, area from plot\n"), message);
        assertTrue(message.contains("SQLSTATE:  42P01"), message);
        assertTrue(message.contains("nothing of V2 was applied, and no history row was written for it."), message);
        assertEquals("1", engine.current().currentVersion());
        try (Connection connection = Connections.open(target)) {
            ResultSet state = connection.createStatement().executeQuery("select to_regclass('plot_areas') is null,"
                    + " (select string_agg(area::text, ',' order by plot_id) from plots),"
                    + " (select count(*) from flyway_schema_history where not success)");
            state.next();
            assertTrue(state.getBoolean(1), "statement 1 (create table) was rolled back");
            assertEquals("10,20,30", state.getString(2), "statement 2 (update) was rolled back");
            assertEquals(0, state.getInt(3), "no failed history row");
        }
    }

    @Test
    void aMigrateWaitsForTheLockAtMostItsTimeoutThenNamesTheHolderAndAppliesNothing() throws Exception {
        DatabaseTarget target = SharedCluster.newDatabase();
        MigrationEngine engine = engine(target, CHAIN);
        long key = new FlywayHistoryTable("public", "flyway_schema_history").lockKey();
        try (Connection holder = Connections.open(target)) {
            holder.createStatement().execute("set application_name = 'nightly-import'");
            holder.createStatement().execute("select pg_advisory_lock(" + key + ")");
            DemeterException refused = assertThrows(DemeterException.class,
                    () -> engine.migrate(new MigrateTarget.Head(), java.time.Duration.ofSeconds(1)));
            assertTrue(refused.isUserMistake());
            assertTrue(refused.getMessage().contains("is still held after 1 s by pid "), refused.getMessage());
            assertTrue(refused.getMessage().contains("application 'nightly-import'"), refused.getMessage());
        }
        assertTrue(engine.current().atBase(), "nothing was applied");
        assertEquals(3, engine.migrate(new MigrateTarget.Head()).applied(), "once the holder is gone, migrate runs");
    }
}
