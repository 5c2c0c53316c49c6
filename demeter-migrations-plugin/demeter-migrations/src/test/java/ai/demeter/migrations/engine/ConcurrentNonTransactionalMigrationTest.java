package ai.demeter.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.testing.SharedCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One JVM builds an index with CREATE INDEX CONCURRENTLY (a non-transactional migration) while a second JVM's
 * migrate waits for the lock: no deadlock, no hang; once the first finishes, the second finds nothing to do. While
 * the index is being built it is invalid, and validate does not mistake it for one a failed migration left.
 */
@Tag("reliability")
class ConcurrentNonTransactionalMigrationTest {
    private static final String CONCURRENTLY = "classpath:ai/demeter/migrations/engine/fixtures/concurrently";

    @Test
    void aMigrateWaitingForAConcurrentIndexBuildInAnotherJvmThenFindsNothingToDo() throws Exception {
        DatabaseTarget target = SharedCluster.newDatabase();
        MigrationEngine engine = new MigrationEngine(new EngineSettings(target, getClass().getClassLoader(),
                List.of(CONCURRENTLY), EngineSettings.DEFAULT_SCHEMA, EngineSettings.DEFAULT_HISTORY_TABLE),
                MigrationListener.SILENT);
        engine.migrate(MigrateTarget.parse("1"));
        Process builder;
        Process waiter;
        try (Connection reader = Connections.open(target)) {
            // An open snapshot: CREATE INDEX CONCURRENTLY waits for it to end before it finishes the index.
            reader.setAutoCommit(false);
            reader.createStatement().execute("set transaction isolation level repeatable read");
            reader.createStatement().executeQuery("select 1").close();

            builder = engineProcess(target, "migrate");
            awaitBuildWaiting(target);
            waiter = engineProcess(target, "migrate");
            List<String> waiterLines = new ArrayList<>();
            BufferedReader waiterOutput = EngineProcess.output(waiter);
            for (String line = waiterOutput.readLine(); line != null; line = waiterOutput.readLine()) {
                waiterLines.add(line);
                if (line.startsWith("Waiting for the migration lock")) {
                    break;
                }
            }
            assertTrue(waiterLines.get(waiterLines.size() - 1).startsWith("Waiting for the migration lock, held by pid "),
                    "the second JVM waits for the first: " + waiterLines);
            assertEquals(List.of(), engine.validate(), "an index being built is not a leftover");
            reader.commit();
            List<String> waited = EngineProcess.remaining(waiterOutput, waiter);
            List<String> built = EngineProcess.remaining(EngineProcess.output(builder), builder);
            assertEquals(0, builder.exitValue(), built.toString());
            assertEquals(0, waiter.exitValue(), waited.toString());
            assertEquals("applied=1", built.get(built.size() - 1), built.toString());
            assertEquals("applied=0", waited.get(waited.size() - 1), "the waiter found nothing to do: " + waited);
        }
        try (Connection connection = Connections.open(target);
             ResultSet state = connection.createStatement().executeQuery("select (select indisvalid from pg_index"
                     + " where indexrelid = 'idx_plots_code'::regclass), (select string_agg(version || ':' || success,"
                     + " ',' order by installed_rank) from flyway_schema_history)")) {
            state.next();
            assertTrue(state.getBoolean(1), "the index is valid");
            assertEquals("1:true,2:true", state.getString(2));
        }
    }

    /** Waits until the builder's CREATE INDEX CONCURRENTLY waits for the reader's snapshot. */
    private static void awaitBuildWaiting(DatabaseTarget target) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        try (Connection connection = Connections.open(target)) {
            while (System.nanoTime() < deadline) {
                try (ResultSet row = connection.createStatement().executeQuery("select count(*) from"
                        + " pg_stat_progress_create_index p join pg_stat_activity a on a.pid = p.pid"
                        + " where a.datname = current_database() and a.wait_event_type = 'Lock'")) {
                    row.next();
                    if (row.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
        fail("the concurrent index build never waited for the open snapshot");
    }

    private static Process engineProcess(DatabaseTarget target, String command) throws IOException {
        return EngineProcess.start(target, CONCURRENTLY, command);
    }
}
