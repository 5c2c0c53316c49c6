package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.DemeterException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Which migrations an offline script covers, and in which direction: up from {@code from} (exclusive; {@code base}
 * by default) to {@code to} (inclusive; {@code head} by default), or down from {@code from} (inclusive;
 * {@code head}) to {@code to} (exclusive; {@code base}), as {@code alembic upgrade a:b --sql} and
 * {@code downgrade b:a --sql} do.
 *
 * @param from a version, or null for the direction's default
 * @param to   a version, or null for the direction's default
 */
public record ScriptRange(Direction direction, String from, String to) {

    public enum Direction {
        UP, DOWN
    }

    /** From the goal's text: {@code direction} up or down; {@code from}/{@code to} a version, base, head or empty. */
    public static ScriptRange parse(String direction, String from, String to) {
        Direction parsed;
        try {
            parsed = Direction.valueOf((direction == null ? "up" : direction.strip()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DemeterException.userMistake("demeter.direction=" + direction + " is neither up nor down.");
        }
        return new ScriptRange(parsed, keyword(from, parsed == Direction.UP ? "base" : "head"),
                keyword(to, parsed == Direction.UP ? "head" : "base"));
    }

    private static String keyword(String value, String whenAbsent) {
        String text = value == null || value.isBlank() ? whenAbsent : value.strip();
        if (text.equals("base") || text.equals("head")) {
            return text.equals(whenAbsent) ? null : text;
        }
        if (!MigrateTarget.VERSION.matcher(text).matches()) {
            throw DemeterException.userMistake("'" + text + "' is not a version such as 7, nor base or head.");
        }
        return text;
    }

    /** The migrations the script runs, in the order it runs them. */
    List<CodeMigration> select(List<CodeMigration> migrations) {
        MigrationVersion low = bound(direction == Direction.UP ? from : to, migrations, MigrationVersion.EMPTY);
        MigrationVersion high = bound(direction == Direction.UP ? to : from, migrations, MigrationVersion.LATEST);
        if (low.compareTo(high) > 0) {
            throw DemeterException.userMistake("The range " + describe() + " is empty the wrong way round: going "
                    + direction.name().toLowerCase(Locale.ROOT) + ", from must be "
                    + (direction == Direction.UP ? "below" : "above") + " to.");
        }
        List<CodeMigration> selected = new ArrayList<>(migrations.stream()
                .filter(m -> m.version().compareTo(low) > 0 && m.version().compareTo(high) <= 0)
                .toList());
        if (direction == Direction.DOWN) {
            Collections.reverse(selected);
        }
        return List.copyOf(selected);
    }

    /** How the range reads in the script's header: {@code up from base to head}. */
    public String describe() {
        return direction.name().toLowerCase(Locale.ROOT) + " from "
                + (from != null ? from : direction == Direction.UP ? "base" : "head") + " to "
                + (to != null ? to : direction == Direction.UP ? "head" : "base");
    }

    private static MigrationVersion bound(String version, List<CodeMigration> migrations,
            MigrationVersion whenAbsent) {
        if (version == null) {
            return whenAbsent;
        }
        if (version.equals("base")) {
            return MigrationVersion.EMPTY;
        }
        if (version.equals("head")) {
            return MigrationVersion.LATEST;
        }
        MigrationVersion parsed = MigrationVersion.fromVersion(version);
        if (migrations.stream().noneMatch(m -> m.version().equals(parsed))) {
            throw DemeterException.userMistake("Version " + version + " is not a migration in the code. Known: "
                    + String.join(", ", migrations.stream().map(m -> "V" + m.version().getVersion()).toList())
                    + ".");
        }
        return parsed;
    }
}
