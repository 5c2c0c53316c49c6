package ai.demeter.migrations.engine;

import java.time.Duration;

/** What a migrate did: how many migrations it applied, how long it took, and the version the database is now at. */
public record MigrateOutcome(int applied, Duration duration, String fromVersion, String toVersion, int stillPending) {

    /**
     * The line every shell prints after a migrate, e.g. {@code Applied 2 migrations in 0.3 s; the database is now at
     * version 20.} or {@code Nothing to migrate: the database is at version 20.}
     */
    public String summary() {
        String version = toVersion == null ? "base" : "version " + toVersion;
        String pending = stillPending == 0 ? "" : "; " + stillPending + " still pending";
        if (applied == 0) {
            return "Nothing to migrate: the database is at " + version + pending + ".";
        }
        return "Applied " + applied + (applied == 1 ? " migration" : " migrations") + " in "
                + Durations.format(duration) + "; the database is now at " + version + pending + ".";
    }
}
