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

    /**
     * The one line {@code current} prints in every shell, e.g. {@code Current: version 18 (add s3 images image data),
     * 2 pending: V19, V20.}
     */
    public String summary() {
        String at = atBase() ? "base (no migration applied)" : "version " + currentVersion + " (" + currentDescription + ")";
        String waiting = pending.isEmpty() ? "up to date"
                : pending.size() + " pending: " + String.join(", ", pending.stream().map(p -> "V" + p.version()).toList());
        return "Current: " + at + ", " + waiting + ".";
    }
}
