package ai.demeter.migrations.engine;

import java.time.Duration;

/** What a migrate did: how many migrations it applied, how long it took, and the version the database is now at. */
public record MigrateOutcome(int applied, Duration duration, String fromVersion, String toVersion, int stillPending) {
}
