package ai.demeter.migrations.engine;

import java.time.OffsetDateTime;

/**
 * One line of {@code history}: a migration that is applied, pending, baselined, missing from the code, or was
 * rolled back.
 *
 * @param when        installed on (applied) or rolled back at; {@code null} for pending
 * @param who         the database user that installed or rolled back
 * @param reversible  {@code null} when there is no code to ask
 * @param checksum    "ok", "changed", or "-" when there is nothing to compare
 */
public record HistoryEntry(String version, String description, String state, OffsetDateTime when, String who,
        Integer durationMillis, Boolean reversible, String checksum) {
}
