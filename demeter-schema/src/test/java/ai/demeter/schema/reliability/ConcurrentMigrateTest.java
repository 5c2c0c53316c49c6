package ai.demeter.schema.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.database.LocalProvider;
import ai.demeter.migrations.database.PostgresInstallation;
import ai.demeter.migrations.database.TemplateCluster;
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
 * Eight separate JVMs migrate the same empty database to head at once, five rounds: Flyway's advisory lock lets
 * one apply the DemeterAI chain while the others wait, then find nothing to do. Every migration is applied exactly
 * once and every process succeeds.
 */
@Tag("reliability")
class ConcurrentMigrateTest {
    private static final int PROCESSES = 8;
    private static final int ROUNDS = 5;
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
            assertEquals(20, applied, "round " + round + ": the chain was applied once in total");
            assertEquals(List.of("20|20|20|t"), rows(database, "select count(*), count(distinct version),"
                    + " max(version::int), bool_and(success) from flyway_schema_history"));
        }
    }

    private static List<String> javaCommand(String url) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Short-lived JVMs: the C1 compiler and the serial collector start fastest on two cores.
        return List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                MigrateProcess.class.getName(), url);
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
