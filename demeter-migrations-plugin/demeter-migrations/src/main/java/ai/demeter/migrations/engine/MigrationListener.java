package ai.demeter.migrations.engine;

import java.time.Duration;

/**
 * How the engine reports what it does. One adapter maps it to Maven's log; tests record it.
 * Levels have one audience each: {@link #info} one line per migration and a summary, {@link #debug} SQL and
 * configuration, {@link #warn} anything destructive or surprising.
 */
public interface MigrationListener {

    void info(String message);

    void warn(String message);

    void debug(String message);

    /** A migration finished; {@code direction} is "up" or "down". */
    default void migrationFinished(String direction, String version, String description, Duration duration) {
        info(String.format("%-4s V%-4s %-48s %s", direction, version, description, Durations.format(duration)));
    }

    /** Discards everything; for callers that only want results. */
    MigrationListener SILENT = new MigrationListener() {
        public void info(String message) {
        }

        public void warn(String message) {
        }

        public void debug(String message) {
        }
    };
}
