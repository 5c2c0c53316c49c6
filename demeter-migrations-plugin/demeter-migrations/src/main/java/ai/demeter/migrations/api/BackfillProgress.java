package ai.demeter.migrations.api;

import ai.demeter.migrations.internal.SqlText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Demeter's record of the backfills of migrations not finished yet, one row per backfill step: its fixed range of
 * keys, the last key of the last committed batch, rows and batches done. Each batch updates its row in its own
 * transaction, so the record and the data never disagree; a run killed at any moment resumes after the last key.
 * The rows of a migration are removed once its history row is written (or its down is recorded), so that an up after
 * a down starts afresh.
 */
public final class BackfillProgress {
    public static final String TABLE = "demeter_backfill_progress";

    /**
     * One backfill step as recorded.
     *
     * @param direction "up" or "down"
     * @param rowsTotal the rows in the range fixed when the step started
     * @param rowsDone  the rows of that range walked by committed batches
     */
    public record Step(String version, String direction, int step, String table, long rowsTotal, long rowsDone,
            long rowsUpdated, int batches, boolean finished) {
        /** {@code V21 backfill of s3_images: 412,000 of 1,000,000 rows, resumable}. */
        public String describe() {
            return "V" + version + (direction.equals("down") ? " down" : "") + " backfill of " + table + ": "
                    + (finished ? "done, " + count(rowsDone) + " rows"
                    : count(rowsDone) + " of " + count(rowsTotal) + " rows, resumable");
        }
    }

    private BackfillProgress() {
    }

    static String qualified(String schema) {
        return SqlText.quote(schema) + "." + SqlText.quote(TABLE);
    }

    static void create(Connection connection, String schema) throws SQLException {
        try (Statement create = connection.createStatement()) {
            create.execute("create table if not exists " + qualified(schema) + " ("
                    + "version text not null, direction text not null, step integer not null,"
                    + " table_name text not null, key_columns text[] not null, range_end text[], last_key text[],"
                    + " rows_total bigint not null, rows_done bigint not null default 0,"
                    + " rows_updated bigint not null default 0, batches integer not null default 0,"
                    + " batch_size integer not null, started_at timestamptz not null default now(),"
                    + " updated_at timestamptz not null default now(), finished_at timestamptz,"
                    + " primary key (version, direction, step))");
        }
    }

    /** Every step recorded in {@code schema}, unfinished or finished, oldest version first; empty without the table. */
    public static List<Step> all(Connection connection, String schema) throws SQLException {
        List<Step> steps = new ArrayList<>();
        if (!exists(connection, schema)) {
            return steps;
        }
        try (Statement query = connection.createStatement();
             ResultSet rows = query.executeQuery("select version, direction, step, table_name, rows_total, rows_done,"
                     + " rows_updated, batches, finished_at is not null from " + qualified(schema)
                     + " order by started_at, step")) {
            while (rows.next()) {
                steps.add(new Step(rows.getString(1), rows.getString(2), rows.getInt(3), rows.getString(4),
                        rows.getLong(5), rows.getLong(6), rows.getLong(7), rows.getInt(8), rows.getBoolean(9)));
            }
        }
        return steps;
    }

    /** The steps a run stopped in the middle of: what {@code current} and {@code history} show. */
    public static List<Step> unfinished(Connection connection, String schema) throws SQLException {
        return all(connection, schema).stream().filter(step -> !step.finished()).toList();
    }

    /**
     * Removes what is recorded for {@code version}, once its up is recorded in the history or its down in the
     * journal: the next run of it is a new one. Runs in the caller's transaction.
     */
    public static void forget(Connection connection, String schema, String version) throws SQLException {
        if (!exists(connection, schema)) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement("delete from " + qualified(schema)
                + " where version = ?")) {
            delete.setString(1, version);
            delete.executeUpdate();
        }
    }

    static boolean exists(Connection connection, String schema) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select to_regclass(?) is not null")) {
            query.setString(1, qualified(schema));
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    /** {@code 1,000,000}: counts read in progress lines. */
    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
