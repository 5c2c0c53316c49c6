package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.api.StatementLockTimeout;
import ai.demeter.migrations.database.Secrets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.jooq.exception.DataAccessException;

/**
 * Turns a failed migration, and Flyway's exceptions, into messages that name the migration, the statement, the
 * SQLSTATE and the server's words, and say what state the database was left in.
 */
final class MigrationFailures {
    /** lock_not_available: here, a statement's lock_timeout expired. */
    static final String LOCK_NOT_AVAILABLE = "55P03";

    private MigrationFailures() {
    }

    /** Flyway's own refusals and failures (its scan, validate or baseline), explained. */
    static DemeterException explain(FlywayException e, String password) {
        if (e instanceof FlywayValidateException) {
            return DemeterException.userMistake("Validation failed before migrating: "
                    + Secrets.mask(e.getMessage(), password)
                    + "\nThe database was not changed. Run demeter:validate for details.", e);
        }
        SQLException sql = find(e, SQLException.class);
        DataAccessException jooq = find(e, DataAccessException.class);
        if (sql == null && jooq == null) {
            // Without a database error behind it, Flyway is refusing the migrations themselves: duplicate or
            // malformed versions, unresolvable classes, a broken order.
            return DemeterException.userMistake(Secrets.mask(e.getMessage(), password).strip()
                    + "\nNothing was changed. Fix the migration classes (one class per version, named"
                    + " V<version>__<description>) and run again.", e);
        }
        // A database error from Flyway itself (its scan, validate or baseline): migrations are applied by MigrateRun,
        // which names a failed one itself, so no migration is named here.
        return explain(Failed.up(null, null, true, e), password, StatementLockTimeout.DEFAULT, List.of());
    }

    /**
     * A migration that failed while it ran, up or down: its label ({@code V2 (add plot codes)}; null when unknown),
     * whether it ran in a transaction, and what it threw. {@code undoneBefore} names the steps a rollback undid before
     * it; empty on the way up.
     */
    record Failed(String label, boolean up, boolean transactional, Throwable cause, List<String> undoneBefore) {
        static Failed up(String version, String description, boolean transactional, Throwable cause) {
            return new Failed(version == null ? null : "V" + version + " (" + description + ")", true, transactional,
                    cause, List.of());
        }

        static Failed down(String label, boolean transactional, Throwable cause, List<String> undoneBefore) {
            return new Failed(label, false, transactional, cause, List.copyOf(undoneBefore));
        }

        /** {@code V2}: the label without the description. */
        String version() {
            return label == null ? "the migration" : label.split(" ", 2)[0];
        }
    }

    /**
     * Explains a failed migration, up or down, in one shape: which one, why (a lock timeout, the session ended), the
     * statement, the SQLSTATE and the server's words, the sessions seen {@code blocking} it, what state the database
     * is in, and what to do.
     */
    static DemeterException explain(Failed failed, String password, Duration lockTimeout, List<String> blocking) {
        Throwable e = failed.cause();
        SQLException sql = find(e, SQLException.class);
        DataAccessException jooq = find(e, DataAccessException.class);
        boolean named = failed.label() != null;
        String state = sql == null ? null : sql.getSQLState();
        StringBuilder message = new StringBuilder();
        if (!named) {
            message.append(firstLine(Secrets.mask(e.getMessage(), password)));
        } else {
            message.append(failed.up() ? "Migration " : "Rolling back ").append(failed.label()).append(" failed");
        }
        if (LOCK_NOT_AVAILABLE.equals(state)) {
            message.append(named ? ": a" : "\nA").append(" statement waited longer than its lock timeout (")
                    .append(StatementLockTimeout.describe(lockTimeout)).append(") for a lock another session holds.");
        } else if (sessionEnded(state)) {
            message.append(named ? ": the" : "\nThe").append(" database server ended the session that was running it")
                    .append(" (by pg_terminate_backend, a restart, or a lost connection).");
        } else if (named) {
            message.append('.');
        }
        String statement = statementOf(jooq);
        if (statement != null) {
            message.append("\n  statement: ").append(Secrets.mask(statement, password));
        }
        if (sql != null) {
            message.append("\n  SQLSTATE:  ").append(state)
                    .append("\n  server:    ").append(Secrets.mask(firstLine(sql.getMessage()), password));
        }
        if (sql == null && jooq == null && named) {
            // Not a database error: the migration's own code threw.
            message.append("\n  error:     ").append(Secrets.mask(firstLine(String.valueOf(e)), password));
        }
        if (LOCK_NOT_AVAILABLE.equals(state)) {
            message.append(blockedBy(blocking));
        }
        message.append(failed.up() ? appliedState(failed, state) : undoneState(failed, state));
        String again = failed.up() ? "migrate" : "the rollback";
        if (LOCK_NOT_AVAILABLE.equals(state)) {
            message.append("\nLet the blocking transaction finish, or end it (select pg_terminate_backend(<pid>)), then"
                    + " run " + again + " again. To wait longer, set demeter.statementLockTimeout (the jar's"
                    + " --statement-lock-timeout), or override statementLockTimeout() in the migration.");
        } else if (failed.up() && !sessionEnded(state) && failed.transactional()) {
            message.append(" Fix the migration and run migrate again.");
        } else if (!failed.up() && sessionEnded(state) && failed.transactional()) {
            message.append(" Run the rollback again.");
        }
        return DemeterException.userMistake(message.toString(), e);
    }

    /**
     * A migration of backfills only that stopped ({@code stopped} says where and why): its batches are committed and
     * recorded, and the next run of the same direction resumes after the last one, so no state needs explaining.
     */
    static DemeterException unfinished(Failed failed, DemeterException stopped, String password) {
        String message = (failed.up() ? "Migration " : "Rolling back ") + failed.label() + " did not finish: "
                + Secrets.mask(stopped.getMessage(), password) + (failed.undoneBefore().isEmpty() ? ""
                : " Already undone before it: " + String.join(", ", failed.undoneBefore()) + ".");
        return stopped.isUserMistake() ? DemeterException.userMistake(message, stopped)
                : DemeterException.fault(message, stopped);
    }

    /** What of a failed up is applied. */
    private static String appliedState(Failed failed, String state) {
        String label = failed.version();
        if (failed.transactional()) {
            return sessionEnded(state)
                    ? "\nThe server rolls back a transaction its session did not commit: nothing of " + label
                            + " was applied, and no history row was written for it; the migrations before it stay"
                            + " applied. Run migrate again."
                    : "\nThat migration's transaction was rolled back: nothing of " + label + " was applied, and no"
                            + " history row was written for it.";
        }
        return "\n" + label + " ran outside a transaction: its statements before the failing one stay applied, an index"
                + " it was building CONCURRENTLY is left INVALID, and Flyway records it as failed. Run validate (or"
                + " migrate, which refuses until they are cleared) to see what is left and the statements that clear it.";
    }

    /** What of a failed down is still applied, and what the rollback undid before it. */
    private static String undoneState(Failed failed, String state) {
        String undone = !failed.transactional() ? "\nIt ran outside a transaction: check the schema by hand before retrying."
                : sessionEnded(state) ? "\nThe server rolled its transaction back with the session: " + failed.label()
                        + " is still applied."
                : "\nIts transaction was rolled back: " + failed.label() + " is still applied.";
        return undone + (failed.undoneBefore().isEmpty() ? ""
                : " Already undone before it: " + String.join(", ", failed.undoneBefore()) + ".");
    }

    /** The lines naming who held the lock, or why nobody is named. */
    static String blockedBy(List<String> blocking) {
        if (blocking.isEmpty()) {
            return "\n  blocked by: a session that ended, or that Demeter did not see in time; look for long"
                    + " transactions in pg_stat_activity (state 'idle in transaction', an old xact_start).";
        }
        return "\n  blocked by: " + String.join("\n              ", blocking);
    }

    /**
     * Whether the SQLSTATE says the server ended the session or the connection is gone: 57P01 (terminated by an
     * administrator: pg_terminate_backend), 57P02 (crash shutdown), 57P03 (cannot connect now), class 08 (connection
     * exceptions).
     */
    static boolean sessionEnded(String sqlState) {
        return sqlState != null && (sqlState.startsWith("57P") || sqlState.startsWith("08"));
    }

    /** The SQL in a jOOQ error message, which reads {@code SQL [<statement>]; <server message>}. */
    private static String statementOf(DataAccessException e) {
        if (e == null || e.getMessage() == null) {
            return null;
        }
        String message = e.getMessage();
        int start = message.indexOf("SQL [");
        int end = message.indexOf("]; ", start);
        return start < 0 || end < 0 ? null : message.substring(start + 5, end);
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        return text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("-"))
                .findFirst().orElse(text.strip());
    }
}
