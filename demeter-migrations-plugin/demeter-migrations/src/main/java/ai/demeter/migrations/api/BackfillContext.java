package ai.demeter.migrations.api;

import ai.demeter.migrations.internal.ThreadScoped;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What the engine tells the backfills of the migrations it runs on this thread: the schema that keeps their progress
 * (the history table's), where progress lines go and how often. Without one, a backfill keeps its progress in the
 * connection's current schema and reports nothing. Migration code never uses this.
 *
 * @param progressSchema the schema of {@link BackfillProgress#TABLE}; null for the connection's current schema
 * @param report         receives the progress lines, the pauses and the final line of each backfill
 * @param interval       the time between two progress lines
 */
public record BackfillContext(String progressSchema, Consumer<String> report, Duration interval) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    static final BackfillContext SILENT = new BackfillContext(null, line -> { }, DEFAULT_INTERVAL);

    private static final ThreadScoped<BackfillContext> CURRENT = new ThreadScoped<>();

    public BackfillContext {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(interval, "interval");
    }

    /** Runs {@code body} with {@code context} given to the backfills it runs on this thread. */
    public static void during(BackfillContext context, Runnable body) {
        CURRENT.during(context, body);
    }

    static BackfillContext current() {
        BackfillContext context = CURRENT.get();
        return context == null ? SILENT : context;
    }
}
