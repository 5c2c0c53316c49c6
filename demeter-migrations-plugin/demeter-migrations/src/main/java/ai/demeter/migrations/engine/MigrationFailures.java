package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.database.Secrets;
import java.sql.SQLException;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.jooq.exception.DataAccessException;

/**
 * Turns Flyway's exceptions into messages that name the migration, the statement, the SQLSTATE and the
 * server's words, and say what state the database was left in.
 */
final class MigrationFailures {
    private MigrationFailures() {
    }

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
        StringBuilder message = new StringBuilder();
        FlywayMigrateException failed = find(e, FlywayMigrateException.class);
        if (failed != null && failed.getMigration() != null && failed.getMigration().getVersion() != null) {
            message.append("Migration V").append(failed.getMigration().getVersion().getVersion()).append(" (")
                    .append(failed.getMigration().getDescription()).append(") failed.");
        } else {
            message.append(firstLine(Secrets.mask(e.getMessage(), password)));
        }
        String statement = statementOf(jooq);
        if (statement != null) {
            message.append("\n  statement: ").append(Secrets.mask(statement, password));
        }
        if (sql != null) {
            message.append("\n  SQLSTATE:  ").append(sql.getSQLState())
                    .append("\n  server:    ").append(Secrets.mask(firstLine(sql.getMessage()), password));
        }
        message.append("\nThat migration's transaction was rolled back: the database is as it was before it,"
                + " and no history row was written for it. Fix the migration and run migrate again.");
        return DemeterException.userMistake(message.toString(), e);
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
