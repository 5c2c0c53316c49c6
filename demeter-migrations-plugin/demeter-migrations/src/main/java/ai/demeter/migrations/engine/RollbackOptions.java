package ai.demeter.migrations.engine;

import java.time.Duration;

/**
 * How a rollback runs.
 *
 * @param dryRun      print the plan and its SQL, change nothing
 * @param confirm     the database name the user typed to allow a rollback on a server not on this machine
 * @param lockTimeout how long to wait for Flyway's lock held by someone else before giving up
 */
public record RollbackOptions(boolean dryRun, String confirm, Duration lockTimeout) {
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(60);

    public static RollbackOptions defaults() {
        return new RollbackOptions(false, null, DEFAULT_LOCK_TIMEOUT);
    }
}
