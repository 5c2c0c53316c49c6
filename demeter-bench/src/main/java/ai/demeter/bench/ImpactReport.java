package ai.demeter.bench;

import ai.demeter.bench.ImpactBenchmark.KillRun;
import ai.demeter.bench.ImpactBenchmark.WayRun;
import ai.demeter.bench.ImpactBenchmark.Window;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The impact section's part of docs/performance.md, between markers of its own (so that the main benchmark and this
 * section rewrite only their own part), and its chart, docs/backfill-latency.svg.
 */
final class ImpactReport extends BenchReport {
    static final String START = "<!-- impact:start: written by the benchmark's impact section (demeter-bench); edits"
            + " here are overwritten -->";
    static final String END = "<!-- impact:end -->";
    static final String CHART = "backfill-latency.svg";
    static final String COMMAND = "./mvnw -T1 install -Pbench -DskipTests -Dinvoker.skip -Dbench.sections=impact";
    private static final double P99_RATIO = 2;
    private static final double STALL_MILLIS = 1_000;


    ImpactReport(BenchSettings settings) {
        super(settings);
    }

    /** Writes the section into {@code docs}/performance.md and the chart beside it; returns the document. */
    Path write(Path docs, String tableSize, WayRun naive, WayRun backfill, KillRun killed) throws IOException {
        Files.createDirectories(docs);
        Path document = docs.resolve("performance.md");
        String existing = Files.isRegularFile(document) ? Files.readString(document, StandardCharsets.UTF_8)
                : "# Performance\n\n";
        String section = START + "\n" + section(tableSize, naive, backfill, killed) + END;
        int start = existing.indexOf(START);
        int end = existing.indexOf(END);
        String updated;
        if (start >= 0 && end > start) {
            updated = existing.substring(0, start) + section + existing.substring(end + END.length());
        } else {
            // First time: right after the main benchmark's part, before the measurements taken by hand.
            int after = existing.indexOf(PerformanceReport.END);
            updated = after < 0 ? existing + "\n" + section + "\n"
                    : existing.substring(0, after + PerformanceReport.END.length()) + "\n\n" + section
                    + existing.substring(after + PerformanceReport.END.length());
        }
        Files.writeString(document, updated, StandardCharsets.UTF_8);
        Files.writeString(docs.resolve(CHART), LatencyChart.svg(List.of(panel(naive), panel(backfill))),
                StandardCharsets.UTF_8);
        return document;
    }

    private static LatencyChart.Panel panel(WayRun run) {
        return new LatencyChart.Panel(run.way() + ": " + run.migration(), run.ops(), run.origin(),
                run.migrationStart(), run.migrationEnd(), run.baseline().p99());
    }

    private String section(String tableSize, WayRun naive, WayRun backfill, KillRun killed) {
        BenchSettings.Impact impact = settings.impact();
        // The anchor other documents link to (docs/online-migrations.md), whatever the heading says.
        StringBuilder text = new StringBuilder("<a id=\"backfill-impact\"></a>\n\n"
                + "## What the application feels while a column is filled\n\n");
        text.append("Taken ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern(
                "yyyy-MM-dd HH:mm"))).append(" UTC by the benchmark's impact section (").append(impact.describe())
                .append("; `").append(COMMAND).append("` runs it), in ").append(took.toMinutes()).append(" min ")
                .append(took.toSecondsPart()).append(" s. Load average (1, 5, 15 min) at the start ")
                .append(loadAtStart).append(", at the end ").append(loadAtEnd).append(".");
        int cores = Runtime.getRuntime().availableProcessors();
        if (busy(loadAtStart, cores) || busy(loadAtEnd, cores)) {
            text.append(" **The 1-minute load average was above the machine's ").append(cores)
                    .append(" cores at the start or the end (the load, the migration and the server count in it,")
                    .append(" and other work may have run): the two ways ran on the same machine one after the")
                    .append(" other, so their comparison holds better than the absolute figures.**");
        }
        text.append(" ").append(machine.get("cpu")).append("; ").append(machine.get("postgres")).append("; ")
                .append(machine.get("cluster")).append(".\n\n");
        text.append(String.format(Locale.ROOT, "A table shaped like DemeterAI's `s3_images` (bigint key, uuid, bucket,"
                + " unique key of the original, thumbnail key, content type, sizes, EXIF as JSONB, status,"
                + " timestamps): %,d rows inserted with generate_series, %s, vacuumed and checkpointed; a fresh"
                + " database for each way. The application: %d client threads, each on its own connection in"
                + " autocommit, %d writes/s together, half INSERTs of a new row and half UPDATEs of one random"
                + " existing row by its key; each write is timed from the moment it is sent, and a thread a write"
                + " held up does not catch up afterwards (so the percentiles count the writes sent; the longest"
                + " write and the longest time without a completed write are what show a blocked table). A write"
                + " counts in the migration's figures when it was under way at any moment of it. %d s of"
                + " the load alone (the baseline), then the migration through the engine in-process, then %d s"
                + " more. The column gets `case s3_bucket when ... end`, as V19 filled it.%n%n", impact.rows(),
                tableSize, impact.threads(), impact.opsPerSecond(), impact.baselineSeconds(),
                Math.max(3, impact.baselineSeconds() / 2)));

        List<Verdict> verdicts = verdicts(naive, backfill, killed);
        text.append("### Targets\n\n| target | measured | verdict |\n|---|---|---|\n");
        verdicts.forEach(v -> text.append("| ").append(v.target()).append(" | ").append(v.measured()).append(" | **")
                .append(v.status()).append("** |\n"));
        List<Verdict> missed = verdicts.stream().filter(v -> !Boolean.TRUE.equals(v.met())).toList();
        if (!missed.isEmpty()) {
            text.append("\nWhere a target was missed, why, and what would fix it:\n\n");
            missed.forEach(v -> text.append("- ").append(v.target()).append(": ").append(v.note()).append('\n'));
        }

        text.append("\n### Both ways, side by side\n\n| | single UPDATE (V19's way) | backfill |\n|---|---|---|\n");
        row(text, "migration", naive.migration(), backfill.migration());
        Window nb = naive.baseline();
        Window bb = backfill.baseline();
        Window nd = naive.during();
        Window bd = backfill.during();
        row(text, "baseline: writes, p50 / p99 / max", window(nb), window(bb));
        row(text, "during the migration: writes under way (failed)", nd.ops() + " (" + nd.failed() + ")",
                bd.ops() + " (" + bd.failed() + ")");
        row(text, "during: p50", ms(nd.p50()), ms(bd.p50()));
        row(text, "during: p99", ms(nd.p99()) + " (" + ratio(nd.p99() / nb.p99()) + " baseline)",
                ms(bd.p99()) + " (" + ratio(bd.p99() / bb.p99()) + " baseline)");
        row(text, "p99 of the INSERTs, baseline / during", ms(naive.baseline(true).p99()) + " / "
                + ms(naive.during(true).p99()), ms(backfill.baseline(true).p99()) + " / "
                + ms(backfill.during(true).p99()));
        row(text, "p99 of the UPDATEs, baseline / during", ms(naive.baseline(false).p99()) + " / "
                + ms(naive.during(false).p99()), ms(backfill.baseline(false).p99()) + " / "
                + ms(backfill.during(false).p99()));
        row(text, "during: longest write", ms(nd.max()), ms(bd.max()));
        row(text, "during: longest time without a completed write", ms(naive.longestGapMillis()),
                ms(backfill.longestGapMillis()));
        row(text, "after: writes, p50 / p99 / max", window(naive.after()), window(backfill.after()));
        row(text, "failed writes, whole run", failed(naive), failed(backfill));
        row(text, "migration time", seconds(naive.migrationSeconds()), seconds(backfill.migrationSeconds()));
        row(text, "rows filled per second", perSecond(naive), perSecond(backfill));
        row(text, "WAL written during the migration", bytes(naive.walBytes()) + " (the load alone: "
                + bytes((long) naive.baselineWalPerSecond()) + "/s)", bytes(backfill.walBytes())
                + " (the load alone: " + bytes((long) backfill.baselineWalPerSecond()) + "/s)");
        row(text, "rows of the table before the migration with a wrong value after it", naive.wrongRows() + "",
                backfill.wrongRows() + "");
        text.append("\nThe backfill's own last line: `").append(backfill.backfillLine().strip()).append("`\n\n");
        text.append("![Write latency over time, the single UPDATE above and the backfill below](").append(CHART)
                .append(")\n\n");

        text.append("### Killed with SIGKILL in the middle, then resumed\n\n");
        text.append("The backfill (V3, after V2 applied in-process) in a JVM of its own, as a deploy job runs it,")
                .append(" without the load; killed with `destroyForcibly` at a random moment after it printed its")
                .append(" `rows to walk` line; then `migrate` in-process. The table's `n_tup_upd` counts every row")
                .append(" update attempted, the rolled-back ones too: beyond one per row, those are the rows of the")
                .append(" batch the kill interrupted.\n\n| | |\n|---|---|\n");
        row2(text, "killed after", seconds(killed.killedAfterSeconds()) + " of backfilling");
        row2(text, "rows done before the kill (recorded)", String.format(Locale.ROOT, "%,d of %,d in %,d"
                + " committed batches (the last %,d rows)", killed.rowsDoneBeforeKill(), killed.rowsTotal(),
                killed.batchesBeforeKill(), killed.batchSizeBeforeKill()));
        row2(text, "rows filled after the kill, against the rows the record says it updated", String.format(
                Locale.ROOT, "%,d against %,d", killed.filledAfterKill(), killed.rowsUpdatedBeforeKill()));
        row2(text, "history rows for V3 after the kill", killed.historyRowsAfterKill() + "");
        row2(text, "resumed", "`" + killed.resumedLine().strip() + "`");
        row2(text, "the resumed run", seconds(killed.resumeSeconds()) + "; `" + killed.finalLine().strip() + "`");
        row2(text, "rows walked in all, both runs", String.format(Locale.ROOT, "%,d (%,d walked twice)",
                killed.rowsWalkedInAll(), killed.rowsWalkedTwice()));
        row2(text, "row updates attempted in all", String.format(Locale.ROOT, "%,d for %,d rows: %,d rolled back"
                + " with the interrupted batch", killed.updatesAttempted(), killed.rowsTotal(),
                killed.rowsRolledBack()));
        row2(text, "batches redone", killed.batchesRedone() + (killed.rowsRolledBack() > 0
                ? " (the batch in flight at the kill, rolled back by the server)"
                : killed.batchesRedone() == 0 ? " (the kill fell between two batches' updates)" : ""));
        row2(text, "rows checked one by one after the resume, wrong", String.format(Locale.ROOT, "%,d of %,d",
                killed.wrongRows(), killed.rowsTotal()));

        text.append("\n### The price of safety\n\n").append(price(naive, backfill)).append("\n\n");
        text.append(howToRun());
        return text.toString();
    }

    private List<Verdict> verdicts(WayRun naive, WayRun backfill, KillRun killed) {
        List<Verdict> verdicts = new ArrayList<>();
        Window base = backfill.baseline();
        Window during = backfill.during();
        double ratio = during.p99() / base.p99();
        verdicts.add(new Verdict("backfill: the application's p99 write latency during the migration at most "
                + (int) P99_RATIO + " x its baseline p99", ms(during.p99()) + " against " + ms(base.p99()) + " ("
                + ratio(ratio) + "); the single UPDATE: " + ms(naive.during().p99()) + " against "
                + ms(naive.baseline().p99()), ratio <= P99_RATIO, p99Note(backfill)));
        double longest = Math.max(during.max(), backfill.longestGapMillis());
        verdicts.add(new Verdict(String.format(Locale.ROOT, "backfill: no write stalls over 1 s on %,d rows",
                settings.impact().rows()), "longest write " + ms(during.max()) + ", longest time without a"
                + " completed write " + ms(backfill.longestGapMillis()) + "; the single UPDATE: "
                + ms(naive.during().max()) + " and " + ms(naive.longestGapMillis()), longest <= STALL_MILLIS,
                "A write waited over a second: the chart shows when; a batch holds its rows' locks until it"
                        + " commits, and the lock timeout (500 ms) bounds how long the backfill waits, not how"
                        + " long the application does."));
        verdicts.add(new Verdict("backfill: completes under the constant write load", String.format(Locale.ROOT,
                "finished in %s (%s) under %d writes/s, %d writes failed during it, %,d rows of the fixed range"
                        + " wrong after", seconds(backfill.migrationSeconds()), perSecond(backfill),
                settings.impact().opsPerSecond(), during.failed(), backfill.wrongRows()),
                backfill.wrongRows() == 0 && during.failed() == 0,
                "The migration returned, but rows or writes went wrong: see the figures below."));
        boolean resumed = killed.batchesRedone() <= 1 && killed.wrongRows() == 0
                && killed.filledAfterKill() == killed.rowsUpdatedBeforeKill() && killed.historyRowsAfterKill() == 0;
        verdicts.add(new Verdict("after a SIGKILL mid-backfill: resumes with at most one batch redone, every row"
                + " right", String.format(Locale.ROOT, "%d batch%s redone (%,d rows rolled back, %,d walked twice),"
                + " %,d of %,d rows wrong", killed.batchesRedone(), killed.batchesRedone() == 1 ? "" : "es",
                killed.rowsRolledBack(), killed.rowsWalkedTwice(), killed.wrongRows(), killed.rowsTotal()),
                resumed, "The record and the data disagree after the kill, or the resumed run walked committed"
                        + " rows again: see the table of the killed run."));
        return verdicts;
    }

    private static String p99Note(WayRun backfill) {
        Window base = backfill.baseline();
        long slower = backfill.ops().stream().filter(op -> op.endNanos() > backfill.migrationStart()
                && op.startNanos() < backfill.migrationEnd() && op.latencyNanos() / 1e6 > 2 * base.p99()).count();
        return String.format(Locale.ROOT, "%,d of the %,d writes under way during the backfill took over twice the"
                + " baseline p99 (%s). The INSERTs, which touch no row a batch locks, went from a p99 of %s to %s,"
                + " the UPDATEs from %s to %s: the cost is the share of the machine's %d cores the batches take (one"
                + " session rewriting rows, their index entries and WAL at full speed), more than waits on the"
                + " rows of the batch in flight. A ceiling on the backfill's rate (Backfill.maxRowsPerSecond)"
                + " trades backfill time for latency; smaller batches alone did not meet the target (see \"Backfill pacing against"
                + " write latency\" below).", slower, backfill.during().ops(), ms(2 * base.p99()),
                ms(backfill.baseline(true).p99()), ms(backfill.during(true).p99()),
                ms(backfill.baseline(false).p99()), ms(backfill.during(false).p99()),
                Runtime.getRuntime().availableProcessors());
    }

    private static String price(WayRun naive, WayRun backfill) {
        double times = backfill.migrationSeconds() / naive.migrationSeconds();
        return String.format(Locale.ROOT, "The backfill took %s against %s for the single UPDATE (%s), and wrote %s"
                + " of WAL against %s. What that buys: the single UPDATE holds the ADD COLUMN's ACCESS EXCLUSIVE"
                + " lock until its last row, so every write to the table waits for all of it (here %s without a"
                + " completed write), while the backfill's batches are short transactions that lock only their own"
                + " rows, commit every %s or so and can be killed and resumed. The extra time is mostly the rest"
                + " between batches (by default twice each batch's time: the backfill works a third of the time and"
                + " leaves the server to the application the rest), then the batching (per batch a keyset lookup, a"
                + " check for waiting sessions, a progress row and a commit), the pauses when a write waited on a"
                + " batch's rows, and the machine shared with the application's writes, which the single UPDATE holds"
                + " off while it runs.",
                seconds(backfill.migrationSeconds()), seconds(naive.migrationSeconds()), ratio(times),
                bytes(backfill.walBytes()), bytes(naive.walBytes()), ms(naive.longestGapMillis()),
                ms(ai.demeter.migrations.api.Backfill.DEFAULT_TARGET_BATCH_TIME.toMillis()));
    }

    private static String howToRun() {
        return """
                ### How to run the impact section

                ```sh
                %s   # about 3 min after the build
                ```

                Not part of a default benchmark run (name it in `bench.sections`, alone or with others). It writes
                this part of the file (between the `impact` markers) and `docs/backfill-latency.svg` when it runs at
                the documented size (not quick, `bench.impact.rows` at its default); otherwise both go to
                `demeter-bench/target/bench`. Its settings (system properties; blank means the default):

                | property | default | quick | what |
                |---|---|---|---|
                | `bench.impact.rows` | 1,000,000 | 200,000 | rows in `s3_images` before the migration |
                | `bench.impact.threads` | 4 | 4 | the application's client threads |
                | `bench.impact.rate` | 200 | 200 | their writes per second, all together |
                | `bench.impact.baseline` | 15 | 10 | seconds of the load alone before the migration (half as long after it) |

                """.formatted(COMMAND);
    }

    private static void row(StringBuilder text, String label, String naive, String backfill) {
        text.append("| ").append(label).append(" | ").append(naive).append(" | ").append(backfill).append(" |\n");
    }

    private static void row2(StringBuilder text, String label, String value) {
        text.append("| ").append(label).append(" | ").append(value).append(" |\n");
    }

    private static String window(Window window) {
        return window.ops() + ", " + ms(window.p50()) + " / " + ms(window.p99()) + " / " + ms(window.max());
    }

    private static String failed(WayRun run) {
        return String.valueOf(run.ops().stream().filter(WriteLoad.Op::failed).count());
    }

    private static String perSecond(WayRun run) {
        return String.format(Locale.ROOT, "%,.0f rows/s", run.rowsFilled() / run.migrationSeconds());
    }

    static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "-";
        }
        return millis >= 1000 ? String.format(Locale.ROOT, "%.2f s", millis / 1000) : Timings.millis(millis);
    }

    private static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }

    private static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2f x", ratio);
    }

    private static String bytes(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30))
                : bytes >= 1L << 20 ? String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20))
                : String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }

    private static boolean busy(String load, int cores) {
        try {
            return Double.parseDouble(load.split(" ")[0]) > cores;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
