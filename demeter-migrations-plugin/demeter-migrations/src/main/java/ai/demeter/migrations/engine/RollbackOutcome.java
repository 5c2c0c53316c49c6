package ai.demeter.migrations.engine;

import java.time.Duration;
import java.util.Optional;

/** What a rollback did: the plan it carried out (or would have, on a dry run) and how long it took. */
public record RollbackOutcome(RollbackPlan plan, boolean dryRun, Duration duration) {

    /**
     * The line every shell prints after a rollback that changed the database, e.g. {@code Rolled back 2 migrations in
     * 0.3 s; the database is now at version 18.} Empty after a dry run or when there was nothing to undo: the engine
     * has already said so.
     */
    public Optional<String> summary() {
        if (dryRun || plan.isEmpty()) {
            return Optional.empty();
        }
        int undone = plan.steps().size();
        String version = plan.resultingVersion() == null ? "base" : "version " + plan.resultingVersion();
        return Optional.of("Rolled back " + undone + (undone == 1 ? " migration" : " migrations") + " in "
                + Durations.format(duration) + "; the database is now at " + version + ".");
    }
}
