package ai.demeter.migrations.engine;

import java.util.List;

/**
 * Where a database stands: its current version ({@code null} at base) and the migrations not yet applied.
 */
public record DatabaseState(String currentVersion, String currentDescription, List<PendingMigration> pending) {

    public record PendingMigration(String version, String description) {
    }

    public DatabaseState {
        pending = List.copyOf(pending);
    }

    public boolean atBase() {
        return currentVersion == null;
    }
}
