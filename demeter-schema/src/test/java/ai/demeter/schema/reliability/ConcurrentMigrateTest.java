package ai.demeter.schema.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.Demeter;
import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.database.LocalProvider;
import ai.demeter.migrations.database.PostgresInstallation;
import ai.demeter.migrations.database.TemplateCluster;
import ai.demeter.migrations.engine.MigrationListener;
import ai.demeter.migrations.schema.SchemaSnapshot;
import ai.demeter.migrations.schema.SnapshotScope;
import ai.demeter.schema.MigrationChain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Eight separate JVMs migrate the same empty database to head at once: Flyway's advisory lock lets one apply the
 * DemeterAI chain while the others wait, then find nothing to do. Every migration is applied exactly once and every
 * process succeeds. A migrate and a rollback started together in two JVMs run one after the other.
 * <p>
 * Size: {@code ./mvnw install} runs two rounds of each test (the second test once in each order); the full run, five
 * rounds of eight JVMs and three of migrate against rollback, is
 * {@code ./mvnw -pl demeter-schema test -Dtest='KilledMigrationTest,ConcurrentMigrateTest' -Ddemeter.reliability.full=true}
 * (docs/reliability.md, "Size of the default build").
 */
@Tag("reliability")
class ConcurrentMigrateTest {
    private static final int PROCESSES = 8;
    /** The full run's sizes; the default build runs two rounds of each test. */
    private static final boolean FULL = Boolean.getBoolean("demeter.reliability.full");
    private static final int ROUNDS = Integer.getInteger("demeter.faults.concurrentRounds", FULL ? 5 : 2);
    private static final int MIGRATE_AND_ROLLBACK_ROUNDS = Integer.getInteger("demeter.faults.raceRounds", FULL ? 3 : 2);
    private static TemplateCluster cluster;

    @BeforeAll
    static void startCluster() {
        PostgresInstallation installation = PostgresInstallation.find(System.getenv())
                .filter(PostgresInstallation::hasPostgis)
                .orElseThrow(() -> new IllegalStateException("The reliability tests need PostgreSQL with PostGIS"));
        cluster = TemplateCluster.start(LocalProvider.of(installation));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void eightJvmsMigratingAtOnceApplyEachMigrationExactlyOnce() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            DatabaseTarget database = cluster.createDatabase();
            List<Process> processes = new ArrayList<>();
            for (int i = 0; i < PROCESSES; i++) {
                processes.add(new ProcessBuilder(javaCommand(database.url())).redirectErrorStream(true).start());
            }
            int applied = 0;
            for (Process process : processes) {
                assertTrue(process.waitFor(180, TimeUnit.SECONDS), "a migrating JVM did not finish in round " + round);
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                assertEquals(0, process.exitValue(), "round " + round + ": " + output);
                String last = output.lines().reduce((first, second) -> second).orElse("");
                assertTrue(last.startsWith("applied="), output);
                applied += Integer.parseInt(last.substring("applied=".length()));
            }
            int size = MigrationChain.size();
            assertEquals(size, applied, "round " + round + ": the chain was applied once in total");
            assertEquals(List.of(size + "|" + size + "|" + MigrationChain.head() + "|t"), rows(database,
                    "select count(*), count(distinct version), max(version::int), bool_and(success)"
                    + " from flyway_schema_history"));
        }
    }

    /**
     * A rollback to base and a migrate to head, started at once in two JVMs on a database at head (three rounds in
     * the full run, two by default, alternating which command is sent first):
     * one waits for the other's lock, so the database ends at base (the migrate ran first and found nothing to do)
     * or at head (the rollback ran first and the migrate re-applied everything), its catalog exactly that
     * version's, the history and the rollback journal in agreement.
     */
    @Test
    void aMigrateAndARollbackStartedTogetherRunOneAfterTheOther() throws Exception {
        DatabaseTarget empty = cluster.createDatabase();
        SchemaSnapshot base = snapshot(empty);
        for (int round = 1; round <= MIGRATE_AND_ROLLBACK_ROUNDS; round++) {
            DatabaseTarget database = cluster.copyOf("head", target -> Demeter.configure().url(target.url(), "postgres",
                    null).listener(MigrationListener.SILENT).load().migrate());
            SchemaSnapshot head = snapshot(database);
            List<Process> processes = new ArrayList<>();
            List<BufferedReader> outputs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Process process = new ProcessBuilder(javaCommand(StandbyProcess.class, database.url()))
                        .redirectErrorStream(true).start();
                processes.add(process);
                outputs.add(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
            }
            for (BufferedReader output : outputs) {
                awaitLine(output, "ready");
            }
            // Whichever command is sent first usually gets the lock; alternate, so both orders run.
            List<String> commands = round % 2 == 1 ? List.of("rollback", "migrate") : List.of("migrate", "rollback");
            for (int i = 0; i < 2; i++) {
                Writer input = new OutputStreamWriter(processes.get(i).getOutputStream(), StandardCharsets.UTF_8);
                input.write(commands.get(i) + " " + database.url() + "\n");
                input.flush();
            }
            java.util.Map<String, String> results = new java.util.HashMap<>();
            for (int i = 0; i < 2; i++) {
                assertTrue(processes.get(i).waitFor(180, TimeUnit.SECONDS), commands.get(i) + " did not finish");
                String output = outputs.get(i).lines().reduce("", (a, b) -> a + "\n" + b).strip();
                assertEquals(0, processes.get(i).exitValue(), commands.get(i) + ": " + output);
                results.put(commands.get(i), output.lines().reduce((first, second) -> second).orElse(""));
            }
            String wholeChain = "done=" + MigrationChain.size();
            assertEquals(wholeChain, results.get("rollback"), "the rollback undid the whole chain");
            List<String> history = rows(database, "select count(*) || '|' || count(*) filter (where success)"
                    + " from flyway_schema_history");
            List<String> journal = rows(database, "select count(*) from demeter_rollback_history");
            assertEquals(List.of(String.valueOf(MigrationChain.size())), journal);
            if (results.get("migrate").equals(wholeChain)) {
                assertEquals(List.of(MigrationChain.size() + "|" + MigrationChain.size()), history,
                        "rollback first, then migrate re-applied the chain");
                assertEquals(head, snapshot(database));
            } else {
                assertEquals("done=0", results.get("migrate"), "migrate first found nothing to do");
                assertEquals(List.of("0|0"), history, "then the rollback undid everything");
                assertEquals(base, snapshot(database));
            }
            System.out.println("ConcurrentMigrateTest round " + round + ": sent " + commands + "; rollback "
                    + results.get("rollback") + ", migrate " + results.get("migrate"));
            cluster.drop(database);
        }
    }

    private static void awaitLine(BufferedReader output, String expected) throws IOException {
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.equals(expected)) {
                return;
            }
        }
        throw new AssertionError("a JVM ended before printing " + expected);
    }

    private static SchemaSnapshot snapshot(DatabaseTarget database) throws SQLException {
        try (Connection connection = Connections.open(database)) {
            return SchemaSnapshot.read(connection, SnapshotScope.defaults());
        }
    }

    private static List<String> javaCommand(String url) {
        return javaCommand(MigrateProcess.class, url);
    }

    private static List<String> javaCommand(Class<?> main, String url) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Short-lived JVMs: the C1 compiler and the serial collector start fastest on two cores.
        return List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                main.getName(), url);
    }

    private static List<String> rows(DatabaseTarget target, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = Connections.open(target);
             ResultSet result = connection.createStatement().executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(result.getString(i));
                }
                rows.add(String.join("|", row));
            }
        }
        return rows;
    }
}
