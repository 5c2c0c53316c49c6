package ai.demeter.migrations.engine;

import java.util.Locale;

/**
 * A migration as the code defines it.
 *
 * @param checksum what Flyway stores for it: for a Demeter migration the CRC32 of the SQL its up renders; null
 *                 when the migration has none
 */
public record CodeMigration(String version, String description, Integer checksum) {

    /** The checksum as eight hex digits, or {@code -} when there is none. */
    public String checksumText() {
        return checksum == null ? "-" : String.format(Locale.ROOT, "%08x", checksum);
    }
}
