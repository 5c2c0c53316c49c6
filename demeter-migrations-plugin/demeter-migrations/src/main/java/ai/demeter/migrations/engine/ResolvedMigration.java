package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.DemeterMigration;
import org.flywaydb.core.api.MigrationVersion;

/**
 * A migration found in the code, as Flyway names it: {@code V7_1__add_bin_barcode} is version {@code 7.1},
 * description {@code add bin barcode}, script {@code db.migration.V7_1__add_bin_barcode}.
 */
public record ResolvedMigration(MigrationVersion version, String description, String script,
        DemeterMigration migration) {

    public String label() {
        return "V" + version.getVersion() + " " + description;
    }
}
