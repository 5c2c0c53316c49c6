package ai.demeter.migrations.api;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long each statement of a migration may wait for a lock: PostgreSQL's {@code lock_timeout}, set for the
 * migration's statements only. A schema change queued behind a long application transaction otherwise waits for it
 * without limit, and every query on that table queues behind the change's pending lock meanwhile, so a slow report
 * can stall the application through a deploy. With a timeout the migration fails instead, names the session in its
 * way, and nothing of it is applied.
 * <p>
 * The default, 10 s, is long enough for the short transactions of an online application to end and let the change
 * through, and short enough that the queries queued behind the waiting change stall for seconds, not until a
 * report or a forgotten {@code psql} session finishes. {@link Duration#ZERO} waits without limit (PostgreSQL's
 * {@code lock_timeout = 0}).
 */
public final class StatementLockTimeout {
    public static final Duration DEFAULT = Duration.ofSeconds(10);
    /**
     * The Flyway placeholder that carries a run's timeout, in milliseconds, to {@link DemeterMigration#migrate}: the
     * one way from the engine's configuration to a migration Flyway instantiates. No SQL migration uses it.
     */
    public static final String PLACEHOLDER = "demeter_statement_lock_timeout_ms";

    private static final Pattern TEXT = Pattern.compile("(\\d+)\\s*(ms|s|min)?");

    private StatementLockTimeout() {
    }

    /**
     * Reads a timeout as users write it: {@code 10s}, {@code 500ms}, {@code 2min}, or a number of seconds; {@code 0}
     * for no limit.
     */
    public static Duration parse(String text) {
        Matcher matcher = TEXT.matcher(text == null ? "" : text.strip());
        if (!matcher.matches()) {
            throw DemeterException.userMistake("'" + text + "' is not a statement lock timeout. Write it as 10s, 500ms,"
                    + " 2min, or 0 for no limit.");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "min" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    /** "1 s", "500 ms", "no limit": as messages print it. */
    public static String describe(Duration timeout) {
        if (timeout.isZero()) {
            return "no limit";
        }
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    /** The run's timeout carried in Flyway's placeholders, or the default when there is none. */
    static Duration fromPlaceholders(Map<String, String> placeholders) {
        String millis = placeholders == null ? null : placeholders.get(PLACEHOLDER);
        return millis == null ? DEFAULT : Duration.ofMillis(Long.parseLong(millis));
    }

    /**
     * Sets {@code lock_timeout} for the statements that follow on {@code connection}: {@code SET LOCAL} inside a
     * transaction, so it ends with the migration's transaction; a session {@code SET} outside one, which the returned
     * handle resets.
     */
    static Setting set(Connection connection, Duration timeout, boolean inTransaction) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute((inTransaction ? "set local" : "set") + " lock_timeout = " + timeout.toMillis());
        }
        return new Setting(connection, !inTransaction);
    }

    /** A {@code lock_timeout} in force; closing it resets a session-level one. */
    static final class Setting implements AutoCloseable {
        private final Connection connection;
        private final boolean session;

        private Setting(Connection connection, boolean session) {
            this.connection = connection;
            this.session = session;
        }

        @Override
        public void close() throws SQLException {
            if (session && !connection.isClosed()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("reset lock_timeout");
                }
            }
        }
    }
}
