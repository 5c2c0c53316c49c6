package ai.demeter.bench;

import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.database.PostgresInstallation;
import ai.demeter.migrations.engine.EngineSettings;
import ai.demeter.migrations.engine.FlywayHistoryTable;
import ai.demeter.migrations.engine.MigrateTarget;
import ai.demeter.migrations.engine.MigrationEngine;
import ai.demeter.migrations.engine.MigrationListener;
import ai.demeter.migrations.engine.MigrationScan;
import ai.demeter.migrations.engine.MigrationScript;
import ai.demeter.migrations.engine.CodeMigration;
import ai.demeter.migrations.engine.ScriptRange;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Demeter's performance benchmark (issue 9): starts its own PostgreSQL + PostGIS cluster, times the goals against
 * flyway-maven-plugin and Maven's own start-up, the engine in-process against {@code psql -1 -f} of the same SQL,
 * the no-op operations as the history grows, and code generation and verify; every comparison in turns. Writes the
 * figures, the machine and a verdict on each target into docs/performance.md, and the scaling chart beside it.
 * Run it with {@code ./mvnw install -Pbench -DskipTests -Dinvoker.skip} (docs/performance.md, "How to run it").
 */
public final class PerformanceBenchmark {
    private static final List<String> DEMETER_SCHEMA = List.of("-pl", "demeter-schema");
    private static final String CHAIN_LOCATION = EngineSettings.DEFAULT_LOCATION;
    private static final double MAVEN_MIGRATE_RATIO = 0.9;
    private static final double NO_OP_MARGIN_MILLIS = 500;
    private static final double ENGINE_RATIO = 1.3;
    private static final double EXTRA_PER_MIGRATION_MILLIS = 5;
    private static final double SCALING_RATIO = 6;
    private static final double NO_OP_AT_1000_MILLIS = 500;
    private static final double GENERATE_UP_TO_DATE_MILLIS = 300;

    private final BenchSettings settings;
    private final PostgresInstallation installation;
    private final MavenCommand maven;
    private final PerformanceReport report;

    private PerformanceBenchmark(BenchSettings settings, PostgresInstallation installation) {
        this.settings = settings;
        this.installation = installation;
        this.maven = new MavenCommand(settings.root(), settings.workDirectory().resolve("logs"));
        this.report = new PerformanceReport(settings);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> properties = new LinkedHashMap<>();
        System.getProperties().forEach((key, value) -> properties.put(key.toString(), value.toString()));
        BenchSettings settings = BenchSettings.from(properties);
        PostgresInstallation installation = PostgresInstallation.find(System.getenv()).filter(PostgresInstallation::hasPostgis)
                .orElseThrow(() -> new IllegalStateException("The benchmark needs local PostgreSQL binaries with"
                        + " PostGIS (it runs psql beside the engine). Install them: apt-get install"
                        + " postgresql-15-postgis-3"));
        new PerformanceBenchmark(settings, installation).run();
    }

    private void run() throws Exception {
        Instant started = Instant.now();
        say("Demeter performance benchmark: " + settings.describe());
        Files.createDirectories(settings.workDirectory());
        report.loadAtStart(loadAverage());
        boolean[] impactFailed = {false};
        try (BenchCluster cluster = BenchCluster.start(installation)) {
            if (settings.measuresTheGoals()) {
                report.machine(machine(cluster));
            }
            section("maven-migrate", "Maven: demeter:migrate against flyway:migrate", () -> mavenMigrate(cluster));
            section("maven-noop", "Maven: no-op goals against Maven's start-up", () -> mavenNoOp(cluster));
            section("maven-rollback", "Maven: rollback to base against migrate from base",
                    () -> mavenRollback(cluster));
            section("engine", "In-process engine against psql", () -> engineAgainstPsql(cluster));
            section("scaling", "Scaling of the no-op operations", () -> scaling(cluster));
            section("build", "Build time: generate and verify", this::buildTime);
            // Last, and only when named: minutes of load on a large table, with a report part of its own.
            impactFailed[0] = !section(BenchSettings.IMPACT, "Impact: the application's writes while a column is"
                    + " filled", () -> say("Wrote the impact section into " + new ImpactBenchmark(settings, cluster)
                    .run() + " and " + ImpactReport.CHART + " beside it.")) && settings.sections().contains(
                    BenchSettings.IMPACT);
        }
        if (settings.measuresTheGoals()) {
            report.loadAtEnd(loadAverage());
            report.took(Duration.between(started, Instant.now()));
            Path written = report.write(settings.reportDirectory());
            say("Wrote " + written + " and its chart in " + Duration.between(started, Instant.now()).toSeconds()
                    + " s.");
        }
        if (impactFailed[0]) {
            throw new IllegalStateException("The impact section failed; see its output above.");
        }
    }

    /** A measurement step that may fail without losing the others: the report then says it was not measured. */
    @FunctionalInterface
    private interface Section {
        void run() throws Exception;
    }

    /** Runs the section if it was asked for; false when it failed. */
    private boolean section(String name, String title, Section section) {
        if (!settings.sections().contains(name)) {
            return true;
        }
        say("== " + title);
        long started = System.nanoTime();
        boolean passed = true;
        try {
            section.run();
        } catch (Exception | AssertionError e) {
            say("!! " + title + " failed: " + e);
            e.printStackTrace(System.out);
            report.failure(title, String.valueOf(e.getMessage()));
            passed = false;
        }
        say("   (" + (System.nanoTime() - started) / 1_000_000_000 + " s)");
        return passed;
    }

    // ---------------------------------------------------------------------------------------------------- Maven

    private void mavenMigrate(BenchCluster cluster) throws Exception {
        List<CodeMigration> chain = MigrationScan.resolve(loader(), List.of(CHAIN_LOCATION));
        Path peer = FlywayPeerProject.write(settings.workDirectory().resolve("flyway-peer"), chain,
                rootProperty("flyway.version"), rootProperty("postgresql.version")).getParent();
        DatabaseTarget[] database = new DatabaseTarget[1];
        Map<String, Timings> timings = new Alternation()
                .add("mvn demeter:migrate", () -> database[0] = cluster.createDatabase(),
                        () -> demeter(database[0], "demeter-migrate", "demeter:migrate"),
                        () -> cluster.drop(database[0]))
                .add("mvn flyway:migrate", () -> database[0] = cluster.createDatabase(),
                        () -> maven.run(peer, "flyway-migrate", List.of("-q", "flyway:migrate",
                                "-Dflyway.url=" + database[0].url(), "-Dflyway.user=" + database[0].user())),
                        () -> cluster.drop(database[0]))
                .run(settings.reps(), PerformanceBenchmark::say);
        Timings demeter = timings.get("mvn demeter:migrate");
        Timings flyway = timings.get("mvn flyway:migrate");
        report.figures("Maven: migrate the DemeterAI chain (" + chain.size() + " migrations) on an empty database",
                "Whole `./mvnw -q` processes, the database created before and dropped after each run (untimed). Flyway"
                        + " runs the same SQL, rendered by Demeter's offline renderer into one `V<n>__<desc>.sql` file"
                        + " per migration, in a generated project (`demeter-bench/target/bench/flyway-peer`).",
                timings);
        double ratio = demeter.medianMillis() / flyway.medianMillis();
        report.verdict(new Verdict("`mvn demeter:migrate` of the DemeterAI chain at most " + MAVEN_MIGRATE_RATIO
                + " x `mvn flyway:migrate`", ratio(ratio) + " (" + Timings.millis(demeter.medianMillis()) + " against "
                + Timings.millis(flyway.medianMillis()) + ")", ratio <= MAVEN_MIGRATE_RATIO,
                "Both processes start Maven, resolve and load their plugin and run the same statements with one"
                        + " history row each. demeter:migrate loads a larger plugin (17 dependency nodes: Flyway,"
                        + " jOOQ and pgjdbc, and jOOQ's code generator for generate), reads the module's class path"
                        + " from its record, checks the migration classes are current, fingerprints them for the kept"
                        + " renderings while it connects, checks for an Alembic database, and reads the history once;"
                        + " on an empty database it plans from that read without starting or configuring Flyway. Maven's resolution of the plugin's graph is the largest fixed part left."));
    }

    private void mavenNoOp(BenchCluster cluster) throws Exception {
        DatabaseTarget database = cluster.createDatabase();
        demeter(database, "demeter-migrate-head", "demeter:migrate");
        Map<String, Timings> timings = new Alternation()
                .add("mvn validate (Maven's start-up)", () -> maven.run(settings.root(), "mvn-validate",
                        concat(List.of("-q", "validate"), DEMETER_SCHEMA)))
                .add("mvn demeter:migrate, nothing pending", () -> demeter(database, "noop-migrate", "demeter:migrate"))
                .add("mvn demeter:current", () -> demeter(database, "noop-current", "demeter:current"))
                .add("mvn demeter:validate", () -> demeter(database, "noop-validate", "demeter:validate"))
                // Twice the repetitions: each run is short, and its spread a large share of the 0.5 s margin.
                .run(2 * settings.reps(), PerformanceBenchmark::say);
        report.figures("Maven: no-op goals on a database at head",
                "Whole `./mvnw -q ... -pl demeter-schema` processes; `validate` is the empty lifecycle phase, i.e."
                        + " Maven's own start-up for this module.", timings);
        double base = timings.get("mvn validate (Maven's start-up)").medianMillis();
        for (String goal : List.of("mvn demeter:migrate, nothing pending", "mvn demeter:current",
                "mvn demeter:validate")) {
            double goalMillis = timings.get(goal).medianMillis();
            report.verdict(new Verdict("`" + goal.replaceAll(",.*", "") + "` (no-op) at most Maven's start-up + 0.5 s",
                    Timings.millis(goalMillis) + " = start-up " + Timings.millis(base) + " + "
                            + Timings.millis(goalMillis - base), goalMillis - base <= NO_OP_MARGIN_MILLIS,
                    "Beyond Maven's start-up (`mvn validate` resolves no plugin and no dependencies), Maven"
                            + " resolves the plugin's graph (17 nodes, reading each POM in this JVM for the first time)"
                            + " and loads its class realm; the goal reads the module's class path from its record,"
                            + " opens one JDBC connection (loading the driver) while it fingerprints the module, and"
                            + " reads the history once; Flyway is not started when the history agrees with the code. Maven's"
                            + " part (the plugin's graph and realm) is the larger one left. See \"Where a goal's own"
                            + " time went\" below."));
        }
        cluster.drop(database);
    }

    private void mavenRollback(BenchCluster cluster) throws Exception {
        DatabaseTarget database = cluster.createDatabase();
        Map<String, Timings> timings = new Alternation()
                .add("mvn demeter:migrate (base to head)", () -> demeter(database, "pair-migrate", "demeter:migrate"))
                .add("mvn demeter:rollback -Ddemeter.target=base", () -> demeter(database, "pair-rollback",
                        "demeter:rollback", "-Ddemeter.target=base"))
                .run(settings.reps(), PerformanceBenchmark::say);
        report.figures("Maven: the whole chain down to base, against applying it",
                "Whole processes on one database, in turns: migrate from base to head, then roll back to base.",
                timings);
        double down = timings.get("mvn demeter:rollback -Ddemeter.target=base").medianMillis();
        double up = timings.get("mvn demeter:migrate (base to head)").medianMillis();
        report.verdict(new Verdict("rollback of the whole chain to base at most the cost of applying it",
                Timings.millis(down) + " against " + Timings.millis(up) + " (" + ratio(down / up) + ")", down <= up,
                "Rollback plans the whole range first (one read of the history, every down checked for"
                        + " reversibility), then runs each down in its own transaction under Flyway's lock with Demeter's audit row;"
                        + " batching the steps into fewer round trips would bring it down."));
        cluster.drop(database);
    }

    private void demeter(DatabaseTarget database, String log, String... goal) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("-q"));
        arguments.addAll(List.of(goal));
        arguments.addAll(DEMETER_SCHEMA);
        arguments.add("-Ddemeter.url=" + database.url());
        arguments.add("-Ddemeter.user=" + database.user());
        maven.run(settings.root(), log, arguments);
    }

    // ----------------------------------------------------------------------------------------------- in-process

    private void engineAgainstPsql(BenchCluster cluster) throws Exception {
        // Three times the repetitions for the DemeterAI chain: a run takes under a second, and its spread (CREATE
        // EXTENSION postgis alone varies by 100 ms) is larger than the 100 ms the 5 ms per migration allow over 20.
        compare(cluster, "DemeterAI chain", loader(), CHAIN_LOCATION, 20, 3 * settings.reps());
        for (int size : settings.chains()) {
            SyntheticChain chain = SyntheticChain.of(settings.workDirectory(), size, PerformanceBenchmark::say);
            try (var loader = chain.loader(loader())) {
                compare(cluster, "synthetic chain of " + size, loader, chain.location(), size, settings.reps());
            }
        }
    }

    private void compare(BenchCluster cluster, String name, ClassLoader loader, String location, int expected,
            int reps) throws Exception {
        List<CodeMigration> migrations = MigrationScan.resolve(loader, List.of(location));
        if (migrations.size() != expected) {
            throw new IllegalStateException(name + ": expected " + expected + " migrations, found " + migrations.size());
        }
        Path script = script(name, migrations);
        DatabaseTarget[] database = new DatabaseTarget[1];
        Map<String, Timings> timings = new Alternation()
                .add("engine migrate (in-process)", () -> database[0] = cluster.createDatabase(),
                        () -> engine(database[0], loader, location).migrate(new MigrateTarget.Head()),
                        () -> cluster.drop(database[0]))
                .add("psql -1 -f (same SQL)", () -> database[0] = cluster.createDatabase(),
                        () -> psql(database[0], script),
                        () -> cluster.drop(database[0]))
                .run(reps, PerformanceBenchmark::say);
        report.figures("In-process: migrate the " + name + " (" + migrations.size() + " migrations) on an empty database",
                "The engine called as a library in one JVM (after an untimed warm-up run, so classes are loaded and"
                        + " checksums known), against `psql -X -q -1 -f` of the script `demeter:sql` renders for the"
                        + " same range (the same statements and history rows). Fresh database per run, untimed.",
                timings);
        double engine = timings.get("engine migrate (in-process)").medianMillis();
        double psql = timings.get("psql -1 -f (same SQL)").medianMillis();
        double perMigration = (engine - psql) / migrations.size();
        report.verdict(new Verdict("engine in-process at most " + ENGINE_RATIO + " x `psql -1 -f`, " + name
                + ", extra under " + (int) EXTRA_PER_MIGRATION_MILLIS + " ms per migration",
                Timings.millis(engine) + " against " + Timings.millis(psql) + " (" + ratio(engine / psql) + "), "
                        + Timings.millis(perMigration) + " extra per migration",
                engine / psql <= ENGINE_RATIO && perMigration < EXTRA_PER_MIGRATION_MILLIS,
                "Per migration the engine sends BEGIN, the statement lock timeout, the migration's statements,"
                        + " its history row and COMMIT, where psql -1 sends the statements and history rows in one"
                        + " transaction; per run it reads the history once on the connection it then migrates on"
                        + " (on an empty database that read plans the run: Flyway is not started), checks for an"
                        + " Alembic database, takes the lock and checks for leftovers. What is left is those round"
                        + " trips and one commit per migration."));
    }

    private void scaling(BenchCluster cluster) throws Exception {
        Map<String, Map<Integer, Timings>> byOperation = new LinkedHashMap<>();
        for (int size : settings.scaling()) {
            SyntheticChain chain = SyntheticChain.of(settings.workDirectory(), size, PerformanceBenchmark::say);
            DatabaseTarget database = cluster.createDatabase();
            try (var loader = chain.loader(loader())) {
                List<CodeMigration> migrations = MigrationScan.resolve(loader, List.of(chain.location()));
                long applying = System.nanoTime();
                psql(database, script("synthetic chain of " + size, migrations));
                say("applied " + size + " migrations with psql in " + (System.nanoTime() - applying) / 1_000_000 + " ms");
                String location = chain.location();
                Map<String, Timings> timings = new Alternation()
                        .add("no-op migrate", () -> engine(database, loader, location).migrate(new MigrateTarget.Head()))
                        .add("current", () -> engine(database, loader, location).current())
                        .add("history", () -> engine(database, loader, location).history())
                        .add("validate", () -> engine(database, loader, location).validate())
                        .run(settings.reps(), PerformanceBenchmark::say);
                timings.forEach((operation, t) -> byOperation.computeIfAbsent(operation, o -> new LinkedHashMap<>())
                        .put(size, t));
            } finally {
                cluster.drop(database);
            }
        }
        report.scaling(byOperation);
        int small = settings.scaling().get(0);
        int large = settings.scaling().get(settings.scaling().size() - 1);
        for (Map.Entry<String, Map<Integer, Timings>> operation : byOperation.entrySet()) {
            double ratio = operation.getValue().get(large).medianMillis() / operation.getValue().get(small).medianMillis();
            report.verdict(new Verdict("scaling: " + operation.getKey() + ", T(" + large + ")/T(" + small + ") under "
                    + (int) SCALING_RATIO, ratio(ratio), ratio < SCALING_RATIO,
                    "The operation's time grows faster than the number of applied migrations; a JFR profile"
                            + " at the larger size (-XX:StartFlightRecording) shows which step."));
        }
        Map<Integer, Timings> noOp = byOperation.get("no-op migrate");
        int at = noOp.containsKey(1000) ? 1000 : small;
        double millis = noOp.get(at).medianMillis();
        report.verdict(new Verdict("no-op migrate with 1,000 applied under 0.5 s in-process"
                + (at == 1000 ? "" : " (measured with " + at + " applied: the chosen sizes have no 1,000)"),
                Timings.millis(millis), millis < NO_OP_AT_1000_MILLIS,
                "A no-op migrate reads the history once and compares it row by row with the code and its kept"
                        + " renderings; when they disagree it scans with Flyway, whose validation grows with the"
                        + " number of migrations."));
    }

    // ------------------------------------------------------------------------------------------------ build time

    private void buildTime() throws Exception {
        List<Double> checked = new ArrayList<>();
        Map<String, Timings> timings = new LinkedHashMap<>(new Alternation()
                .add("generate-sources, jOOQ classes up to date (whole process)", () -> checked.add(checkedIn(
                        maven.run(settings.root(), "generate-up-to-date", List.of("generate-sources", "-pl",
                                "demeter-app")))))
                .add("generate-sources, cold (-Ddemeter.generate.force=true)", () -> maven.run(settings.root(),
                        "generate-cold", List.of("-q", "generate-sources", "-pl", "demeter-app",
                                "-Ddemeter.generate.force=true")))
                .add("verify in demeter-schema (whole process, tests skipped)", () -> maven.run(settings.root(),
                        "verify", List.of("-q", "verify", "-pl", "demeter-schema", "-Dtest=none",
                                "-Dsurefire.failIfNoSpecifiedTests=false", "-Dinvoker.skip")))
                .run(settings.buildReps(), PerformanceBenchmark::say));
        // The first entry is the warm-up's, which may have had to generate; only the timed runs count.
        List<Double> timed = checked.subList(checked.size() - settings.buildReps(), checked.size());
        if (timed.stream().anyMatch(ms -> ms.isNaN())) {
            throw new IllegalStateException("generate-sources regenerated the jOOQ classes in a timed run instead of"
                    + " finding them up to date; see " + settings.workDirectory().resolve("logs/generate-up-to-date.log"));
        }
        long[] plugin = timed.stream().mapToLong(ms -> (long) (ms * 1e6)).toArray();
        Timings upToDate = new Timings("generate up to date: the goal's own check (as it logs it)", plugin);
        timings.put(upToDate.label(), upToDate);
        report.figures("Build time: code generation and the verify gate",
                "`./mvnw generate-sources -pl demeter-app` (jOOQ classes from a throwaway database, or the up-to-date"
                        + " check) and `./mvnw verify -pl demeter-schema` (every migration up, down, up again with"
                        + " catalog snapshots). Whole processes, and the up-to-date check as the goal reports it.",
                timings);
        report.verdict(new Verdict("`generate` up to date under 0.3 s of plugin time",
                upToDate.summary(), upToDate.medianMillis() < GENERATE_UP_TO_DATE_MILLIS,
                "The up-to-date check fingerprints its inputs (docs/codegen.md); the goal's line says how long"
                        + " the check took, and the log in demeter-bench/target/bench/logs shows what else ran."));
    }

    private static final Pattern CHECKED_IN = Pattern.compile("checked in ([0-9.]+) (ms|s)\\)");

    private static double checkedIn(String log) {
        Matcher matcher = CHECKED_IN.matcher(log);
        if (!matcher.find()) {
            return Double.NaN; // it generated: the classes were not up to date
        }
        double value = Double.parseDouble(matcher.group(1));
        return matcher.group(2).equals("s") ? value * 1000 : value;
    }

    // --------------------------------------------------------------------------------------------------- helpers

    private static MigrationEngine engine(DatabaseTarget database, ClassLoader loader, String location) {
        return new MigrationEngine(new EngineSettings(database, loader, List.of(location), EngineSettings.DEFAULT_SCHEMA,
                EngineSettings.DEFAULT_HISTORY_TABLE), MigrationListener.SILENT);
    }

    /** The whole-range up script, as demeter:sql writes it, kept in the work directory. */
    private Path script(String name, List<CodeMigration> migrations) throws IOException {
        Path file = settings.workDirectory().resolve("scripts").resolve(name.replace(' ', '-') + ".sql");
        Files.createDirectories(file.getParent());
        Files.writeString(file, MigrationScript.render(migrations, ScriptRange.parse("up", null, null),
                new FlywayHistoryTable(FlywayHistoryTable.DEFAULT_SCHEMA, FlywayHistoryTable.DEFAULT_TABLE)));
        return file;
    }

    private void psql(DatabaseTarget database, Path script) throws IOException, InterruptedException {
        String hostAndPort = database.hostAndPort();
        int colon = hostAndPort.lastIndexOf(':');
        Path log = settings.workDirectory().resolve("logs/psql.log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(installation.binary("psql").toString(), "-X", "-q", "-1",
                "-v", "ON_ERROR_STOP=1", "-h", hostAndPort.substring(0, colon), "-p", hostAndPort.substring(colon + 1),
                "-U", database.user(), "-d", database.databaseName(), "-f", script.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("psql -1 -f " + script + " failed; see " + log);
        }
    }

    private ClassLoader loader() {
        return PerformanceBenchmark.class.getClassLoader();
    }

    private String rootProperty(String name) throws IOException {
        Matcher matcher = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(
                Files.readString(settings.root().resolve("pom.xml")));
        if (!matcher.find()) {
            throw new IllegalStateException("The root pom.xml has no <" + name + "> property.");
        }
        return matcher.group(1).strip();
    }

    private Map<String, String> machine(BenchCluster cluster) throws Exception {
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("CPU", Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + ")");
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        machine.put("Memory", String.format(Locale.ROOT, "%.1f GiB", os.getTotalMemorySize() / (1024.0 * 1024 * 1024)));
        machine.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + osRelease());
        machine.put("JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("Maven", maven.version());
        DatabaseTarget database = cluster.createDatabase();
        try (Connection connection = Connections.open(database); Statement statement = connection.createStatement()) {
            statement.execute("create extension postgis");
            machine.put("PostgreSQL", BenchCluster.single(statement, "select version()"));
            machine.put("PostGIS", BenchCluster.single(statement, "select postgis_lib_version()"));
        } finally {
            cluster.drop(database);
        }
        machine.put("Cluster", cluster.describe() + ", started by the benchmark (`local` provider)");
        return machine;
    }

    static String cpuModel() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return "model unknown";
        }
        return Files.readAllLines(cpuinfo).stream().filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElse("model unknown");
    }

    private static String osRelease() throws IOException {
        Path release = Path.of("/etc/os-release");
        if (!Files.isReadable(release)) {
            return "";
        }
        return Files.readAllLines(release).stream().filter(line -> line.startsWith("PRETTY_NAME="))
                .map(line -> " (" + line.substring("PRETTY_NAME=".length()).replace("\"", "") + ")").findFirst()
                .orElse("");
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2f x", ratio);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    static void say(String line) {
        System.out.println("[bench] " + line);
        System.out.flush();
    }
}
