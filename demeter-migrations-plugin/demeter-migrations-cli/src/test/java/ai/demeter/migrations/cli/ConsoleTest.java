package ai.demeter.migrations.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Where each kind of line goes, and that none of them shows the password. */
class ConsoleTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Console console(boolean verbose) {
        return new Console(new PrintWriter(out), new PrintWriter(err), verbose).hiding("pa55word");
    }

    @Test
    void infoOnStandardOutputTheRestOnStandardError() {
        Console console = console(false);
        console.migrationFinished("up", "1", "enable postgis", Duration.ofMillis(412));
        console.info("Applied 1 migration in 412 ms; the database is now at version 1.");
        console.warn("Rolling back on db:5432/demeterai: undo V1, ending at base");
        console.debug("not shown without --verbose");
        assertEquals("""
                up   V1    enable postgis                                   412 ms
                Applied 1 migration in 412 ms; the database is now at version 1.
                """, out.toString());
        assertEquals("warning: Rolling back on db:5432/demeterai: undo V1, ending at base\n", err.toString());
    }

    @Test
    void debugAndStackTracesOnlyWhenVerbose() {
        console(false).error("refused", new IllegalStateException("cause"));
        assertEquals("error: refused\n", err.toString());
        err.getBuffer().setLength(0);

        Console verbose = console(true);
        verbose.debug("Connected");
        verbose.error("refused", new IllegalStateException("cause"));
        assertTrue(err.toString().startsWith("debug: Connected\nerror: refused\njava.lang.IllegalStateException: cause\n"
                + "\tat "), err.toString());
    }

    @Test
    void everyLineIsMasked() {
        Console console = console(true);
        console.info("jdbc:postgresql://h/db?password=pa55word");
        console.warn("pa55word");
        console.debug("user:pa55word");
        console.error("failed with pa55word", new IllegalStateException("pa55word"));
        assertFalse(out.toString().contains("pa55word") || err.toString().contains("pa55word"), out + "\n" + err);
    }

    @Test
    void javaLoggingBecomesConsoleLinesAndIsPutBack() {
        Logger root = LogManager.getLogManager().getLogger("");
        int handlers = root.getHandlers().length;
        Level level = root.getLevel();
        try (JavaLogging logging = JavaLogging.routeTo(console(false))) {
            Logger jooq = Logger.getLogger("org.jooq.Test");
            jooq.info("Version : Database version cannot be read");
            jooq.warning("something pa55word surprising");
        }
        assertEquals("warning: org.jooq.Test: something **** surprising\n", err.toString());
        assertEquals(handlers, root.getHandlers().length);
        assertEquals(level, root.getLevel());

        try (JavaLogging logging = JavaLogging.routeTo(console(true))) {
            Logger.getLogger("org.jooq.Test").info("shown with --verbose");
        }
        assertTrue(err.toString().endsWith("debug: org.jooq.Test: shown with --verbose\n"), err.toString());
    }
}
