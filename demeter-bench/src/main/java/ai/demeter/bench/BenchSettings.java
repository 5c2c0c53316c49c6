package ai.demeter.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How much the benchmark measures: repetitions of each alternated case, the sizes of the synthetic chains, and where
 * the repository is. Read from system properties; a blank value means the default, which the quick setting shrinks.
 *
 * @param root      the repository (its {@code mvnw}, {@code demeter-schema}, {@code docs})
 * @param quick     the quick setting: fewer repetitions and smaller chains, a few minutes in all
 * @param reps      repetitions of each case (each case runs this often, alternating with the cases it is compared to)
 * @param chains    synthetic chain lengths migrated in-process and with psql
 * @param scaling   numbers of applied migrations for the no-op scaling runs, smallest first
 * @param buildReps repetitions of the build-time cases (cold generate and verify take tens of seconds each)
 * @param sections  the sections to run, by name ({@link #SECTIONS}, and {@link #IMPACT} when named); the six of
 *                  {@link #SECTIONS} by default. A partial run writes its report under the work directory, not into
 *                  docs/, whose figures stay those of a whole run; the impact section has a part of its own there
 * @param impact    what the impact section loads and migrates
 */
record BenchSettings(Path root, boolean quick, int reps, List<Integer> chains, List<Integer> scaling, int buildReps,
        List<String> sections, Impact impact) {
    static final List<String> SECTIONS = List.of("maven-migrate", "maven-noop", "maven-rollback", "engine", "scaling",
            "build");
    /** The impact section: minutes of loading and migrating a large table, so run only when named. */
    static final String IMPACT = "impact";
    static final int IMPACT_ROWS = 1_000_000;

    /**
     * The impact section's setting.
     *
     * @param rows            rows in {@code s3_images} before the migration
     * @param threads         the application's client threads
     * @param opsPerSecond    their writes per second, all together
     * @param baselineSeconds the load alone before the migration starts (and half as long after it ends)
     */
    record Impact(int rows, int threads, int opsPerSecond, int baselineSeconds) {
        String describe() {
            return String.format(java.util.Locale.ROOT, "%,d rows, %d client threads at %d writes/s in all,"
                    + " %d s of baseline", rows, threads, opsPerSecond, baselineSeconds);
        }
    }

    static BenchSettings from(Map<String, String> properties) {
        Path root = Path.of(value(properties, "bench.root", ".")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("mvnw")) || !Files.isDirectory(root.resolve("demeter-schema"))) {
            throw new IllegalArgumentException("bench.root=" + root + " is not the Demeter repository (no mvnw and"
                    + " demeter-schema there). Run the benchmark from the repository: ./mvnw install -Pbench ...");
        }
        boolean quick = Boolean.parseBoolean(value(properties, "bench.quick", "false"));
        return new BenchSettings(root, quick,
                positive(properties, "bench.reps", quick ? "3" : "5"),
                sizes(properties, "bench.chains", quick ? "100" : "100,1000"),
                sizes(properties, "bench.scaling", quick ? "500,2500" : "1000,5000"),
                positive(properties, "bench.buildReps", quick ? "1" : "2"),
                sections(properties),
                new Impact(positive(properties, "bench.impact.rows", quick ? "200000" : String.valueOf(IMPACT_ROWS)),
                        positive(properties, "bench.impact.threads", "4"),
                        positive(properties, "bench.impact.rate", "200"),
                        positive(properties, "bench.impact.baseline", quick ? "10" : "15")));
    }

    private static List<String> sections(Map<String, String> properties) {
        List<String> named = Arrays.stream(value(properties, "bench.sections", String.join(",", SECTIONS)).split(","))
                .map(String::strip).filter(name -> !name.isEmpty()).toList();
        for (String name : named) {
            if (!SECTIONS.contains(name) && !name.equals(IMPACT)) {
                throw new IllegalArgumentException("bench.sections: " + name + " is not a section. The sections: "
                        + String.join(", ", SECTIONS) + ", " + IMPACT + ".");
            }
        }
        return named;
    }

    /** Whether every section runs: only then does the report replace the figures in docs/. */
    boolean complete() {
        return sections.containsAll(SECTIONS);
    }

    /** Whether any of the six sections of the main report runs (not only the impact section). */
    boolean measuresTheGoals() {
        return sections.stream().anyMatch(SECTIONS::contains);
    }

    /**
     * Where the impact section's report goes: docs/ when it ran at the documented size (the whole setting, the
     * default row count), the work directory otherwise.
     */
    Path impactReportDirectory() {
        return !quick && impact.rows() == IMPACT_ROWS ? root.resolve("docs") : workDirectory();
    }

    /** Where the report goes: docs/ after a complete run, the work directory after a partial one. */
    Path reportDirectory() {
        return complete() ? root.resolve("docs") : workDirectory();
    }

    private static String value(Map<String, String> properties, String name, String fallback) {
        String value = properties.get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static int positive(Map<String, String> properties, String name, String fallback) {
        String text = value(properties, name, fallback);
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + "=" + text + " is not a positive whole number, such as 5.");
    }

    private static List<Integer> sizes(Map<String, String> properties, String name, String fallback) {
        String text = value(properties, name, fallback);
        try {
            List<Integer> sizes = Arrays.stream(text.split(",")).map(String::strip).map(Integer::parseInt).sorted()
                    .toList();
            if (sizes.stream().allMatch(size -> size > 0)) {
                return sizes;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + "=" + text + " is not a list of chain lengths, such as 100,1000.");
    }

    /** Where generated projects, chains and logs go: the module's own target directory. */
    Path workDirectory() {
        return root.resolve("demeter-bench/target/bench");
    }

    String describe() {
        return (complete() ? "" : "sections " + sections + " only; ") + (quick ? "quick setting: " : "") + reps
                + " repetitions of each case (" + 2 * reps + " of the no-op goals, " + 3 * reps
                + " of the DemeterAI chain in-process), synthetic chains of "
                + chains + " migrations, scaling with " + scaling + " applied, " + buildReps
                + " repetitions of the build-time cases";
    }
}
