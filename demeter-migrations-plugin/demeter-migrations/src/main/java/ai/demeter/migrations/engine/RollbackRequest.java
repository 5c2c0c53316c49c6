package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.DemeterException;

/**
 * What a rollback should undo: the newest N applied migrations ({@code demeter.steps}, or {@code -N} as target),
 * everything above a version, or everything ({@code base}).
 */
public sealed interface RollbackRequest {

    record Steps(int count) implements RollbackRequest {
    }

    record ToVersion(String version) implements RollbackRequest {
    }

    record ToBase() implements RollbackRequest {
    }

    /** Reads {@code demeter.steps} and {@code demeter.target}; at most one may be given, none means one step. */
    static RollbackRequest parse(String steps, String target) {
        boolean hasSteps = steps != null && !steps.isBlank();
        boolean hasTarget = target != null && !target.isBlank();
        if (hasSteps && hasTarget) {
            throw DemeterException.userMistake("Both demeter.steps=" + steps.strip() + " and demeter.target="
                    + target.strip() + " are given, and they could disagree. Give one: demeter.steps=N undoes the"
                    + " newest N migrations, demeter.target=<version>|base|-N undoes down to a point.");
        }
        if (hasTarget) {
            String value = target.strip();
            if (value.equalsIgnoreCase("base")) {
                return new ToBase();
            }
            if (value.startsWith("-")) {
                return new Steps(positive(value.substring(1), "demeter.target=" + value));
            }
            String version = value.startsWith("V") || value.startsWith("v") ? value.substring(1) : value;
            if (MigrateTarget.VERSION.matcher(version).matches()) {
                return new ToVersion(version);
            }
            throw DemeterException.userMistake("demeter.target=" + value + " is not a rollback target. Use a version"
                    + " (the database ends at that version), base (undo everything), or -N (undo the newest N).");
        }
        return new Steps(hasSteps ? positive(steps.strip(), "demeter.steps=" + steps.strip()) : 1);
    }

    private static int positive(String number, String setting) {
        try {
            int count = Integer.parseInt(number);
            if (count > 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw DemeterException.userMistake(setting + " is not a positive number of migrations to undo.");
    }
}
