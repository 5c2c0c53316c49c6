package ai.demeter.migrations.api;

import ai.demeter.migrations.internal.SqlText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Runs one backfill step on a connection in autocommit: fixes the range of keys (or finds it fixed by an earlier,
 * interrupted run), then walks it in keyset batches, each a transaction of its own that updates the rows of its keys
 * matching the condition and records the batch's last key in {@link BackfillProgress}, so that data and record
 * commit together. Between batches it re-sizes the next one towards the target time and gives way: to sessions that
 * waited on the batch's rows, to replicas whose replay lags, and to the rate ceiling.
 */
final class BackfillRun {
    /** SQLSTATEs after which the batch is rolled back and tried again: lock_not_available, deadlock, serialization. */
    private static final List<String> RETRIED = List.of("55P03", "40P01", "40001");
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final Connection connection;
    private final String version;
    private final String direction;
    private final int step;
    private final Backfill backfill;
    private final Backfill.Tuning tuning;
    private final BackfillContext context;
    private final String label;
    private final LongSupplier clock = System::nanoTime;

    /** WAL positions after this run's batches, with their times, that a replica has not replayed yet; oldest first. */
    private final ArrayDeque<long[]> unreplayed = new ArrayDeque<>();
    private String schema;
    private String table;
    private BackfillKey key;

    BackfillRun(Connection connection, String version, String direction, int step, Backfill backfill,
            BackfillContext context) {
        this.connection = connection;
        this.version = version;
        this.direction = direction;
        this.step = step;
        this.backfill = backfill;
        this.tuning = backfill.tuning();
        this.context = context;
        this.label = "V" + version + (direction.equals("down") ? " down" : "") + " backfill of " + backfill.tableName();
    }

    void run() {
        try {
            if (!connection.getAutoCommit()) {
                throw DemeterException.userMistake(label + ": a backfill runs in batches that are transactions of their"
                        + " own, so its migration must run outside one: override transactional() to return false."
                        + " Nothing of the backfill ran.");
            }
            schema = context.progressSchema() != null ? context.progressSchema() : single("select current_schema()");
            table = Dialect.renderInlined(backfill.table());
            key = BackfillKey.of(connection, label, table, schema, backfill);
            BackfillProgress.create(connection, schema);
            Optional<Recorded> earlier = recorded();
            if (earlier.isPresent() && earlier.get().finished) {
                context.report().accept(label + ": finished by an earlier run (" + BackfillProgress.count(
                        earlier.get().rowsDone) + " rows), nothing to do");
                return;
            }
            Recorded recorded = earlier.orElseGet(this::start);
            if (!recorded.finished) { // an empty table is finished as it starts
                walk(recorded);
            }
        } catch (SQLException e) {
            throw stopped(e, null);
        }
    }

    /** What an earlier run recorded for this step, if anything. */
    private Optional<Recorded> recorded() {
        try (PreparedStatement query = connection.prepareStatement("select range_end, last_key, rows_total, rows_done,"
                + " rows_updated, batches, batch_size, finished_at is not null, table_name, key_columns from "
                + BackfillProgress.qualified(schema) + " where version = ? and direction = ? and step = ?")) {
            query.setString(1, version);
            query.setString(2, direction);
            query.setInt(3, step);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                List<String> recordedKey = Arrays.asList(BackfillKey.texts(row.getArray(10)));
                if (!row.getString(9).equals(backfill.tableName()) || !recordedKey.equals(key.columns())) {
                    // The code changed under a run that stopped: its keys and range mean nothing to the new one.
                    throw DemeterException.userMistake(label + ": an earlier run of this step walked "
                            + row.getString(9) + " over (" + String.join(", ", recordedKey) + "), and the migration"
                            + " now backfills " + backfill.tableName() + " over (" + String.join(", ", key.columns())
                            + "), so its progress does not apply. To start this step afresh: delete from "
                            + BackfillProgress.qualified(schema) + " where version = " + SqlText.literal(version) + "; Nothing of"
                            + " the backfill ran.");
                }
                return Optional.of(new Recorded(BackfillKey.texts(row.getArray(1)),
                        BackfillKey.texts(row.getArray(2)), row.getLong(3), row.getLong(4), row.getLong(5),
                        row.getInt(6), row.getInt(7), row.getBoolean(8), true));
            }
        } catch (SQLException e) {
            throw stopped(e, null);
        }
    }

    /** Fixes the range (keys up to the largest one now) and records the step before the first batch. */
    private Recorded start() {
        try {
            String[] end = null;
            long total = 0;
            try (Statement query = connection.createStatement();
                 ResultSet row = query.executeQuery("select " + key.asText("") + " from " + table + " order by "
                         + key.list("", " desc") + " limit 1")) {
                if (row.next()) {
                    end = new String[key.columns().size()];
                    for (int i = 0; i < end.length; i++) {
                        end[i] = row.getString(i + 1);
                    }
                }
            }
            if (end != null) {
                try (PreparedStatement count = connection.prepareStatement("select count(*) from " + table + " where "
                        + key.tuple() + " <= " + key.params())) {
                    BackfillKey.bind(count, 1, end);
                    try (ResultSet row = count.executeQuery()) {
                        row.next();
                        total = row.getLong(1);
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into " + BackfillProgress.qualified(schema)
                    + " (version, direction, step, table_name, key_columns, range_end, rows_total, batch_size, finished_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, case when ? then now() end)")) {
                insert.setString(1, version);
                insert.setString(2, direction);
                insert.setInt(3, step);
                insert.setString(4, backfill.tableName());
                insert.setArray(5, connection.createArrayOf("text", key.columns().toArray()));
                insert.setArray(6, end == null ? null : connection.createArrayOf("text", end));
                insert.setLong(7, total);
                insert.setInt(8, tuning.initialBatchSize());
                insert.setBoolean(9, end == null);
                insert.executeUpdate();
            }
            context.report().accept(label + ": " + BackfillProgress.count(total) + " rows to walk over "
                    + String.join(", ", key.columns()) + (end == null ? " (the table is empty)" : " up to key ("
                    + String.join(", ", end) + "), fixed now") + ", " + backfill.describe());
            return new Recorded(end, null, total, 0, 0, 0, tuning.initialBatchSize(), end == null, false);
        } catch (SQLException e) {
            throw stopped(e, null);
        }
    }

    private void walk(Recorded recorded) throws SQLException {
        if (recorded.resumed) {
            context.report().accept(label + ": resuming after key (" + String.join(", ", recorded.lastKey == null
                    ? List.of("start") : Arrays.asList(recorded.lastKey)) + "), " + BackfillProgress.count(recorded.rowsDone)
                    + " of " + BackfillProgress.count(recorded.rowsTotal) + " rows done by an earlier run");
        }
        BackfillPace pace = new BackfillPace(label, context.report(), clock, recorded.rowsTotal, recorded.rowsDone,
                recorded.rowsUpdated, recorded.batches);
        String[] lastKey = recorded.lastKey;
        int size = Math.max(tuning.minBatchSize(), Math.min(tuning.maxBatchSize(), recorded.batchSize));
        int retries = 0;
        while (true) {
            long batchStarted = clock.getAsLong();
            Batch batch;
            try {
                batch = batch(lastKey, recorded.rangeEnd, size);
            } catch (SQLException e) {
                if (!RETRIED.contains(e.getSQLState()) || ++retries > tuning.maxRetries()) {
                    throw stopped(e, pace);
                }
                Duration backoff = backoff(retries);
                size = Math.max(tuning.minBatchSize(), size / 2);
                pace.paused("a row lock or deadlock (" + e.getSQLState() + "), retry " + retries + " of "
                        + tuning.maxRetries() + " with " + size + " rows", backoff);
                BackfillPace.sleep(backoff);
                continue;
            }
            retries = 0;
            if (batch == null) {
                break;
            }
            lastKey = batch.lastKey;
            Duration took = Duration.ofNanos(clock.getAsLong() - batchStarted);
            pace.batchDone(batch.walked, batch.updated);
            size = nextSize(size, took);
            if (batch.waiters > 0) {
                size = Math.max(tuning.minBatchSize(), size / 2);
                pace.paused(batch.waiters + (batch.waiters == 1 ? " session" : " sessions") + " waited on its rows",
                        took);
                BackfillPace.sleep(took);
            }
            // The rest that leaves the server to the application; after a pause for waiters, what is left of it.
            long rest = (long) (took.toNanos() * tuning.restRatio()) - (batch.waiters > 0 ? took.toNanos() : 0);
            if (rest > 0) {
                BackfillPace.sleep(Duration.ofNanos(rest));
            }
            waitForReplicas(pace);
            pace.keepUnder(tuning.maxRowsPerSecond());
            pace.reportEvery(context.interval(), size);
        }
        pace.finished();
    }

    /** One batch in a transaction of its own; null when the range is done (and then recorded as finished). */
    private Batch batch(String[] lastKey, String[] rangeEnd, int size) throws SQLException {
        connection.setAutoCommit(false);
        try {
            try (Statement set = connection.createStatement()) {
                set.execute("set local lock_timeout = '" + Math.max(1, tuning.lockTimeout().toMillis()) + "ms'");
            }
            String after = lastKey == null ? "" : key.tuple() + " > " + key.params() + " and ";
            String[] end = null;
            long walked = 0;
            try (PreparedStatement find = connection.prepareStatement("select " + key.asText("b.") + ", b.demeter_row from (select "
                    + key.list("", "") + ", row_number() over (order by " + key.list("", "") + ") as demeter_row from " + table
                    + " where " + after + key.tuple() + " <= " + key.params() + " order by " + key.list("", "")
                    + " limit ?) b order by b.demeter_row desc limit 1")) {
                int next = lastKey == null ? 1 : BackfillKey.bind(find, 1, lastKey);
                next = BackfillKey.bind(find, next, rangeEnd);
                find.setInt(next, size);
                try (ResultSet row = find.executeQuery()) {
                    if (row.next()) {
                        end = new String[key.columns().size()];
                        for (int i = 0; i < end.length; i++) {
                            end[i] = row.getString(i + 1);
                        }
                        walked = row.getLong(key.columns().size() + 1);
                    }
                }
            }
            if (end == null) {
                try (PreparedStatement finish = connection.prepareStatement("update " + BackfillProgress.qualified(schema)
                        + " set finished_at = now(), updated_at = now() where version = ? and direction = ? and step = ?")) {
                    bindStep(finish, 1);
                    finish.executeUpdate();
                }
                connection.commit();
                return null;
            }
            int updated;
            try (PreparedStatement update = connection.prepareStatement("update " + table + " set " + assignments()
                    + " where " + after + key.tuple() + " <= " + key.params()
                    + backfill.condition().map(c -> " and (" + Dialect.renderInlined(c) + ")").orElse(""))) {
                int next = lastKey == null ? 1 : BackfillKey.bind(update, 1, lastKey);
                BackfillKey.bind(update, next, end);
                updated = update.executeUpdate();
            }
            int waiters = Integer.parseInt(single("select count(*) from pg_stat_activity"
                    + " where pg_backend_pid() = any(pg_blocking_pids(pid))"));
            try (PreparedStatement record = connection.prepareStatement("update " + BackfillProgress.qualified(schema)
                    + " set last_key = ?, rows_done = rows_done + ?, rows_updated = rows_updated + ?,"
                    + " batches = batches + 1, batch_size = ?, updated_at = now()"
                    + " where version = ? and direction = ? and step = ?")) {
                record.setArray(1, connection.createArrayOf("text", end));
                record.setLong(2, walked);
                record.setLong(3, updated);
                record.setInt(4, size);
                bindStep(record, 5);
                record.executeUpdate();
            }
            connection.commit();
            return new Batch(end, walked, updated, waiters);
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw e;
        } finally {
            if (!connection.isClosed()) {
                try {
                    connection.setAutoCommit(true);
                } catch (SQLException dead) {
                    // a session the server ended: nothing to restore
                }
            }
        }
    }

    /** The next batch's size: towards the target time, changing at most by half or double at once. */
    private int nextSize(int size, Duration took) {
        double ratio = (double) tuning.targetBatchTime().toNanos() / Math.max(1, took.toNanos());
        ratio = Math.max(0.5, Math.min(2.0, ratio));
        return (int) Math.max(tuning.minBatchSize(), Math.min(tuning.maxBatchSize(), Math.round(size * ratio)));
    }

    private static Duration backoff(int retry) {
        long millis = 100L << Math.min(10, retry - 1);
        return Duration.ofMillis(Math.min(MAX_BACKOFF.toMillis(), millis));
    }

    /**
     * Waits while a streaming replica has not replayed a batch committed longer ago than the limit; there is nothing to
     * wait for without one. The lag is measured against this backfill's own commits: the WAL position after each batch
     * is kept with its time, and the oldest one a replica has not replayed yet says how far behind it is. (The
     * server's {@code replay_lag} stops growing while replay is stuck, so it is only the second opinion.)
     */
    private void waitForReplicas(BackfillPace pace) throws SQLException {
        while (true) {
            String[] replication = row("select pg_current_wal_lsn()::text, (select min(replay_lsn)::text from"
                    + " pg_stat_replication), (select coalesce(max(extract(epoch from replay_lag)), 0)::text from"
                    + " pg_stat_replication)");
            if (replication[1] == null) {
                unreplayed.clear();
                return; // no replica
            }
            long now = clock.getAsLong();
            unreplayed.addLast(new long[] {lsn(replication[0]), now});
            long replayed = lsn(replication[1]);
            while (!unreplayed.isEmpty() && unreplayed.peekFirst()[0] <= replayed) {
                unreplayed.removeFirst();
            }
            double ownLag = unreplayed.isEmpty() ? 0 : (now - unreplayed.peekFirst()[1]) / 1e9;
            double lag = Math.max(ownLag, Double.parseDouble(replication[2]));
            if (lag * 1000 <= tuning.maxReplicaLag().toMillis()) {
                return;
            }
            Duration wait = Duration.ofSeconds(1);
            pace.paused(String.format(Locale.ROOT, "a replica's replay lags %.1f s behind (limit %d s)", lag,
                    tuning.maxReplicaLag().toSeconds()), wait);
            BackfillPace.sleep(wait);
        }
    }

    /** {@code 16/B374D848}, a WAL position, as a number. */
    private static long lsn(String text) {
        int slash = text.indexOf('/');
        return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
    }

    /** The one value {@code sql} returns, as text. */
    private String single(String sql) throws SQLException {
        return row(sql)[0];
    }

    /** The one row {@code sql} returns, as text. */
    private String[] row(String sql) throws SQLException {
        try (Statement query = connection.createStatement(); ResultSet row = query.executeQuery(sql)) {
            row.next();
            String[] values = new String[row.getMetaData().getColumnCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = row.getString(i + 1);
            }
            return values;
        }
    }

    private String assignments() {
        List<String> parts = new ArrayList<>();
        backfill.values().forEach((column, value) -> parts.add(SqlText.quote(column.getName()) + " = "
                + Dialect.renderInlined(value)));
        return String.join(", ", parts);
    }

    private void bindStep(PreparedStatement statement, int first) throws SQLException {
        statement.setString(first, version);
        statement.setString(first + 1, direction);
        statement.setInt(first + 2, step);
    }

    private void rollbackQuietly(SQLException cause) {
        try {
            if (!connection.isClosed() && !connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }



    private DemeterException stopped(SQLException e, BackfillPace pace) {
        String done = pace == null ? "" : " after " + BackfillProgress.count(pace.rowsDone()) + " of "
                + BackfillProgress.count(pace.rowsTotal()) + " rows";
        String server = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("").strip();
        String state = e.getSQLState();
        String again = direction.equals("down") ? "run the rollback again" : "run migrate again";
        // Classes 22 (data), 23 (integrity) and 42 (syntax, undefined column): the backfill's own SQL, not the moment.
        boolean mistake = state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("42"));
        String advice = mistake
                ? " The backfill's values or condition do not fit the table: fix the migration, then " + again
                        + "; it resumes after the last committed batch."
                : " What its batches wrote is committed and recorded in " + BackfillProgress.TABLE + "; " + again
                        + " to resume after the last committed batch.";
        return new BackfillStoppedException(label + " stopped" + done + ": " + server
                + (state == null ? "" : " (SQLSTATE " + state + ")") + "." + advice, e, mistake);
    }

    /** What the progress table holds for this step. */
    private record Recorded(String[] rangeEnd, String[] lastKey, long rowsTotal, long rowsDone, long rowsUpdated,
            int batches, int batchSize, boolean finished, boolean resumed) {
    }

    private record Batch(String[] lastKey, long walked, long updated, int waiters) {
    }
}
