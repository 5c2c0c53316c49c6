package ai.demeter.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.MigrationObservation;
import ai.demeter.migrations.api.RenderedMigrations;
import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.engine.fixtures.replay.V1__create_beds;
import ai.demeter.migrations.engine.fixtures.replay.V2__label_newest_bed;
import ai.demeter.migrations.testing.SharedCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.junit.jupiter.api.Test;

/**
 * A migration whose statements are known (rendered in this run, or from the checksum cache) and read nothing back
 * runs those statements without rendering again; one that reads data, or runs under verify's observation, runs
 * through jOOQ as written.
 */
class RecordedRunTest {
    private static final String REPLAY = "classpath:ai/demeter/migrations/engine/fixtures/replay";

    private static MigrationEngine engine(DatabaseTarget target) {
        return new MigrationEngine(new EngineSettings(target, RecordedRunTest.class.getClassLoader(), List.of(REPLAY),
                EngineSettings.DEFAULT_SCHEMA, EngineSettings.DEFAULT_HISTORY_TABLE), MigrationListener.SILENT);
    }

    @Test
    void aWriteOnlyMigrationWithKnownStatementsRunsThemWithoutRunningUpAgain() throws Exception {
        RenderedMigrations.Rendering rendering = RenderedMigrations.of(new V1__create_beds());
        assertTrue(rendering.replayable(), rendering.statements().toString());
        assertEquals(3, rendering.statements().size(), "the batch's two inserts are recorded: " + rendering.statements());
        int ups = V1__create_beds.UPS.get();

        DatabaseTarget target = SharedCluster.newDatabase();
        assertEquals(1, engine(target).migrate(MigrateTarget.parse("1")).applied());

        assertEquals(ups, V1__create_beds.UPS.get(), "neither the checksum nor the run ran up");
        assertEquals(Map.of(1, "north; with a \\ and a\nbreak", 2, "south"), beds(target));
        assertEquals(List.of(), engine(target).validate(), "the history's checksum is that of what ran");
    }

    @Test
    void aRollbackRunsTheKnownStatementsOfAWriteOnlyDown() throws Exception {
        DatabaseTarget target = SharedCluster.newDatabase();
        MigrationEngine engine = engine(target);
        engine.migrate(MigrateTarget.parse("1"));
        RenderedMigrations.Rendering down = RenderedMigrations.downOf(new V1__create_beds());
        assertEquals(List.of("drop table \"beds\""), down.statements());
        int downs = V1__create_beds.DOWNS.get();

        engine.rollback(new RollbackRequest.ToBase(), RollbackOptions.defaults());

        assertEquals(downs, V1__create_beds.DOWNS.get(), "down did not run: its statements did");
        try (Connection connection = Connections.open(target);
             ResultSet table = connection.createStatement().executeQuery("select to_regclass('beds') is null")) {
            table.next();
            assertTrue(table.getBoolean(1), "the table is gone");
        }
        assertTrue(engine.current().atBase());
    }

    @Test
    void aMigrationThatReadsDataRunsLive() throws Exception {
        RenderedMigrations.Rendering rendering = RenderedMigrations.of(new V2__label_newest_bed());
        assertFalse(rendering.replayable(), "a select is read back: " + rendering.statements());
        int ups = V2__label_newest_bed.UPS.get();

        DatabaseTarget target = SharedCluster.newDatabase();
        assertEquals(2, engine(target).migrate(new MigrateTarget.Head()).applied());

        assertEquals(ups + 1, V2__label_newest_bed.UPS.get(), "up ran on the database");
        assertEquals("after 2", beds(target).get(12), "what it read decided what it wrote: " + beds(target));
    }

    @Test
    void underVerifysObservationEveryStatementGoesThroughJooq() throws Exception {
        RenderedMigrations.of(new V1__create_beds());
        List<String> observed = new ArrayList<>();
        MigrationObservation.Observer observer = (migration, up, connection) -> new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext context) {
                observed.add(context.sql());
            }
        };
        DatabaseTarget target = SharedCluster.newDatabase();
        MigrationObservation.during(observer, () -> engine(target).migrate(MigrateTarget.parse("1")));
        assertFalse(observed.isEmpty(), "the observer saw the statements");
        assertTrue(observed.get(0).startsWith("create table \"beds\""), observed.toString());
        assertEquals(2, beds(target).size());
    }

    private static Map<Integer, String> beds(DatabaseTarget target) throws Exception {
        Map<Integer, String> beds = new TreeMap<>();
        try (Connection connection = Connections.open(target);
             ResultSet rows = connection.createStatement().executeQuery("select bed_id, name from beds")) {
            while (rows.next()) {
                beds.put(rows.getInt(1), rows.getString(2));
            }
        }
        return beds;
    }
}
