package ai.demeter.migrations.api;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/** Rows, rates and pauses of one run of a backfill step, and the progress lines they make. */
final class BackfillPace {
    private final String label;
    private final Consumer<String> report;
    private final LongSupplier clock;
    private final long started;
    private final long rowsTotal;
    private final long rowsAtStart;
    private long rowsDone;
    private long rowsUpdated;
    private int batches;
    private long lastReport;
    private int pauses;
    private long pausedNanos;
    private String lastPause = "";

    /** A run that starts from what the progress record holds: rows in the range, rows and batches done. */
    BackfillPace(String label, Consumer<String> report, LongSupplier clock, long rowsTotal, long rowsDone,
            long rowsUpdated, int batches) {
        this.label = label;
        this.report = report;
        this.clock = clock;
        this.started = clock.getAsLong();
        this.lastReport = started;
        this.rowsTotal = rowsTotal;
        this.rowsAtStart = rowsDone;
        this.rowsDone = rowsDone;
        this.rowsUpdated = rowsUpdated;
        this.batches = batches;
    }

    long rowsDone() {
        return rowsDone;
    }

    long rowsTotal() {
        return rowsTotal;
    }

    void batchDone(long walked, long updated) {
        rowsDone += walked;
        rowsUpdated += updated;
        batches++;
    }

    void paused(String why, Duration duration) {
        pauses++;
        pausedNanos += duration.toNanos();
        lastPause = why;
        if (duration.compareTo(Duration.ofSeconds(1)) >= 0) {
            report.accept(label + ": pausing " + format(duration) + ": " + why);
        }
    }

    /** Sleeps as long as the rows walked so far run ahead of {@code rowsPerSecond}. */
    void keepUnder(int rowsPerSecond) {
        if (rowsPerSecond <= 0) {
            return;
        }
        long due = started + (long) ((rowsDone - rowsAtStart) * 1e9 / rowsPerSecond);
        long ahead = due - clock.getAsLong();
        if (ahead > 0) {
            sleep(Duration.ofNanos(ahead));
        }
    }

    void reportEvery(Duration interval, int nextSize) {
        long now = clock.getAsLong();
        if (now - lastReport < interval.toNanos()) {
            return;
        }
        lastReport = now;
        double rate = rate(now);
        long left = Math.max(0, rowsTotal - rowsDone);
        String eta = rate <= 0 ? "unknown" : format(Duration.ofMillis((long) (left / rate * 1000)));
        report.accept(label + ": " + BackfillProgress.count(rowsDone) + " of "
                + BackfillProgress.count(rowsTotal) + " rows (" + percent() + "), "
                + BackfillProgress.count((long) rate) + " rows/s, ETA " + eta + ", batch "
                + BackfillProgress.count(nextSize) + " rows" + pausesSoFar());
    }

    void finished() {
        long now = clock.getAsLong();
        report.accept(label + ": " + BackfillProgress.count(rowsDone) + " rows walked, "
                + BackfillProgress.count(rowsUpdated) + " updated, in " + BackfillProgress.count(batches)
                + " batches; this run " + format(Duration.ofNanos(now - started)) + " ("
                + BackfillProgress.count((long) rate(now)) + " rows/s)" + pausesSoFar());
    }

    private String pausesSoFar() {
        return pauses == 0 ? "" : "; paused " + pauses + (pauses == 1 ? " time" : " times") + " ("
                + format(Duration.ofNanos(pausedNanos)) + "), last: " + lastPause;
    }

    private double rate(long now) {
        double seconds = (now - started) / 1e9;
        return seconds <= 0 ? 0 : (rowsDone - rowsAtStart) / seconds;
    }

    private String percent() {
        return rowsTotal == 0 ? "100%" : (rowsDone * 100 / rowsTotal) + "%";
    }

    /** {@code 850 ms}, {@code 12.3 s}, {@code 4 min 10 s}. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis < 1000 ? millis + " ms" : millis < 120_000
                ? String.format(Locale.ROOT, "%.1f s", millis / 1000.0)
                : (millis / 60_000) + " min " + (millis / 1000 % 60) + " s";
    }

    /** Sleeps; an interrupted pause stops the run, which resumes from its last batch. */
    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DemeterException.fault("The backfill was interrupted while it paused; run migrate again to resume.", e);
        }
    }
}
