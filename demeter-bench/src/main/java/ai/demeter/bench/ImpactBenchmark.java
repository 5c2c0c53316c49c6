package ai.demeter.bench;

import ai.demeter.bench.impact.ImageTypes;
import ai.demeter.migrations.api.Backfill;
import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.engine.EngineSettings;
import ai.demeter.migrations.engine.MigrateTarget;
import ai.demeter.migrations.engine.MigrationEngine;
import ai.demeter.migrations.engine.MigrationListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the application feels while a migration fills a new column of a large table: {@code s3_images} with a million
 * rows, a steady write load on it, and the column filled two ways on a fresh database each, the single UPDATE of
 * DemeterAI's V19 and Demeter's backfill. Then the backfill once more in a JVM of its own, killed with SIGKILL in
 * the middle and resumed. Writes its part of docs/performance.md and docs/backfill-latency.svg.
 */
final class ImpactBenchmark {
    static final String TABLE_LOCATION = "classpath:ai/demeter/bench/impact/table";
    static final String NAIVE_LOCATION = "classpath:ai/demeter/bench/impact/naive";
    static final String ONLINE_LOCATION = "classpath:ai/demeter/bench/impact/online";
    private static final Pattern WALKED = Pattern.compile(
            "([0-9,]+) rows walked, ([0-9,]+) updated, in ([0-9,]+) batches; this run ([^(]+) \\(([0-9,]+) rows/s\\)");

    private final BenchSettings settings;
    private final BenchSettings.Impact impact;
    private final BenchCluster cluster;
    private String tableSize = "";

    /** One way's run under the load. */
    record WayRun(String way, String migration, List<WriteLoad.Op> ops, long origin, long migrationStart,
            long migrationEnd, long walBytes, long baselineWalBytes, long wrongRows, List<String> lines,
            long rowsGenerated) {
        /** The writes that completed before the migration started. */
        Window baseline() {
            return Window.of(ops, op -> op.endNanos() <= migrationStart);
        }

        /** The writes that were under way at some moment of the migration, those it held up among them. */
        Window during() {
            return Window.of(ops, op -> op.endNanos() > migrationStart && op.startNanos() < migrationEnd);
        }

        /** {@link #during()} of the INSERTs alone ({@code inserts}) or the UPDATEs alone. */
        Window during(boolean inserts) {
            return Window.of(ops, op -> op.insert() == inserts && op.endNanos() > migrationStart
                    && op.startNanos() < migrationEnd);
        }

        /** {@link #baseline()} of the INSERTs alone ({@code inserts}) or the UPDATEs alone. */
        Window baseline(boolean inserts) {
            return Window.of(ops, op -> op.insert() == inserts && op.endNanos() <= migrationStart);
        }

        /** The writes sent after it returned. */
        Window after() {
            return Window.of(ops, op -> op.startNanos() >= migrationEnd);
        }

        double migrationSeconds() {
            return (migrationEnd - migrationStart) / 1e9;
        }

        /** The longest time during the migration in which no write completed, in milliseconds. */
        double longestGapMillis() {
            long[] ends = ops.stream().mapToLong(WriteLoad.Op::endNanos).sorted().toArray();
            long previous = migrationStart;
            long longest = 0;
            for (long end : ends) {
                if (end <= migrationStart) {
                    continue;
                }
                longest = Math.max(longest, Math.min(end, migrationEnd) - previous);
                previous = end;
                if (end >= migrationEnd) {
                    break;
                }
            }
            if (previous < migrationEnd) {
                longest = Math.max(longest, migrationEnd - previous);
            }
            return longest / 1e6;
        }

        /** The WAL the load alone wrote per second, from the baseline. */
        double baselineWalPerSecond() {
            return baselineWalBytes / ((migrationStart - origin) / 1e9);
        }

        /** The rows the migration filled: those generated and those the load inserted before it started. */
        long rowsFilled() {
            return ops.stream().filter(op -> op.insert() && !op.failed() && op.endNanos() < migrationStart).count()
                    + rowsGenerated;
        }

        String backfillLine() {
            return lines.stream().filter(line -> line.contains("rows walked")).findFirst().orElse("");
        }
    }

    /** The writes sent in a period: how many, how many failed, their latency percentiles in milliseconds. */
    record Window(int ops, int failed, double p50, double p99, double max) {
        static Window of(List<WriteLoad.Op> ops, Predicate<WriteLoad.Op> in) {
            long[] latencies = ops.stream().filter(in).mapToLong(WriteLoad.Op::latencyNanos).sorted().toArray();
            int failed = (int) ops.stream().filter(in).filter(WriteLoad.Op::failed).count();
            if (latencies.length == 0) {
                return new Window(0, failed, Double.NaN, Double.NaN, Double.NaN);
            }
            return new Window(latencies.length, failed, percentile(latencies, 50), percentile(latencies, 99),
                    latencies[latencies.length - 1] / 1e6);
        }

        /** Nearest rank: the smallest latency at or above which {@code p} percent of them lie. */
        private static double percentile(long[] sorted, double p) {
            int rank = (int) Math.ceil(p / 100 * sorted.length);
            return sorted[Math.max(0, rank - 1)] / 1e6;
        }
    }

    /** The backfill killed in its own JVM and resumed in this one. */
    record KillRun(long rowsTotal, long rowsDoneBeforeKill, long rowsUpdatedBeforeKill, long batchesBeforeKill,
            int batchSizeBeforeKill, long filledAfterKill, long historyRowsAfterKill, double killedAfterSeconds,
            long rowsWalkedInAll, long batchesInAll, long updatesAttempted, long wrongRows, double resumeSeconds,
            String resumedLine, String finalLine) {
        /** Row updates beyond one per row: those of a batch the kill interrupted, which the server rolled back. */
        long rowsRolledBack() {
            return updatesAttempted - rowsTotal;
        }

        /** Rows that committed batches had walked and the resumed run walked again. */
        long rowsWalkedTwice() {
            return rowsWalkedInAll - rowsTotal;
        }

        long batchesRedone() {
            return (rowsRolledBack() > 0 ? 1 : 0) + (rowsWalkedTwice() > 0 ? 1 : 0);
        }
    }

    ImpactBenchmark(BenchSettings settings, BenchCluster cluster) {
        this.settings = settings;
        this.impact = settings.impact();
        this.cluster = cluster;
    }

    /** Runs both ways and the kill; writes the report and the chart; returns the document written. */
    Path run() throws Exception {
        ImpactReport report = new ImpactReport(settings);
        report.loadAtStart(PerformanceBenchmark.loadAverage());
        long started = System.nanoTime();
        report.machine(machine());
        WayRun naive = underLoad("single UPDATE", "V2: ADD COLUMN and one UPDATE of every row, one transaction",
                List.of(TABLE_LOCATION, NAIVE_LOCATION));
        WayRun backfill = underLoad("backfill", "V2: ADD COLUMN (nullable); V3: backfill, default tuning",
                List.of(TABLE_LOCATION, ONLINE_LOCATION));
        KillRun killed = killed();
        report.loadAtEnd(PerformanceBenchmark.loadAverage());
        report.took(Duration.ofNanos(System.nanoTime() - started));
        return report.write(settings.impactReportDirectory(), tableSize, naive, backfill, killed);
    }

    // ------------------------------------------------------------------------------------------- under the load

    private WayRun underLoad(String way, String migration, List<String> locations) throws Exception {
        say("-- " + way + ": " + migration);
        DatabaseTarget database = cluster.createDatabase();
        try {
            prepare(database, locations, "1");
            List<String> lines = new ArrayList<>();
            List<WriteLoad.Op> ops;
            long origin;
            long migrationStart;
            long migrationEnd;
            long walBytes;
            long baselineWal;
            try (WriteLoad load = new WriteLoad(database, impact.threads(), impact.opsPerSecond(), impact.rows())) {
                String loadLsn = lsn(database);
                load.start();
                origin = load.startedNanos();
                Thread.sleep(TimeUnit.SECONDS.toMillis(impact.baselineSeconds()));
                String before = lsn(database);
                migrationStart = System.nanoTime();
                engine(database, locations, capturing(lines)).migrate(new MigrateTarget.Head());
                migrationEnd = System.nanoTime();
                String after = lsn(database);
                say(String.format("   migrated in %.1f s", (migrationEnd - migrationStart) / 1e9));
                Thread.sleep(TimeUnit.SECONDS.toMillis(Math.max(3, impact.baselineSeconds() / 2)));
                ops = load.stop();
                walBytes = walBetween(database, before, after);
                baselineWal = walBetween(database, loadLsn, before);
            }
            long wrong = count(database, "select count(*) from s3_images where id <= " + impact.rows()
                    + " and image_type is distinct from " + ImageTypes.fromBucketSql());
            WayRun run = new WayRun(way, migration, ops, origin, migrationStart, migrationEnd, walBytes, baselineWal,
                    wrong, lines, impact.rows());
            Window base = run.baseline();
            Window during = run.during();
            say(String.format("   baseline p50 %.2f p99 %.2f max %.1f ms; during p50 %.2f p99 %.2f max %.1f ms;"
                    + " longest gap %.0f ms; failed %d; wrong rows %d", base.p50(), base.p99(), base.max(),
                    during.p50(), during.p99(), during.max(), run.longestGapMillis(), during.failed(), wrong));
            return run;
        } finally {
            cluster.drop(database);
        }
    }

    /** Migrates to {@code version}, fills the table, and leaves it vacuumed and checkpointed, as a settled table. */
    private void prepare(DatabaseTarget database, List<String> locations, String version) throws SQLException {
        engine(database, locations, MigrationListener.SILENT).migrate(MigrateTarget.parse("1"));
        long started = System.nanoTime();
        try (Connection connection = Connections.open(database); Statement statement = connection.createStatement()) {
            statement.execute("insert into s3_images (s3_bucket, s3_key_original, s3_key_thumbnail, content_type,"
                    + " file_size_bytes, width_px, height_px, exif_metadata, status, created_at)"
                    + " select case g % 3 when 0 then '" + ImageTypes.ORIGINALS + "' when 1 then '"
                    + ImageTypes.PROCESSED + "' else '" + ImageTypes.THUMBNAILS + "' end,"
                    + " 'uploads/2024/' || (g % 97) || '/' || md5(g::text) || '.jpg',"
                    + " 'thumbnails/2024/' || (g % 97) || '/' || md5(g::text) || '_thumb.jpg',"
                    + " case when g % 10 = 0 then 'image/png' else 'image/jpeg' end,"
                    + " 100000 + (g::bigint * 7919) % 5000000, 4032, 3024,"
                    + " jsonb_build_object('Make', 'Canon', 'Model', 'EOS R6', 'ISO', 100 + g % 3200,"
                    + " 'ExposureTime', '1/' || (60 + g % 500), 'FNumber', 2.8,"
                    + " 'DateTimeOriginal', '2024:05:' || lpad((1 + g % 28)::text, 2, '0') || ' 10:15:00'),"
                    + " case when g % 50 = 0 then 'failed' else 'ready' end,"
                    + " now() - make_interval(secs => g)"
                    + " from generate_series(1, " + impact.rows() + ") g");
            statement.execute("vacuum analyze s3_images");
            statement.execute("checkpoint");
            if (tableSize.isEmpty()) {
                tableSize = BenchCluster.single(statement, "select avg(pg_column_size(s.*))::int || ' bytes a row, '"
                        + " || pg_size_pretty(pg_table_size('s3_images')) || ' of table and '"
                        + " || pg_size_pretty(pg_indexes_size('s3_images')) || ' of indexes' from s3_images s");
            }
        }
        say(String.format("   %,d rows inserted, vacuumed and checkpointed in %.1f s", impact.rows(),
                (System.nanoTime() - started) / 1e9));
        if (!version.equals("1")) {
            engine(database, locations, MigrationListener.SILENT).migrate(MigrateTarget.parse(version));
        }
    }

    // --------------------------------------------------------------------------------------------- killed, resumed

    private KillRun killed() throws Exception {
        say("-- backfill in a JVM of its own, killed with SIGKILL, resumed in-process");
        List<String> locations = List.of(TABLE_LOCATION, ONLINE_LOCATION);
        DatabaseTarget database = cluster.createDatabase();
        Process child = null;
        try {
            prepare(database, locations, "2");
            long updatesBefore = settledUpdates(database, 0);
            child = child(database, locations);
            BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            List<String> childLines = new CopyOnWriteArrayList<>();
            for (String line = output.readLine(); ; line = output.readLine()) {
                if (line == null) {
                    throw new IllegalStateException("The migrating JVM ended before its backfill started: "
                            + childLines);
                }
                childLines.add(line);
                if (line.contains("rows to walk")) {
                    break;
                }
            }
            long backfillStarted = System.nanoTime();
            Thread drain = new Thread(() -> output.lines().forEach(childLines::add), "impact-child-output");
            drain.setDaemon(true);
            drain.start();
            // A random moment in the middle: once the committed batches pass a random share of the rows, plus a
            // random fraction of a batch's time, so that the kill may fall inside a batch or between two.
            double share = ThreadLocalRandom.current().nextDouble(0.2, 0.7);
            while (progressShare(database) < share) {
                if (!child.isAlive()) {
                    throw new IllegalStateException("The migrating JVM ended before the kill: " + childLines);
                }
                Thread.sleep(10);
            }
            Thread.sleep(ThreadLocalRandom.current().nextLong(Backfill.DEFAULT_TARGET_BATCH_TIME.toMillis()));
            child.destroyForcibly(); // SIGKILL: no finally, no rollback from the JVM
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The killed JVM did not end.");
            }
            double killedAfter = (System.nanoTime() - backfillStarted) / 1e9;
            drain.join(5_000);
            if (childLines.stream().anyMatch(line -> line.startsWith("applied="))) {
                throw new IllegalStateException("The backfill finished before the kill: " + childLines);
            }
            awaitSessionsGone(database);
            long[] progress = longs(database, "select rows_total, rows_done, rows_updated, batches, batch_size"
                    + " from demeter_backfill_progress where version = '3'");
            long filled = count(database, "select count(*) from s3_images where image_type is not null");
            long historyRows = count(database, "select count(*) from flyway_schema_history where version = '3'");
            say(String.format("   killed %.1f s into the backfill: %,d of %,d rows done in %,d batches, %,d filled",
                    killedAfter, progress[1], progress[0], progress[3], filled));

            List<String> lines = new ArrayList<>();
            long resumeStarted = System.nanoTime();
            engine(database, locations, capturing(lines)).migrate(new MigrateTarget.Head());
            double resumeSeconds = (System.nanoTime() - resumeStarted) / 1e9;
            String resumed = lines.stream().filter(line -> line.contains("resuming after key")).findFirst()
                    .orElse("(no resume line)");
            String finalLine = lines.stream().filter(line -> line.contains("rows walked")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("The resumed run printed no final line: " + lines));
            Matcher walked = WALKED.matcher(finalLine);
            if (!walked.find()) {
                throw new IllegalStateException("Unexpected final line: " + finalLine);
            }
            long wrong = count(database, "select count(*) from s3_images where image_type is distinct from "
                    + ImageTypes.fromBucketSql());
            long updates = settledUpdates(database, progress[0]) - updatesBefore;
            return new KillRun(progress[0], progress[1], progress[2], progress[3], (int) progress[4], filled,
                    historyRows, killedAfter, number(walked.group(1)), number(walked.group(3)), updates, wrong,
                    resumeSeconds, resumed, finalLine);
        } finally {
            if (child != null) {
                child.destroyForcibly(); // a step that failed before the kill leaves no JVM migrating behind
            }
            cluster.drop(database);
        }
    }

    /** The share of the fixed range the committed batches have walked; 0 before the first. */
    private static double progressShare(DatabaseTarget database) throws SQLException {
        try (Connection connection = Connections.open(database); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select rows_done::float8 / greatest(rows_total, 1)"
                     + " from demeter_backfill_progress where version = '3'")) {
            return row.next() ? row.getDouble(1) : 0;
        }
    }

    private Process child(DatabaseTarget database, List<String> locations) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                ImpactMigrateProcess.class.getName(), database.url(), database.user()));
        command.addAll(locations);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (database.password() != null) {
            builder.environment().put("DEMETER_BENCH_PASSWORD", database.password());
        }
        return builder.start();
    }

    /**
     * Waits for the killed JVM's session to end: the server rolls its open batch back then. Client sessions only: an
     * autovacuum worker on the freshly written table is a session of the database too, and may run for minutes.
     */
    private static void awaitSessionsGone(DatabaseTarget database) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (count(database, "select count(*) from pg_stat_activity where datname = current_database()"
                + " and pid <> pg_backend_pid() and backend_type = 'client backend'") > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The killed JVM's session never ended.");
            }
            Thread.sleep(50);
        }
    }

    /**
     * The table's count of row updates (pg_stat_user_tables.n_tup_upd, which counts the updates of rolled-back
     * transactions too), once at least {@code atLeast} and unchanged for a second: sessions report it when they end
     * or go idle, not at once.
     */
    private static long settledUpdates(DatabaseTarget database, long atLeast) throws Exception {
        String sql = "select n_tup_upd from pg_stat_user_tables where relname = 's3_images'";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long previous = -1;
        while (true) {
            long now = count(database, sql);
            if (now == previous && now >= atLeast || System.nanoTime() > deadline) {
                return now;
            }
            previous = now;
            Thread.sleep(1_200);
        }
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private static MigrationEngine engine(DatabaseTarget database, List<String> locations, MigrationListener listener) {
        return new MigrationEngine(new EngineSettings(database, ImpactBenchmark.class.getClassLoader(), locations,
                EngineSettings.DEFAULT_SCHEMA, EngineSettings.DEFAULT_HISTORY_TABLE), listener);
    }

    /** Keeps the engine's info lines (the backfill's progress among them) and prints them. */
    private static MigrationListener capturing(List<String> lines) {
        return new MigrationListener() {
            @Override
            public void info(String message) {
                lines.add(message);
                say("   " + message.strip());
            }

            @Override
            public void warn(String message) {
                info(message);
            }

            @Override
            public void debug(String message) {
            }
        };
    }

    private Map<String, String> machine() throws Exception {
        DatabaseTarget database = cluster.createDatabase();
        try (Connection connection = Connections.open(database); Statement statement = connection.createStatement()) {
            return Map.of("cpu", Runtime.getRuntime().availableProcessors() + " cores ("
                    + PerformanceBenchmark.cpuModel() + ")", "postgres", BenchCluster.single(statement,
                    "select version()").replaceAll(" on .*", ""), "cluster", cluster.describe());
        } finally {
            cluster.drop(database);
        }
    }

    private static String lsn(DatabaseTarget database) throws SQLException {
        try (Connection connection = Connections.open(database); Statement statement = connection.createStatement()) {
            return BenchCluster.single(statement, "select pg_current_wal_lsn()::text");
        }
    }

    private static long walBetween(DatabaseTarget database, String from, String to) throws SQLException {
        try (Connection connection = Connections.open(database);
             PreparedStatement query = connection.prepareStatement("select pg_wal_lsn_diff(?::pg_lsn, ?::pg_lsn)")) {
            query.setString(1, to);
            query.setString(2, from);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    static long count(DatabaseTarget database, String sql) throws SQLException {
        return longs(database, sql)[0];
    }

    private static long[] longs(DatabaseTarget database, String sql) throws SQLException {
        try (Connection connection = Connections.open(database); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            if (!row.next()) {
                throw new IllegalStateException("No row from: " + sql);
            }
            long[] values = new long[row.getMetaData().getColumnCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = row.getLong(i + 1);
            }
            return values;
        }
    }

    private static long number(String text) {
        return Long.parseLong(text.replace(",", ""));
    }

    private static void say(String line) {
        PerformanceBenchmark.say(line);
    }
}
