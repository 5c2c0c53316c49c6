package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.DemeterMigration;

/**
 * One row of the applied history as a rollback sees it, with the code that can undo it when there is any.
 *
 * @param migration the migration's class instance; {@code null} when {@link #kind} is not {@link Kind#DEMETER}
 */
public record AppliedMigration(String version, String description, Kind kind, DemeterMigration migration) {

    /** What stands behind an applied row. */
    public enum Kind {
        /** A {@link DemeterMigration} present in the code. */
        DEMETER,
        /** The row Flyway's baseline wrote: nothing below it was ever run by us. */
        BASELINE,
        /** Applied, but its class is no longer in the code. */
        MISSING,
        /** Applied from code that is not a DemeterMigration (SQL, plain Flyway Java). */
        FOREIGN
    }

    public String label() {
        return "V" + version + " (" + description + ")";
    }
}
