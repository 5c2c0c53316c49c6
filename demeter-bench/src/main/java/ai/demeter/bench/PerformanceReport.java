package ai.demeter.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's part of docs/performance.md: the machine, a verdict per target, every figure with median, min,
 * max and n, and the scaling chart (docs/performance-scaling.svg). It replaces what lies between its two marker
 * comments and leaves the rest of the file, the measurements taken by hand, as it is.
 */
final class PerformanceReport extends BenchReport {
    static final String START = "<!-- benchmark:start: written by the benchmark (demeter-bench); edits here are overwritten -->";
    static final String END = "<!-- benchmark:end -->";
    static final String CHART = "performance-scaling.svg";

    private final List<String> figures = new ArrayList<>();
    private final List<Verdict> verdicts = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private Map<String, Map<Integer, Timings>> scaling = Map.of();

    PerformanceReport(BenchSettings settings) {
        super(settings);
    }

    void failure(String section, String message) {
        failures.add(section + ": " + message);
    }

    void verdict(Verdict verdict) {
        verdicts.add(verdict);
        PerformanceBenchmark.say(verdict.status() + ": " + verdict.target() + ": " + verdict.measured());
    }

    void figures(String title, String how, Map<String, Timings> timings) {
        StringBuilder text = new StringBuilder("### ").append(title).append("\n\n").append(how).append("\n\n");
        text.append("| case | median | min | max | n |\n|---|---:|---:|---:|---:|\n");
        timings.values().forEach(t -> text.append("| ").append(t.label()).append(" | ")
                .append(Timings.millis(t.medianMillis())).append(" | ").append(Timings.millis(t.minMillis()))
                .append(" | ").append(Timings.millis(t.maxMillis())).append(" | ").append(t.n()).append(" |\n"));
        figures.add(text.toString());
    }

    void scaling(Map<String, Map<Integer, Timings>> byOperation) {
        scaling = byOperation;
    }

    /** Writes docs/performance.md (its benchmark part) and the chart into {@code docs}; returns the document. */
    Path write(Path docs) throws IOException {
        Path document = docs.resolve("performance.md");
        String existing = Files.isRegularFile(document) ? Files.readString(document, StandardCharsets.UTF_8)
                : "# Performance\n\n";
        String section = START + "\n" + section() + END;
        String updated;
        int start = existing.indexOf(START);
        int end = existing.indexOf(END);
        if (start >= 0 && end > start) {
            updated = existing.substring(0, start) + section + existing.substring(end + END.length());
        } else {
            int firstSection = existing.indexOf("\n## ");
            updated = firstSection < 0 ? existing + "\n" + section + "\n"
                    : existing.substring(0, firstSection + 1) + section + "\n\n" + existing.substring(firstSection + 1);
        }
        Files.writeString(document, updated, StandardCharsets.UTF_8);
        if (!scaling.isEmpty()) {
            Files.writeString(docs.resolve(CHART), ScalingChart.svg(scaling), StandardCharsets.UTF_8);
        }
        return document;
    }

    private String section() {
        StringBuilder text = new StringBuilder("## Benchmark (issue 9)\n\n");
        int cores = Runtime.getRuntime().availableProcessors();
        text.append("Taken ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern(
                "yyyy-MM-dd HH:mm"))).append(" UTC by the benchmark runner (").append(settings.describe())
                .append("; `").append(command()).append("` runs it), in ").append(took.toMinutes()).append(" min ").append(took.toSecondsPart())
                .append(" s. Every comparison ran in turns (A B A B ...) after one untimed warm-up round; figures are")
                .append(" wall-clock times. Load average (1, 5, 15 min) at the start ").append(loadAtStart)
                .append(", at the end ").append(loadAtEnd).append(".");
        if (busy(loadAtStart, cores) || busy(loadAtEnd, cores)) {
            text.append(" **The 1-minute load average was above the machine's ").append(cores)
                    .append(" cores at the start or the end (the benchmark's own build and processes count in it,")
                    .append(" and other work may have run): ratios are more telling than absolute times.**");
        }
        text.append("\n\n### Machine\n\n| | |\n|---|---|\n");
        machine.forEach((key, value) -> text.append("| ").append(key).append(" | ").append(value).append(" |\n"));
        text.append("\n### Targets\n\n| target | measured | verdict |\n|---|---|---|\n");
        for (Verdict verdict : verdicts) {
            text.append("| ").append(verdict.target()).append(" | ").append(verdict.measured()).append(" | **")
                    .append(verdict.status()).append("** |\n");
        }
        List<Verdict> missed = verdicts.stream().filter(v -> !Boolean.TRUE.equals(v.met())).toList();
        if (!missed.isEmpty()) {
            text.append("\nWhere a target was missed, why, and what would fix it:\n\n");
            missed.forEach(v -> text.append("- ").append(v.target()).append(": ").append(v.note()).append('\n'));
        }
        if (!failures.isEmpty()) {
            text.append("\nNot measured in this run (the step failed; the benchmark's log in")
                    .append(" `demeter-bench/target/bench/logs` says more):\n\n");
            failures.forEach(failure -> text.append("- ").append(failure).append('\n'));
        }
        text.append("\n");
        figures.forEach(figure -> text.append(figure).append('\n'));
        if (!scaling.isEmpty()) {
            text.append(scalingSection());
        }
        text.append(howToRun());
        return text.toString();
    }

    private String scalingSection() {
        List<Integer> sizes = scaling.values().iterator().next().keySet().stream().toList();
        StringBuilder text = new StringBuilder("### Scaling: no-op operations with many migrations applied\n\n");
        text.append("A synthetic chain (each migration a table with identity key, unique code, foreign key to the")
                .append(" previous table, a PostGIS point with a GiST index, a b-tree index, JSONB; generated and")
                .append(" compiled under `demeter-bench/target/bench`) applied with `psql -1 -f` of its `demeter:sql`")
                .append(" script; then each operation through the engine in-process, a new engine per run, in turns.")
                .append(" Median (min-max) of ").append(settings.reps()).append(" runs.\n\n| operation |");
        sizes.forEach(size -> text.append(" ").append(size).append(" applied |"));
        text.append(" ratio |\n|---|");
        sizes.forEach(size -> text.append("---:|"));
        text.append("---:|\n");
        scaling.forEach((operation, bySize) -> {
            text.append("| ").append(operation).append(" |");
            bySize.values().forEach(t -> text.append(" ").append(Timings.millis(t.medianMillis())).append(" (")
                    .append(Timings.number(t.minMillis())).append("-").append(Timings.number(t.maxMillis()))
                    .append(") |"));
            double ratio = bySize.get(sizes.get(sizes.size() - 1)).medianMillis() / bySize.get(sizes.get(0)).medianMillis();
            text.append(String.format(java.util.Locale.ROOT, " %.2f |\n", ratio));
        });
        text.append("\n![Median time of each no-op operation by the number of applied migrations](").append(CHART)
                .append(")\n\n");
        return text.toString();
    }

    private String command() {
        return "./mvnw -T1 install -Pbench -DskipTests -Dinvoker.skip" + (settings.quick() ? " -Dbench.quick=true" : "");
    }

    private static String howToRun() {
        return """
                ### How to run it

                ```sh
                ./mvnw -T1 install -Pbench -DskipTests -Dinvoker.skip                    # 6-10 min on a quiet 2-core machine, 15 busy
                ./mvnw -T1 install -Pbench -DskipTests -Dinvoker.skip -Dbench.quick=true # the quick setting: 9 min when busy
                ```

                The `bench` profile builds everything, installs it (the timed goals run from the local repository,
                as a user's do; `-T1` so that no other module builds while it measures), then runs `ai.demeter.bench.PerformanceBenchmark` from `demeter-bench` in a JVM of
                its own. It needs local PostgreSQL binaries with PostGIS (it starts its own cluster and runs `psql`)
                and Maven Central or a local repository holding `flyway-maven-plugin`. It rewrites the part of this
                file between the benchmark's markers and `docs/performance-scaling.svg`; the rest of the file is
                kept. Settings (system properties; blank means the default):

                | property | default | quick | what |
                |---|---|---|---|
                | `bench.quick` | `false` | `true` | the smaller setting below |
                | `bench.reps` | 5 | 3 | runs of each case, in turns with the cases it is compared to (twice as many for the no-op goals, three times for the DemeterAI chain in-process) |
                | `bench.chains` | `100,1000` | `100` | synthetic chain lengths, engine against psql |
                | `bench.scaling` | `1000,5000` | `500,2500` | applied migrations for the scaling runs |
                | `bench.buildReps` | 2 | 1 | runs of the generate and verify cases |
                | `bench.sections` | all six | all six | a comma list of `maven-migrate`, `maven-noop`, `maven-rollback`, `engine`, `scaling`, `build`, and `impact` (never run unless named; [its own part](#backfill-impact)); a partial run writes its report to `demeter-bench/target/bench/performance.md`, leaving this file as it is |

                Generated projects, chains, scripts and every Maven log are under `demeter-bench/target/bench`.

                """;
    }

    private static boolean busy(String load, int cores) {
        try {
            return Double.parseDouble(load.split(" ")[0]) > cores;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
