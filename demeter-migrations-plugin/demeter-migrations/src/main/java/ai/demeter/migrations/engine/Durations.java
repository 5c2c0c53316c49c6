package ai.demeter.migrations.engine;

import java.time.Duration;
import java.util.Locale;

/** Durations as the log prints them: milliseconds below a second, seconds with one decimal above. */
public final class Durations {
    private Durations() {
    }

    public static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
