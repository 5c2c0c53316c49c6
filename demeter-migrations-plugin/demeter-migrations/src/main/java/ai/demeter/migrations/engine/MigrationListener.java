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
        info(stepLine(direction, version, description, duration));
    }

    /** The line a finished migration prints: {@code up   V7    create products    12 ms}. */
    static String stepLine(String direction, String version, String description, Duration duration) {
        return String.format("%-4s V%-4s %-48s %s", direction, version, description, Durations.format(duration));
    }

    /**
     * This listener with the one line per migration at debug level, for a step whose own summary is what matters
     * (code generation's migrate of a throwaway database).
     */
    default MigrationListener withMigrationsAtDebug() {
        MigrationListener outer = this;
        return new MigrationListener() {
            public void info(String message) {
                outer.info(message);
            }

            public void warn(String message) {
                outer.warn(message);
            }

            public void debug(String message) {
                outer.debug(message);
            }

            @Override
            public void migrationFinished(String direction, String version, String description, Duration duration) {
                outer.debug(stepLine(direction, version, description, duration));
            }
        };
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
