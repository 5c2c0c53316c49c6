package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.DemeterException;
import java.util.regex.Pattern;

/**
 * How far {@code migrate} goes: {@code head} (every pending migration), a version ({@code 7}, {@code 1.2}),
 * or {@code +N} (the next N pending migrations).
 */
public sealed interface MigrateTarget {
    Pattern VERSION = Pattern.compile("\\d+(\\.\\d+)*");

    record Head() implements MigrateTarget {
    }

    record Version(String version) implements MigrateTarget {
    }

    record Relative(int steps) implements MigrateTarget {
    }

    static MigrateTarget parse(String text) {
        String value = text == null ? "head" : text.strip();
        if (value.isEmpty() || value.equalsIgnoreCase("head") || value.equalsIgnoreCase("latest")) {
            return new Head();
        }
        if (value.startsWith("+")) {
            try {
                int steps = Integer.parseInt(value.substring(1));
                if (steps > 0) {
                    return new Relative(steps);
                }
            } catch (NumberFormatException e) {
                // Falls through to the error below.
            }
        }
        String version = value.startsWith("V") || value.startsWith("v") ? value.substring(1) : value;
        if (VERSION.matcher(version).matches()) {
            return new Version(version);
        }
        throw DemeterException.userMistake("demeter.target=" + text + " is not a migrate target. Use head, a version"
                + " such as 7, or +N for the next N pending migrations.");
    }
}
