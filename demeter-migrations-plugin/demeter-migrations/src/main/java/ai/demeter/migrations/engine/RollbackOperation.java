package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.RenderedMigrations;
import ai.demeter.migrations.database.DatabaseTarget;
import java.time.Duration;

/**
 * A rollback: the plan built and checked completely from the applied history ({@link RollbackPlanner}), the guards,
 * then a dry run's listing of the plan and its SQL, or {@link RollbackRun}.
 */
final class RollbackOperation {
    private final EngineSettings settings;
    private final MigrationListener listener;
    private final HistoryReader history;
    private final Guards guards;

    RollbackOperation(EngineSettings settings, MigrationListener listener, HistoryReader history, Guards guards) {
        this.settings = settings;
        this.listener = listener;
        this.history = history;
        this.guards = guards;
    }

    RollbackPlan plan(RollbackRequest request) {
        return RollbackPlanner.plan(history.applied(), request);
    }

    RollbackOutcome run(RollbackRequest request, RollbackOptions options) {
        long started = System.nanoTime();
        guards.refuseUnconfirmedRollback(options);
        guards.refuseUnusableClasses("rolling back");
        RollbackPlan plan = plan(request);
        if (plan.isEmpty()) {
            listener.info("Nothing to roll back: the database is already at version " + plan.resultingVersion() + ".");
            return new RollbackOutcome(plan, options.dryRun(), Duration.ofNanos(System.nanoTime() - started));
        }
        guards.refuseUnsafeStatements("rolling back", plan.steps().stream()
                .map(step -> new Guards.Screened(step.label(), step.migration(), false)).toList());
        settings.checksums().keep(settings.classLoader(), listener); // the downs just rendered, for the next rollback
        if (options.dryRun()) {
            listener.info("Dry run: " + plan.describe() + ". Nothing is changed. The SQL:");
            for (AppliedMigration step : plan.steps()) {
                listener.info("-- down V" + step.version() + " " + step.description());
                RenderedMigrations.downOf(step.migration()).statements().forEach(sql -> listener.info(sql + ";"));
            }
            return new RollbackOutcome(plan, true, Duration.ofNanos(System.nanoTime() - started));
        }
        DatabaseTarget target = settings.target();
        listener.warn("Rolling back on " + target.hostAndPort() + "/" + target.databaseName() + ": " + plan.describe());
        new RollbackRun(settings, listener).execute(plan, options.lockTimeout());
        return new RollbackOutcome(plan, false, Duration.ofNanos(System.nanoTime() - started));
    }
}
