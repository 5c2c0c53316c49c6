package ai.demeter.migrations.engine;

import static ai.demeter.migrations.engine.BackfillTest.IMAGES;
import static ai.demeter.migrations.engine.BackfillTest.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.testing.SharedCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A backfill in another JVM, as a deploy job runs it: SIGKILLed at a random moment, then resumed by the next
 * migrate from the last committed batch, every row checked; and two JVMs migrating at once, one backfilling while
 * the other waits under Flyway's lock and then finds nothing to do.
 */
@Tag("reliability")
class KilledBackfillTest {

    @Test
    void aBackfillKilledAtARandomMomentResumesAfterItsLastCommittedBatch() throws Exception {
        DatabaseTarget target = SharedCluster.newDatabase();
        BackfillTest.engine(target, IMAGES, MigrationListener.SILENT).migrate(MigrateTarget.parse("1"));
        Process migrate = engineProcess(target, "migrate", 8_000); // 20,000 rows: 2.5 s
        BufferedReader output = EngineProcess.output(migrate);
        List<String> lines = new ArrayList<>();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            lines.add(line);
            if (line.contains("rows to walk")) {
                break;
            }
        }
        assertTrue(lines.get(lines.size() - 1).contains("V2 backfill of images: 20,000 rows to walk"), lines.toString());
        Thread.sleep(ThreadLocalRandom.current().nextLong(200, 1_800));
        migrate.destroyForcibly(); // SIGKILL: no finally, no rollback from the JVM
        assertTrue(migrate.waitFor(30, TimeUnit.SECONDS));
        awaitBackendGone(target);

        long doneBeforeKill = count(target, "select rows_done from demeter_backfill_progress");
        long batchesBeforeKill = count(target, "select batches from demeter_backfill_progress");
        long rightBeforeKill = count(target, "select count(*) from images where kind is not null");
        assertTrue(doneBeforeKill > 0 && doneBeforeKill < 20_000, "killed in the middle: " + doneBeforeKill);
        assertEquals(doneBeforeKill, rightBeforeKill, "the record and the data committed together");
        assertEquals(0, count(target, "select count(*) from flyway_schema_history where version = '2'"),
                "no history row, failed or not, for the killed migration");

        RecordingListener listener = new RecordingListener();
        assertEquals(1, BackfillTest.engine(target, IMAGES, listener).migrate(new MigrateTarget.Head()).applied());
        String resumed = listener.infos.stream().filter(line -> line.contains("resuming after key")).findFirst()
                .orElseThrow(() -> new AssertionError(listener.infos.toString()));
        assertTrue(resumed.endsWith(String.format("%,d", doneBeforeKill) + " of 20,000 rows done by an earlier run"),
                resumed);
        String last = listener.infos.stream().filter(line -> line.contains("rows walked")).findFirst().orElseThrow();
        assertTrue(last.startsWith("V2 backfill of images: 20,000 rows walked, 20,000 updated, in "), last);
        System.out.println("killed after " + doneBeforeKill + " rows in " + batchesBeforeKill + " batches; " + resumed
                + "; " + last);
        assertEquals(0, count(target, "select count(*) from images where kind is distinct from"
                + " case when size >= 50 then 'large' else 'small' end"), "every row checked: right, none missed");
    }

    @Test
    void aSecondMigrateWaitsUnderFlywaysLockWhileTheFirstBackfills() throws Exception {
        DatabaseTarget target = SharedCluster.newDatabase();
        BackfillTest.engine(target, IMAGES, MigrationListener.SILENT).migrate(MigrateTarget.parse("1"));
        Process first = engineProcess(target, "migrate", 4_000); // five seconds
        BufferedReader firstOutput = EngineProcess.output(first);
        for (String line = firstOutput.readLine(); line != null && !line.contains("rows to walk");
                line = firstOutput.readLine()) {
            // until the first JVM has started its backfill
        }
        Process second = engineProcess(target, "migrate", 0);
        List<String> waited = EngineProcess.remaining(EngineProcess.output(second), second);
        List<String> backfilled = EngineProcess.remaining(firstOutput, first);
        assertEquals(0, first.exitValue(), backfilled.toString());
        assertEquals(0, second.exitValue(), waited.toString());
        assertTrue(waited.stream().anyMatch(line -> line.startsWith("Waiting for the migration lock, held by pid ")),
                waited.toString());
        assertEquals("applied=0", waited.get(waited.size() - 1), "the waiter found V2 applied: " + waited);
        assertEquals("applied=1", backfilled.get(backfilled.size() - 1), backfilled.toString());
        assertEquals(0, count(target, "select count(*) from images where kind is null"));
    }

    private static void awaitBackendGone(DatabaseTarget target) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (count(target, "select count(*) from pg_stat_activity where datname = current_database()"
                    + " and pid <> pg_backend_pid() and backend_type = 'client backend'") == 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the killed JVM's session never ended");
    }

    private static Process engineProcess(DatabaseTarget target, String command, int rowsPerSecond) throws IOException {
        return EngineProcess.start(target, IMAGES, command, "-Ddemeter.test.backfillRate=" + rowsPerSecond);
    }
}
