package ai.demeter.migrations.engine;

import ai.demeter.migrations.internal.SqlText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a migration that ran outside a transaction leaves behind when it fails or its session dies: indexes
 * PostgreSQL marks invalid ({@code pg_index.indisvalid = false}, from a {@code CREATE INDEX CONCURRENTLY} or
 * {@code REINDEX CONCURRENTLY} that did not finish), and the failed row Flyway writes in its history for it.
 * <p>
 * An invalid index is not used by queries but is maintained on every write, a unique one still rejects rows, and
 * re-running the migration fails on its name; Flyway refuses to migrate past a failed row. Indexes a session is
 * building concurrently right now are invalid until it finishes, and are not reported
 * ({@code pg_stat_progress_create_index}). A transactional migration leaves nothing: its transaction is rolled back.
 *
 * @param indexes    invalid indexes, in every schema but the system ones
 * @param failedRows the history's failed rows
 */
record Leftovers(List<InvalidIndex> indexes, List<FailedRow> failedRows) {
    private static final String INVALID_INDEXES = """
            select n.nspname, c.relname, t.relname
            from pg_index i
            join pg_class c on c.oid = i.indexrelid
            join pg_class t on t.oid = i.indrelid
            join pg_namespace n on n.oid = c.relnamespace
            where not i.indisvalid
              and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%'
              and not exists (select 1 from pg_stat_progress_create_index p where p.index_relid = i.indexrelid)
            order by n.nspname, c.relname
            """;

    /** One invalid index. */
    record InvalidIndex(String schema, String name, String table) {
        String qualifiedName() {
            return SqlText.quoteIfNeeded(schema) + "." + SqlText.quoteIfNeeded(name);
        }

        String dropSql() {
            return "DROP INDEX CONCURRENTLY " + qualifiedName() + ";";
        }

        /** One line naming it and the statement that removes it. */
        String describe() {
            return "index " + qualifiedName() + " on " + SqlText.quoteIfNeeded(table)
                    + " is INVALID (a CREATE INDEX CONCURRENTLY that"
                    + " failed or was interrupted left it): drop it with " + dropSql();
        }
    }

    /** A history row Flyway wrote for a migration that failed outside a transaction. */
    record FailedRow(String version, String description) {
        String deleteSql(FlywayHistoryTable history) {
            return "DELETE FROM " + history.quotedName() + " WHERE version = '" + version.replace("'", "''")
                    + "' AND NOT success;";
        }

        /** One line naming it and the statement that removes it once its changes are undone. */
        String describe(FlywayHistoryTable history) {
            return "V" + version + " (" + description + ") failed outside a transaction and has a failed history row:"
                    + " undo what it applied before it failed, then remove the row with " + deleteSql(history);
        }
    }

    static Leftovers find(Connection connection, FlywayHistoryTable history) throws SQLException {
        List<InvalidIndex> indexes = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(INVALID_INDEXES); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                indexes.add(new InvalidIndex(rows.getString(1), rows.getString(2), rows.getString(3)));
            }
        }
        List<FailedRow> failed = new ArrayList<>();
        if (exists(connection, history)) {
            try (PreparedStatement query = connection.prepareStatement("select version, description from "
                    + history.quotedName() + " where not success and version is not null order by installed_rank");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    failed.add(new FailedRow(rows.getString(1), rows.getString(2)));
                }
            }
        }
        return new Leftovers(indexes, failed);
    }

    boolean isEmpty() {
        return indexes.isEmpty() && failedRows.isEmpty();
    }

    /** One problem line for each leftover, as validate lists them. */
    List<String> problems(FlywayHistoryTable history) {
        List<String> problems = new ArrayList<>();
        failedRows.forEach(row -> problems.add(row.describe(history)));
        indexes.forEach(index -> problems.add(index.describe()));
        return problems;
    }

    /** Why migrate refuses, and the statements that clear the way, in order. */
    String refusal(FlywayHistoryTable history) {
        StringBuilder message = new StringBuilder("Not migrating: a migration that ran outside a transaction failed or"
                + " was interrupted, and left behind:\n  ").append(String.join("\n  ", problems(history)))
                .append("\nTo recover, in this order:");
        int step = 1;
        for (InvalidIndex index : indexes) {
            message.append("\n  ").append(step++).append(". ").append(index.dropSql());
        }
        if (!failedRows.isEmpty()) {
            message.append("\n  ").append(step++).append(". undo anything else ")
                    .append(failedRows.size() == 1 ? "that migration" : "those migrations")
                    .append(" applied before failing (its statements before the failing one);");
            for (FailedRow row : failedRows) {
                message.append("\n  ").append(step++).append(". ").append(row.deleteSql(history));
            }
        }
        message.append("\n  ").append(step).append(". fix what made it fail (for a UNIQUE index, the duplicate rows),"
                + " then run migrate again: the migration runs again.\nNothing was changed.");
        return message.toString();
    }

    private static boolean exists(Connection connection, FlywayHistoryTable history) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select to_regclass(?) is not null")) {
            query.setString(1, history.quotedName());
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

}
