package ai.demeter.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.bench.ImpactBenchmark.KillRun;
import ai.demeter.bench.ImpactBenchmark.WayRun;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The impact section's arithmetic and its part of the document, without a database. */
class ImpactReportTest {
    private static final long MS = 1_000_000L;

    @TempDir
    Path repository;

    @Test
    void windowsPercentilesAndTheLongestGap() {
        // 100 writes of 1 ms every 10 ms; the migration from 500 to 900 ms; one write sent at 600 ms waits 250 ms.
        List<WriteLoad.Op> ops = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ops.add(new WriteLoad.Op(i * 10 * MS, (i == 60 ? 250 : 1) * MS, i % 2 == 0, false));
        }
        // No other write completes between 600 and 850 ms: a stall of the whole table.
        ops.removeIf(op -> op.startNanos() > 600 * MS && op.startNanos() < 850 * MS);
        WayRun run = new WayRun("way", "V2", ops, 0, 500 * MS, 900 * MS, 0, 0, 0, List.of(), 1_000);
        assertEquals(50, run.baseline().ops(), "the writes completed before 500 ms");
        assertEquals(1, run.baseline().p99(), 1e-9);
        assertEquals(250, run.during().max(), 1e-9);
        assertEquals(259, run.longestGapMillis(), 1e-9, "from 591 ms (the last write before) to 850 ms");
        assertEquals(ops.stream().filter(op -> op.startNanos() >= 900 * MS).count(), run.after().ops());
    }

    @Test
    void itsOwnPartIsPlacedAfterTheBenchmarksAndThenReplacedAlone() throws Exception {
        Path docs = Files.createDirectories(repository.resolve("docs"));
        String benchmark = PerformanceReport.START + "\nfigures\n" + PerformanceReport.END;
        Files.writeString(docs.resolve("performance.md"), "# Performance\n\n" + benchmark + "\n\n## By hand\n");
        Files.writeString(repository.resolve("mvnw"), "");
        Files.createDirectories(repository.resolve("demeter-schema"));
        ImpactReport report = new ImpactReport(BenchSettings.from(Map.of("bench.root", repository.toString())));
        report.machine(Map.of("cpu", "2 cores", "postgres", "PostgreSQL 15", "cluster", "local"));
        List<WriteLoad.Op> ops = List.of(new WriteLoad.Op(0, MS, true, false), new WriteLoad.Op(2 * MS, MS, false,
                false), new WriteLoad.Op(5 * MS, 2 * MS, true, false), new WriteLoad.Op(9 * MS, MS, false, false));
        WayRun way = new WayRun("backfill", "V3", ops, 0, 4 * MS, 8 * MS, 1 << 20, 1 << 10, 0,
                List.of("V3 backfill of s3_images: 1 rows walked"), 1_000);
        KillRun killed = new KillRun(1_000, 400, 400, 4, 100, 400, 0, 1.5, 1_000, 10, 1_100, 0, 2.0, "resuming",
                "walked");
        String first = Files.readString(report.write(docs, "399 bytes a row", way, way, killed));
        assertTrue(first.startsWith("# Performance\n\n" + benchmark + "\n\n" + ImpactReport.START), first);
        assertTrue(first.endsWith(ImpactReport.END + "\n\n## By hand\n"), first);
        assertTrue(first.contains("| after a SIGKILL mid-backfill: resumes with at most one batch redone, every row"
                + " right | 1 batch redone (100 rows rolled back, 0 walked twice), 0 of 1,000 rows wrong | **met** |"),
                first);

        String second = Files.readString(report.write(docs, "400 bytes a row", way, way, killed));
        assertEquals(second.indexOf(ImpactReport.START), second.lastIndexOf(ImpactReport.START),
                "replaced, not added again");
        assertTrue(second.contains("400 bytes a row") && !second.contains("399 bytes a row"));
        assertTrue(second.startsWith("# Performance\n\n" + benchmark + "\n\n"), "the benchmark's part is kept");
        assertEquals("svg", DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(
                Files.readString(docs.resolve(ImpactReport.CHART)).getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement().getTagName());
    }
}
