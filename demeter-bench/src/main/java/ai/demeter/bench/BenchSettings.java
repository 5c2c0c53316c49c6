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
 */
record BenchSettings(Path root, boolean quick, int reps, List<Integer> chains, List<Integer> scaling, int buildReps) {

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
                positive(properties, "bench.buildReps", quick ? "1" : "2"));
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
        return (quick ? "quick setting: " : "") + reps + " repetitions of each case, synthetic chains of "
                + chains + " migrations, scaling with " + scaling + " applied, " + buildReps
                + " repetitions of the build-time cases";
    }
}
