package ai.demeter.migrations.engine;

import java.time.Duration;

/** What a rollback did: the plan it carried out (or would have, on a dry run) and how long it took. */
public record RollbackOutcome(RollbackPlan plan, boolean dryRun, Duration duration) {
}
