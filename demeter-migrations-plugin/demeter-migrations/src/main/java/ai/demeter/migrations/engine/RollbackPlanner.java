package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.DemeterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Builds and checks a rollback plan before any SQL runs. Only the newest applied migrations can be undone, in
 * order (undoing an older one under a newer one would leave Flyway with a hole it refuses to migrate over).
 * Every reason the plan cannot run is collected and reported at once.
 */
final class RollbackPlanner {
    private RollbackPlanner() {
    }

    /** @param applied the applied history, oldest first */
    public static RollbackPlan plan(List<AppliedMigration> applied, RollbackRequest request) {
        if (applied.isEmpty()) {
            throw DemeterException.userMistake("Nothing to roll back: no migration is applied (the database is at base).");
        }
        int count = stepCount(applied, request);
        List<AppliedMigration> steps = new ArrayList<>();
        for (int i = applied.size() - 1; i >= applied.size() - count; i--) {
            steps.add(applied.get(i));
        }
        List<String> problems = new ArrayList<>();
        for (AppliedMigration step : steps) {
            problem(step).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw DemeterException.userMistake("Cannot roll back: " + String.join("\n", problems)
                    + "\nNothing was changed.");
        }
        int remaining = applied.size() - count;
        return new RollbackPlan(steps, remaining == 0 ? null : applied.get(remaining - 1).version());
    }

    private static int stepCount(List<AppliedMigration> applied, RollbackRequest request) {
        Optional<AppliedMigration> baseline = applied.stream().filter(m -> m.kind() == AppliedMigration.Kind.BASELINE).findFirst();
        int undoable = baseline.map(b -> applied.size() - 1 - applied.indexOf(b)).orElse(applied.size());
        String newest = applied.get(applied.size() - 1).version();
        if (request instanceof RollbackRequest.Steps steps) {
            if (steps.count() > undoable) {
                throw DemeterException.userMistake(baseline.isPresent()
                        ? belowBaseline(baseline.get(), "roll back " + steps.count()
                                + (steps.count() == 1 ? " migration" : " migrations"))
                        : "Cannot roll back " + steps.count() + " migrations: only " + applied.size()
                                + " are applied (V" + applied.get(0).version() + " to V" + newest
                                + "). Use demeter.target=base to undo them all. Nothing was changed.");
            }
            return steps.count();
        }
        if (request instanceof RollbackRequest.ToVersion target) {
            MigrationVersion wanted = MigrationVersion.fromVersion(target.version());
            for (int i = applied.size() - 1; i >= 0; i--) {
                if (MigrationVersion.fromVersion(applied.get(i).version()).equals(wanted)) {
                    return applied.size() - 1 - i;
                }
            }
            throw DemeterException.userMistake("demeter.target=" + target.version() + " is not an applied version, so"
                    + " the database cannot end there. Applied: " + String.join(", ",
                            applied.stream().map(m -> "V" + m.version()).toList())
                    + ". Use one of them, or base. Nothing was changed.");
        }
        if (baseline.isPresent()) {
            throw DemeterException.userMistake(belowBaseline(baseline.get(), "roll back to base"));
        }
        return applied.size();
    }

    private static String belowBaseline(AppliedMigration baseline, String asked) {
        return "Cannot " + asked + ": the database was baselined at V" + baseline.version()
                + " (" + baseline.description() + "), and what it holds below that was never applied by a migration"
                + " Demeter can undo. The lowest reachable target is demeter.target=" + baseline.version()
                + ". A database the Alembic chain built can be adopted with rollback kept (demeter:adopt) instead of"
                + " baselined. Nothing was changed.";
    }

    private static Optional<String> problem(AppliedMigration step) {
        return switch (step.kind()) {
            case MISSING -> Optional.of(step.label() + " is applied but its class is not in the code any more."
                    + " Restore the class (git history has it) to roll it back.");
            case FOREIGN -> Optional.of(step.label() + " is not a DemeterMigration (an SQL or plain Flyway"
                    + " migration), so Demeter has no down for it. Undo it by hand, or port it to a DemeterMigration.");
            case BASELINE -> Optional.of(step.label() + " is the baseline.");
            case DEMETER -> step.migration().irreversibilityReason();
        };
    }
}
