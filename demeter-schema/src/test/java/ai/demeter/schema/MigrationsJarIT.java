package ai.demeter.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.database.LocalProvider;
import ai.demeter.migrations.database.PostgresInstallation;
import ai.demeter.migrations.database.TemplateCluster;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable migrations jar as a deploy job runs it: {@code java -jar} in a separate process, in an empty working
 * directory (no sources, no Maven), against a throwaway database; asserting exit codes, output lines and what the
 * database ends up holding. Runs after {@code package} (failsafe), on the jar the build just made.
 */
class MigrationsJarIT {
    private static final String PASSWORD_VARIABLE = "DEMETER_DB_PASSWORD";
    private static final String PASSWORD = "Deploy-S3cret-0f-Th3-Job";
    private static final Duration PROCESS_TIMEOUT = Duration.ofMinutes(3);
    private static final String DURATION = "(\\d+ ms|\\d+\\.\\d s)";

    @TempDir
    static Path jobDirectory;

    private static Path jar;
    private static TemplateCluster cluster;

    @BeforeAll
    static void startCluster() {
        String built = System.getProperty("demeter.migrationsJar");
        assertTrue(built != null && Files.isRegularFile(Path.of(built)), "the migrations jar is not built: " + built);
        jar = Path.of(built);
        cluster = TemplateCluster.start(LocalProvider.of(PostgresInstallation.find(System.getenv())
                .filter(PostgresInstallation::hasPostgis)
                .orElseThrow(() -> new IllegalStateException("This test needs PostgreSQL with PostGIS installed"))));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void migratesRollsBackValidatesAndMigratesAgain() {
        DatabaseTarget database = cluster.createDatabase();

        Run migrate = run(on(database, "migrate"));
        assertEquals(0, migrate.exitCode(), migrate.transcript());
        assertEquals("Database: " + database.url() + " as postgres (from --url)", migrate.out().get(0));
        // The chain's newest three, whatever came after the port's V20.
        List<String> versions = MigrationChain.versions();
        String head = MigrationChain.head();
        String belowHead = versions.get(versions.size() - 2);
        String landing = versions.get(versions.size() - 3);

        List<String> ups = migrate.out().stream().filter(line -> line.startsWith("up ")).toList();
        assertEquals(MigrationChain.size(), ups.size(), migrate.transcript());
        assertMatches("up   V1    enable postgis +" + DURATION, ups.get(0));
        assertMatches("up   V20   make original image id nullable +" + DURATION, ups.get(19));
        assertMatches("Applied " + MigrationChain.size() + " migrations in " + DURATION
                + "; the database is now at version " + head + "\\.", last(migrate));
        assertEquals(List.of(), migrate.err(), migrate.transcript());
        assertEquals(head, appliedVersion(database));

        Run current = run(on(database, "current"));
        assertEquals(0, current.exitCode(), current.transcript());
        assertEquals("Current: version " + head + " (" + MigrationChain.headDescription() + "), up to date.",
                last(current));

        // The jar knows every checksum from the renderings packaged with the migrations (demeter:checksums), so
        // the history is compared with the code without rendering them and without Flyway.
        Run quick = run(on(database, "current", "--verbose"));
        assertEquals(0, quick.exitCode(), quick.transcript());
        assertTrue(quick.transcript().contains("META-INF/demeter/renderings.txt: " + MigrationChain.size()
                + " checksums"), quick.transcript());
        assertFalse(quick.transcript().contains("flyway:"), quick.transcript());

        Run rollback = run(on(database, "rollback", "--steps", "2"));
        assertEquals(0, rollback.exitCode(), rollback.transcript());
        String where = database.hostAndPort() + "/" + database.databaseName();
        assertEquals(List.of("warning: Rolling back on " + where + ": undo V" + head + ", V" + belowHead
                + ", ending at version " + landing), rollback.err());
        List<String> downs = rollback.out().stream().filter(line -> line.startsWith("down ")).toList();
        assertEquals(2, downs.size(), rollback.transcript());
        assertMatches("down V" + head + " +" + MigrationChain.description(head) + " +" + DURATION, downs.get(0));
        assertMatches("down V" + belowHead + " +" + MigrationChain.description(belowHead) + " +" + DURATION,
                downs.get(1));
        assertMatches("Rolled back 2 migrations in " + DURATION + "; the database is now at version " + landing
                + "\\.", last(rollback));
        assertEquals(landing, appliedVersion(database));
        assertEquals(List.of(List.of(head), List.of(belowHead)), SchemaQueries.rows(database,
                "select version from demeter_rollback_history order by rollback_rank"));

        Run afterRollback = run(on(database, "current"));
        assertEquals(0, afterRollback.exitCode(), afterRollback.transcript());
        assertEquals("Current: version " + landing + " (" + MigrationChain.description(landing) + "), 2 pending: V"
                + belowHead + ", V" + head + ".", last(afterRollback));

        Run validate = run(on(database, "validate"));
        assertEquals(0, validate.exitCode(), validate.transcript());
        assertEquals("Valid: every applied migration matches its code.", last(validate));

        Run again = run(on(database, "migrate"));
        assertEquals(0, again.exitCode(), again.transcript());
        assertMatches("Applied 2 migrations in " + DURATION + "; the database is now at version " + head + "\\.",
                last(again));
        assertEquals(head, appliedVersion(database));

        Run history = run(on(database, "history"));
        assertEquals(0, history.exitCode(), history.transcript());
        assertEquals(2, history.out().stream().filter(line -> line.contains("| Rolled back |")).count(),
                history.transcript());

        for (Run run : List.of(migrate, current, quick, rollback, afterRollback, validate, again, history)) {
            assertFalse(run.transcript().contains(PASSWORD), run.transcript());
        }
    }

    @Test
    void badUsageExitsWithTwoAndChangesNothing() {
        DatabaseTarget database = cluster.createDatabase();
        Run conflicting = run("rollback", "--steps", "1", "--target", "base", "--url", database.url());
        assertEquals(2, conflicting.exitCode(), conflicting.transcript());
        assertTrue(conflicting.err().get(0).contains("mutually exclusive"), conflicting.transcript());

        Run unknown = run("upgrade", "--url", database.url());
        assertEquals(2, unknown.exitCode(), unknown.transcript());

        Run badTarget = run("migrate", "--target", "latest-ish", "--url", database.url());
        assertEquals(2, badTarget.exitCode(), badTarget.transcript());
        assertTrue(badTarget.err().get(0).contains("'latest-ish' is not a migrate target"), badTarget.transcript());

        Run noDatabase = run("migrate");
        assertEquals(2, noDatabase.exitCode(), noDatabase.transcript());
        assertTrue(noDatabase.err().get(0).startsWith("No database given."), noDatabase.transcript());

        Run passwordOption = run("migrate", "--url", database.url(), "--password", PASSWORD);
        assertEquals(2, passwordOption.exitCode(), passwordOption.transcript());
        assertTrue(passwordOption.err().get(0).startsWith("There is no --password option"), passwordOption.transcript());
        assertFalse(passwordOption.transcript().contains(PASSWORD), passwordOption.transcript());

        assertEquals(List.of(), SchemaQueries.rows(database, "select to_regclass('flyway_schema_history')")
                .stream().filter(row -> row.get(0) != null).toList());
    }

    @Test
    void unreachableDatabaseExitsWithOneAndAClearMessage() throws IOException {
        int port = freePort();
        Run unreachable = run("migrate", "--url", "jdbc:postgresql://127.0.0.1:" + port + "/demeterai");
        assertEquals(1, unreachable.exitCode(), unreachable.transcript());
        assertEquals("error: Cannot connect to PostgreSQL at 127.0.0.1:" + port + " (database demeterai, user postgres,"
                + " from --url): Connection to 127.0.0.1:" + port + " refused. Check that the hostname and port are"
                + " correct and that the postmaster is accepting TCP/IP connections.", unreachable.err().get(0));
        assertTrue(unreachable.err().get(1).startsWith("Check that PostgreSQL runs on 127.0.0.1:" + port),
                unreachable.transcript());
        assertFalse(unreachable.transcript().contains("\tat "), "no stack trace without --verbose");

        // The Alembic setup's variable, with the password in the URL, and a stack trace: still no password.
        Run verbose = run(Map.of("DATABASE_URL_SYNC",
                        "postgresql+psycopg2://deploy:" + PASSWORD + "@127.0.0.1:" + port + "/demeterai"),
                "current", "--verbose");
        assertEquals(1, verbose.exitCode(), verbose.transcript());
        assertEquals("Database: jdbc:postgresql://127.0.0.1:" + port + "/demeterai as deploy (from DATABASE_URL_SYNC"
                + " in the environment)", verbose.out().get(0));
        assertTrue(verbose.transcript().contains("\tat "), "--verbose prints the stack trace");
        assertFalse(verbose.transcript().contains(PASSWORD), verbose.transcript());
        assertFalse(unreachable.transcript().contains(PASSWORD), unreachable.transcript());
    }

    @Test
    void sqlRendersARangeWithNoDatabaseAtAll() {
        Run sql = run(Map.of(), "sql", "--from", "18", "--to", "20");
        assertEquals(0, sql.exitCode(), sql.transcript());
        assertEquals("\\set ON_ERROR_STOP on", sql.out().get(0));
        assertEquals("-- Demeter migration script: up from 18 to 20, 2 migrations.", sql.out().get(1));
        assertEquals(List.of(), sql.err(), "nothing but the script: no jOOQ banner, no log lines");
        assertTrue(sql.out().contains("-- V19 add s3 images image type"), sql.transcript());
        assertTrue(sql.out().contains("-- V20 make original image id nullable"), sql.transcript());
        assertFalse(sql.out().contains("-- V18 add s3 images image data"), sql.transcript());

        Run unknown = run(Map.of(), "sql", "--from", "42");
        assertEquals(1, unknown.exitCode(), unknown.transcript());
        assertTrue(unknown.err().get(0).startsWith("error: Version 42 is not a migration in the code."),
                unknown.transcript());
    }

    @Test
    void jarHoldsTheMigrationsAndTheEngineButNoBuildTools() throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            assertEquals("ai.demeter.migrations.cli.MigrationsCommandLine",
                    file.getManifest().getMainAttributes().getValue("Main-Class"));
            List<String> entries = file.stream().map(ZipEntry::getName).toList();
            for (String expected : List.of("db/migration/V1__enable_postgis.class",
                    "db/migration/V20__make_original_image_id_nullable.class",
                    "ai/demeter/migrations/cli/MigrationsCommandLine.class",
                    "ai/demeter/migrations/engine/MigrationEngine.class", "org/flywaydb/core/Flyway.class",
                    "org/jooq/DSLContext.class", "org/postgresql/Driver.class", "picocli/CommandLine.class")) {
                assertTrue(entries.contains(expected), "missing " + expected);
            }
            for (String banned : List.of("org/testcontainers/", "org/jooq/codegen/", "org/jooq/meta/",
                    "org/apache/maven/", "org/codehaus/plexus/", "org/eclipse/sisu/")) {
                assertEquals(List.of(), entries.stream().filter(entry -> entry.startsWith(banned)).toList(), banned);
            }
        }
    }

    /** What one process printed and how it ended. */
    private record Run(int exitCode, List<String> out, List<String> err) {
        String transcript() {
            return "exit " + exitCode + "\n--- stdout\n" + String.join("\n", out) + "\n--- stderr\n"
                    + String.join("\n", err);
        }
    }

    /** The arguments, then {@code --url} and {@code --user} of {@code database}. */
    private static String[] on(DatabaseTarget database, String... arguments) {
        return Stream.concat(Stream.of(arguments), Stream.of("--url", database.url(), "--user", database.user()))
                .toArray(String[]::new);
    }

    /** {@code java -jar <migrations jar> arguments...} with the password in {@code DEMETER_DB_PASSWORD}. */
    private static Run run(String... arguments) {
        return run(Map.of(PASSWORD_VARIABLE, PASSWORD), arguments);
    }

    /** {@code java -jar <migrations jar> arguments...} with only {@code environment} for the database. */
    private static Run run(Map<String, String> environment, String... arguments) {
        // Short-lived JVMs (19 runs): the C1 compiler and the serial collector start fastest on two cores, and change
        // nothing the jar does.
        List<String> line = new ArrayList<>(List.of(javaBinary(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
                jar.toString()));
        line.addAll(List.of(arguments));
        try {
            Path out = Files.createTempFile(jobDirectory, "stdout", ".txt");
            Path err = Files.createTempFile(jobDirectory, "stderr", ".txt");
            ProcessBuilder builder = new ProcessBuilder(line).directory(jobDirectory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            Map<String, String> env = builder.environment();
            Stream.of("DEMETER_DB_URL", "DATABASE_URL_SYNC", PASSWORD_VARIABLE).forEach(env::remove);
            env.putAll(new HashMap<>(environment));
            Process process = builder.start();
            if (!process.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail(String.join(" ", line) + " did not end within " + PROCESS_TIMEOUT + "; killed it");
            }
            return new Run(process.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
                    Files.readAllLines(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The same {@code java} as this test's JVM. */
    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String last(Run run) {
        return run.out().isEmpty() ? "" : run.out().get(run.out().size() - 1);
    }

    private static String appliedVersion(DatabaseTarget database) {
        return SchemaQueries.rows(database, """
                select max(version::int) from flyway_schema_history where success and version is not null""")
                .get(0).get(0);
    }

    private static void assertMatches(String pattern, String actual) {
        assertTrue(Pattern.matches(pattern, actual), "expected /" + pattern + "/ but was: " + actual);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
