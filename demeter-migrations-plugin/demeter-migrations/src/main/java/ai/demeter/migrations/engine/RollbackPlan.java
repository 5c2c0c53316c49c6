package ai.demeter.migrations.engine;

import java.util.List;

/**
 * The migrations a rollback undoes, newest first, and the version the database ends at ({@code null}: base).
 * A plan exists only when every step can be undone; see {@link RollbackPlanner}.
 */
public record RollbackPlan(List<AppliedMigration> steps, String resultingVersion) {

    public RollbackPlan {
        steps = List.copyOf(steps);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    public String describe() {
        if (steps.isEmpty()) {
            return "nothing to undo";
        }
        return "undo " + String.join(", ", steps.stream().map(step -> "V" + step.version()).toList())
                + ", ending at " + (resultingVersion == null ? "base" : "version " + resultingVersion);
    }
}
