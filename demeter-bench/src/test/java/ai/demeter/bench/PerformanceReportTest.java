package ai.demeter.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The report's arithmetic and files, without a database: what the benchmark writes must be right. */
class PerformanceReportTest {
    @TempDir
    Path repository;

    @Test
    void medianMinAndMaxOfOddAndEvenCounts() {
        Timings odd = new Timings("odd", new long[] {30_000_000, 10_000_000, 20_000_000});
        assertEquals(20, odd.medianMillis(), 1e-9);
        assertEquals(10, odd.minMillis(), 1e-9);
        assertEquals(30, odd.maxMillis(), 1e-9);
        assertEquals(15, new Timings("even", new long[] {10_000_000, 40_000_000, 20_000_000, 10_000_000})
                .medianMillis(), 1e-9);
        assertEquals("median 20.0 ms (min 10.0, max 30.0, n 3)", odd.summary());
    }

    @Test
    void settingsDefaultQuickAndMistakes() throws Exception {
        Files.writeString(repository.resolve("mvnw"), "");
        Files.createDirectories(repository.resolve("demeter-schema"));
        String root = repository.toString();
        BenchSettings defaults = BenchSettings.from(Map.of("bench.root", root, "bench.reps", " "));
        assertEquals(5, defaults.reps());
        assertEquals(List.of(100, 1000), defaults.chains());
        assertEquals(List.of(1000, 5000), defaults.scaling());
        BenchSettings quick = BenchSettings.from(Map.of("bench.root", root, "bench.quick", "true",
                "bench.scaling", "2000, 400"));
        assertEquals(3, quick.reps());
        assertEquals(List.of(400, 2000), quick.scaling(), "sizes are sorted, smallest first");
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> BenchSettings.from(Map.of("bench.root", root, "bench.reps", "0")));
        assertEquals("bench.reps=0 is not a positive whole number, such as 5.", zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BenchSettings.from(Map.of("bench.root", "/")));
    }

    @Test
    void theBenchmarksPartIsReplacedAndTheRestKept() throws Exception {
        Path docs = Files.createDirectories(repository.resolve("docs"));
        Files.writeString(docs.resolve("performance.md"), "# Performance\n\nIntro.\n\n" + PerformanceReport.START
                + "\nold figures\n" + PerformanceReport.END + "\n\n## By hand\n\nKept.\n");
        Files.writeString(repository.resolve("mvnw"), "");
        Files.createDirectories(repository.resolve("demeter-schema"));
        PerformanceReport report = new PerformanceReport(BenchSettings.from(Map.of("bench.root",
                repository.toString(), "bench.quick", "true")));
        report.machine(Map.of("CPU", "2 cores"));
        report.figures("A figure", "How it was taken.", Map.of("case", new Timings("case",
                new long[] {1_000_000_000L, 2_000_000_000L, 3_000_000_000L})));
        report.verdict(new Verdict("a target", "2.0 s", false, "why, and the fix"));
        Map<String, Map<Integer, Timings>> scaling = new LinkedHashMap<>();
        scaling.put("current", new LinkedHashMap<>(Map.of(500, new Timings("current", new long[] {50_000_000}))));
        scaling.get("current").put(2500, new Timings("current", new long[] {120_000_000}));
        report.scaling(scaling);
        String written = Files.readString(report.write(docs));

        assertFalse(written.contains("old figures"));
        assertTrue(written.startsWith("# Performance\n\nIntro.\n\n" + PerformanceReport.START + "\n## Benchmark"));
        assertTrue(written.endsWith(PerformanceReport.END + "\n\n## By hand\n\nKept.\n"), written);
        assertTrue(written.contains("| a target | 2.0 s | **missed** |"), written);
        assertTrue(written.contains("- a target: why, and the fix"), written);
        assertTrue(written.contains("| case | 2000 ms | 1000 ms | 3000 ms | 3 |"), written);
        assertTrue(written.contains("| current | 50.0 ms (50.0-50.0) | 120 ms (120-120) | 2.40 |"), written);

        Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(
                Files.readString(docs.resolve(PerformanceReport.CHART)).getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", svg.getDocumentElement().getTagName());
        assertEquals(2 + 2, svg.getElementsByTagName("rect").getLength() - 1, "two bars and two legend keys");
    }
}
