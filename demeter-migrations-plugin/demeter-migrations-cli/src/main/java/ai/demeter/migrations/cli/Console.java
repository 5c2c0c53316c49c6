package ai.demeter.migrations.cli;

import ai.demeter.migrations.database.Secrets;
import ai.demeter.migrations.engine.MigrationListener;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The engine's listener on a terminal or a job's log: info lines on standard output, as the Maven goals log them
 * at info; warnings, errors and (with {@code --verbose}) debug lines on standard error. Every line is masked:
 * password parameters and URL passwords, and the password in use.
 */
final class Console implements MigrationListener {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean verbose;
    private final String password;

    Console(PrintWriter out, PrintWriter err, boolean verbose) {
        this(out, err, verbose, null);
    }

    private Console(PrintWriter out, PrintWriter err, boolean verbose, String password) {
        this.out = out;
        this.err = err;
        this.verbose = verbose;
        this.password = password;
    }

    /** This console, also masking {@code secret}. */
    Console hiding(String secret) {
        return new Console(out, err, verbose, secret);
    }

    boolean verbose() {
        return verbose;
    }

    @Override
    public void info(String message) {
        out.println(mask(message));
        out.flush();
    }

    @Override
    public void warn(String message) {
        err.println("warning: " + mask(message));
        err.flush();
    }

    @Override
    public void debug(String message) {
        if (verbose) {
            err.println("debug: " + mask(message));
            err.flush();
        }
    }

    /** A failure: its message, and with {@code --verbose} the stack trace of its cause. */
    void error(String message, Throwable cause) {
        err.println("error: " + mask(message));
        if (verbose && cause != null) {
            StringWriter trace = new StringWriter();
            cause.printStackTrace(new PrintWriter(trace));
            err.print(mask(trace.toString()));
        }
        err.flush();
    }

    private String mask(String text) {
        return Secrets.mask(text, password);
    }
}
