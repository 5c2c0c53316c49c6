package ai.demeter.migrations.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command line without a database: parsing, help, exit codes, and the failures that happen before or at the
 * first connection. The migrations jar's integration test in demeter-schema runs it against a real one.
 */
class MigrationsCommandLineTest {
    private static final String PASSWORD = "Never-Print-Me-7";

    @TempDir
    Path directory;

    /** What one run printed and how it ended. */
    private record Run(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }

        String transcript() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private static Run run(Map<String, String> environment, String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = MigrationsCommandLine.create(environment,
                MigrationsCommandLineTest.class.getClassLoader());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(arguments);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private static Run run(String... arguments) {
        return run(Map.of(SharedOptions.PASSWORD_VARIABLE, PASSWORD), arguments);
    }

    @Test
    void helpListsTheCommandsAndExitCodes() {
        Run help = run("--help");
        assertEquals(0, help.exitCode(), help.transcript());
        for (String expected : List.of("migrate", "rollback", "current", "history", "validate", "Exit codes:",
                "2   bad command-line usage", "sql")) {
            assertTrue(help.out().contains(expected), "missing " + expected + " in\n" + help.out());
        }
        Run rollbackHelp = run("rollback", "--help");
        assertEquals(0, rollbackHelp.exitCode(), rollbackHelp.transcript());
        for (String expected : List.of("--steps=N", "--target=<version>|base|-N", "--dry-run", "--confirm=<database>",
                "--lock-timeout=<seconds>", "--statement-lock-timeout=<time>", "--url=<url>", "--password-file=<path>",
                "DEMETER_DB_PASSWORD")) {
            assertTrue(rollbackHelp.out().contains(expected), "missing " + expected + " in\n" + rollbackHelp.out());
        }
        assertFalse(rollbackHelp.out().contains("--password="), "the refusing --password option is hidden");
    }

    @Test
    void versionNamesDemeterAndItsEngine() {
        Run version = run("--version");
        assertEquals(0, version.exitCode(), version.transcript());
        assertTrue(version.out().startsWith("Demeter migrations "), version.out());
        assertTrue(version.out().contains("Flyway ") && version.out().contains("jOOQ "), version.out());
        assertFalse(version.out().contains("${"), "versions filled in by the build: " + version.out());
    }

    @Test
    void badUsageExitsWithTwo() {
        Run missing = run();
        assertEquals(2, missing.exitCode(), missing.transcript());
        assertEquals("Missing a command: migrate, rollback, current, history, validate or sql.", missing.errLines().get(0));

        Run conflict = run("rollback", "--steps", "2", "--target", "base", "--url", "jdbc:postgresql://localhost/x");
        assertEquals(2, conflict.exitCode(), conflict.transcript());
        assertTrue(conflict.err().contains("mutually exclusive"), conflict.transcript());
        assertTrue(conflict.err().contains("Run 'java -jar <migrations jar> rollback --help' for the options."),
                conflict.transcript());

        Run steps = run("rollback", "--steps", "0", "--url", "jdbc:postgresql://localhost/x");
        assertEquals(2, steps.exitCode(), steps.transcript());
        assertTrue(steps.err().contains("'0' is not a positive number of migrations to undo."), steps.transcript());

        Run target = run("migrate", "--target", "tomorrow", "--url", "jdbc:postgresql://localhost/x");
        assertEquals(2, target.exitCode(), target.transcript());
        assertTrue(target.err().contains("'tomorrow' is not a migrate target."), target.transcript());

        Run timeout = run("migrate", "--statement-lock-timeout", "soon", "--url", "jdbc:postgresql://localhost/x");
        assertEquals(2, timeout.exitCode(), timeout.transcript());
        assertTrue(timeout.err().contains("'soon' is not a statement lock timeout. Write it as 10s, 500ms, 2min, or 0"
                + " for no limit."), timeout.transcript());

        Run unknown = run("upgrade");
        assertEquals(2, unknown.exitCode(), unknown.transcript());
    }

    @Test
    void aPasswordOptionIsRefusedWithoutRepeatingThePassword() {
        for (String[] arguments : List.of(new String[] {"migrate", "--password", PASSWORD},
                new String[] {"migrate", "--password=" + PASSWORD})) {
            Run refused = run(Map.of(), arguments);
            assertEquals(2, refused.exitCode(), refused.transcript());
            assertTrue(refused.err().startsWith("There is no --password option"), refused.transcript());
            assertFalse(refused.transcript().contains(PASSWORD), refused.transcript());
        }
    }

    @Test
    void noDatabaseAnywhereIsAUsageError() {
        Run none = run("current");
        assertEquals(2, none.exitCode(), none.transcript());
        assertTrue(none.err().startsWith("No database given. Pass --url"), none.transcript());
        assertEquals("", none.out());
    }

    @Test
    void unreachableDatabaseIsRefusedWithTheGoalsMessage() throws IOException {
        int port = freePort();
        Run unreachable = run("migrate", "--url", "jdbc:postgresql://127.0.0.1:" + port + "/demeterai");
        assertEquals(1, unreachable.exitCode(), unreachable.transcript());
        assertEquals("Database: jdbc:postgresql://127.0.0.1:" + port + "/demeterai as postgres (from --url)\n",
                unreachable.out());
        assertTrue(unreachable.errLines().get(0).startsWith("error: Cannot connect to PostgreSQL at 127.0.0.1:" + port
                + " (database demeterai, user postgres, from --url): "), unreachable.transcript());
        assertFalse(unreachable.err().contains("\tat "), "a stack trace only with --verbose");

        Run verbose = run("migrate", "--verbose", "--url", "jdbc:postgresql://127.0.0.1:" + port + "/demeterai");
        assertEquals(1, verbose.exitCode(), verbose.transcript());
        assertTrue(verbose.err().contains("\tat "), verbose.transcript());
        assertFalse(verbose.transcript().contains(PASSWORD), verbose.transcript());
    }

    @Test
    void urlAndCredentialsFromTheAlembicVariableAreMasked() throws IOException {
        int port = freePort();
        Run run = run(Map.of("DATABASE_URL_SYNC", "postgresql+psycopg2://deploy:" + PASSWORD + "@127.0.0.1:" + port
                + "/demeterai"), "current", "--verbose");
        assertEquals(1, run.exitCode(), run.transcript());
        assertTrue(run.out().startsWith("Database: jdbc:postgresql://127.0.0.1:" + port + "/demeterai as deploy (from"
                + " DATABASE_URL_SYNC in the environment)"), run.transcript());
        assertFalse(run.transcript().contains(PASSWORD), run.transcript());
    }

    @Test
    void remoteRollbackNeedsConfirmationBeforeAnyConnection() {
        Run refused = run("rollback", "--url", "jdbc:postgresql://db.example.invalid:5432/demeterai");
        assertEquals(1, refused.exitCode(), refused.transcript());
        assertTrue(refused.errLines().get(0).startsWith("error: Refusing to roll back db.example.invalid:5432/demeterai,"
                + " which is not on this machine, without confirmation."), refused.transcript());
        assertTrue(refused.err().contains("Nothing was changed."), refused.transcript());
    }

    @Test
    void passwordFileWinsAndLosesOneTrailingLineBreak() throws IOException {
        Path file = Files.writeString(directory.resolve("password"), "from-the-file\n");
        SharedOptions options = parse("current", "--password-file", file.toString());
        assertEquals("from-the-file", options.password(Map.of(SharedOptions.PASSWORD_VARIABLE, "from-the-environment")));
        Files.writeString(file, "with-crlf\r\n");
        assertEquals("with-crlf", options.password(Map.of()));
        Files.writeString(file, " spaces kept \n\n");
        assertEquals(" spaces kept \n", options.password(Map.of()));

        SharedOptions environmentOnly = parse("current");
        assertEquals("from-the-environment",
                environmentOnly.password(Map.of(SharedOptions.PASSWORD_VARIABLE, "from-the-environment")));
        assertEquals(null, environmentOnly.password(Map.of()));
    }

    @Test
    void missingOrEmptyPasswordFileIsRefused() throws IOException {
        Run missing = run("current", "--url", "jdbc:postgresql://localhost/x", "--password-file",
                directory.resolve("absent").toString());
        assertEquals(1, missing.exitCode(), missing.transcript());
        assertTrue(missing.errLines().get(0).endsWith("absent does not exist. Give the path of a file holding the"
                + " password, or set DEMETER_DB_PASSWORD."), missing.transcript());
        assertEquals("", missing.out(), "refused before resolving the database");

        Path empty = Files.writeString(directory.resolve("empty"), "\n");
        Run emptyFile = run("current", "--url", "jdbc:postgresql://localhost/x", "--password-file", empty.toString());
        assertEquals(1, emptyFile.exitCode(), emptyFile.transcript());
        assertTrue(emptyFile.err().contains("is empty"), emptyFile.transcript());
    }

    @Test
    void conflictingPasswordsNameTheCommandLinesSettings() {
        Run conflict = run(Map.of(SharedOptions.PASSWORD_VARIABLE, "other"), "current", "--url",
                "postgresql://deploy:" + PASSWORD + "@localhost/demeterai");
        assertEquals(1, conflict.exitCode(), conflict.transcript());
        assertTrue(conflict.err().contains("in the URL from --url and by DEMETER_DB_PASSWORD"), conflict.transcript());
        assertFalse(conflict.transcript().contains(PASSWORD), conflict.transcript());
    }

    private static SharedOptions parse(String... arguments) {
        CommandLine commandLine = MigrationsCommandLine.create(Map.of(), MigrationsCommandLineTest.class.getClassLoader());
        CommandLine.ParseResult parsed = commandLine.parseArgs(arguments);
        EngineCommand command = (EngineCommand) parsed.subcommand().commandSpec().userObject();
        return command.options;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
