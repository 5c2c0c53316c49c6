package ai.demeter.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseProvider;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.database.DockerProvider;
import ai.demeter.migrations.database.LocalProvider;
import ai.demeter.migrations.database.ProviderChoice;
import ai.demeter.migrations.database.TemplateCluster;
import ai.demeter.migrations.engine.EngineSettings;
import ai.demeter.migrations.engine.FlywayHistoryTable;
import ai.demeter.migrations.engine.MigrateTarget;
import ai.demeter.migrations.engine.MigrationEngine;
import ai.demeter.migrations.engine.MigrationListener;
import ai.demeter.migrations.engine.MigrationScan;
import ai.demeter.migrations.engine.MigrationScript;
import ai.demeter.migrations.engine.ScriptRange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What an in-process migrate of the DemeterAI chain costs: its time from empty to head, next to psql -1 -f of the
 * same SQL (the script demeter:sql renders), and the statements it sends to the server (counted from the server's
 * log with {@code log_statement = all}), per migration. Not part of the
 * default run (tag benchmark).
 */
@Tag("benchmark")
class MigrateStatementsBenchmarkTest {
    private static final int RUNS = 7;

    @Test
    void migrateTheChainFromEmptyToHead() throws Exception {
        DatabaseProvider provider = ProviderChoice.AUTO.select(System.getenv(), DockerProvider.DEFAULT_IMAGE);
        Assumptions.assumeTrue(provider instanceof LocalProvider, "the server's log is read from its directory");
        try (TemplateCluster cluster = TemplateCluster.start(provider)) {
            migrateToHead(cluster.createDatabase()); // warm-up: loads Flyway, jOOQ and the migration classes
            long[] nanos = new long[RUNS];
            for (int i = 0; i < RUNS; i++) {
                DatabaseTarget database = cluster.createDatabase();
                long started = System.nanoTime();
                migrateToHead(database);
                nanos[i] = System.nanoTime() - started;
                cluster.drop(database);
            }
            report("in-process migrate empty -> head (" + MigrationChain.size() + " migrations)", nanos);

            // The same SQL as psql -1 -f runs it: the script demeter:sql renders, history inserts included.
            Path script = Files.createTempFile("demeter-chain", ".sql");
            try {
                Files.writeString(script, MigrationScript.render(
                        MigrationScan.resolve(getClass().getClassLoader(), List.of(EngineSettings.DEFAULT_LOCATION)),
                        ScriptRange.parse("up", null, null), new FlywayHistoryTable("public", "flyway_schema_history")));
                long[] psql = new long[RUNS];
                for (int i = 0; i < RUNS; i++) {
                    DatabaseTarget database = cluster.createDatabase();
                    long started = System.nanoTime();
                    runPsql(database, script);
                    psql[i] = System.nanoTime() - started;
                    cluster.drop(database);
                }
                report("psql -1 -f of the rendered script, same SQL", psql);
            } finally {
                Files.deleteIfExists(script);
            }

            DatabaseTarget logged = cluster.createDatabase();
            Path log;
            try (Connection server = Connections.open(cluster.server());
                 Statement statement = server.createStatement()) {
                statement.execute("alter database " + logged.databaseName() + " set log_statement = 'all'");
                try (ResultSet directory = statement.executeQuery("show data_directory")) {
                    directory.next();
                    log = Path.of(directory.getString(1)).resolveSibling("server.log");
                }
            }
            long offset = Files.size(log);
            migrateToHead(logged);
            Thread.sleep(500); // the server writes its log asynchronously to us
            String written = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).substring((int) offset);
            List<String> statements = written.lines()
                    .filter(line -> line.contains("LOG:  statement: ") || line.contains("LOG:  execute "))
                    .map(line -> line.substring(line.indexOf(": ", line.indexOf("LOG:")) + 2).strip())
                    .toList();
            Map<String, Integer> kinds = new TreeMap<>();
            for (String statement : statements) {
                String text = statement.replaceFirst("^(statement|execute [^:]*): ", "").strip();
                String kind = text.toLowerCase(Locale.ROOT).startsWith("insert into \"public\".\"flyway_schema_history\"")
                        ? "history insert" : text.split("\\s+")[0].toLowerCase(Locale.ROOT);
                kinds.merge(kind, 1, Integer::sum);
            }
            System.out.println("statements sent by one migrate empty -> head: " + statements.size() + " ("
                    + String.format(Locale.ROOT, "%.1f", statements.size() / (double) MigrationChain.size()) + " per migration); by first word: "
                    + kinds);
            statements.forEach(statement -> System.out.println("  " + statement.replaceAll("\\s+", " ")
                    .substring(0, Math.min(160, statement.replaceAll("\\s+", " ").length()))));
            assertEquals(MigrationChain.head(), engine(logged).current().currentVersion());
        }
    }

    private static void runPsql(DatabaseTarget database, Path script) throws Exception {
        String[] hostAndPort = database.hostAndPort().split(":");
        ProcessBuilder builder = new ProcessBuilder("psql", "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-h", hostAndPort[0],
                "-p", hostAndPort[1], "-U", database.user(), "-d", database.databaseName(), "-f", script.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PGPASSWORD", database.password() == null ? "" : database.password());
        assertEquals(0, builder.start().waitFor(), "psql ran the script");
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%s: median %.0f ms, min %.0f ms, max %.0f ms (%d runs)%n", what,
                sorted[sorted.length / 2] / 1e6, sorted[0] / 1e6, sorted[sorted.length - 1] / 1e6, sorted.length);
    }

    private void migrateToHead(DatabaseTarget database) {
        engine(database).migrate(new MigrateTarget.Head());
    }

    private MigrationEngine engine(DatabaseTarget database) {
        return new MigrationEngine(EngineSettings.defaults(database, getClass().getClassLoader()),
                MigrationListener.SILENT);
    }
}
