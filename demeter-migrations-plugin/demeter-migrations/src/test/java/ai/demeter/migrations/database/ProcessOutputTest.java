package ai.demeter.migrations.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessOutputTest {

    @Test
    void aChildThatLeavesABackgroundProcessHoldingItsOutputDoesNotHangTheCaller() {
        long started = System.nanoTime();
        // As pg_ctl start does: the server it forks keeps the output it inherited.
        ProcessOutput result = ProcessOutput.run(List.of("sh", "-c", "sleep 20 & echo started"), null, 10);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(0, result.exitCode());
        assertEquals("started", result.output().strip());
        assertTrue(millis < 5_000, "took " + millis + " ms");
    }

    @Test
    void aChildThatHangsIsStoppedAtTheTimeoutAndSaysSo() {
        long started = System.nanoTime();
        ProcessOutput result = ProcessOutput.run(List.of("sh", "-c", "echo waiting; sleep 30"), null, 1);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(-1, result.exitCode());
        assertTrue(result.output().startsWith("waiting\n"), result.output());
        assertTrue(result.output().contains("(sh did not finish within 1 s and was stopped)"), result.output());
        assertTrue(millis < 5_000, "took " + millis + " ms");
    }
}
