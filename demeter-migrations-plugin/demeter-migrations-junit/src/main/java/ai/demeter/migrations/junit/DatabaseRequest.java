package ai.demeter.migrations.junit;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.engine.DatabaseState;
import ai.demeter.migrations.engine.EngineSettings;
import ai.demeter.migrations.engine.MigrateTarget;
import ai.demeter.migrations.engine.MigrationEngine;
import ai.demeter.migrations.engine.MigrationListener;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * What one {@link MigratedDatabase} asks for: migrations at {@code locations}, applied up to {@code version}
 * ({@code null} for head), or none at all ({@code base}).
 */
record DatabaseRequest(List<String> locations, String version, boolean base) {

    DatabaseRequest {
        locations = List.copyOf(locations);
    }

    static DatabaseRequest of(MigratedDatabase annotation, String where) {
        List<String> locations = Arrays.stream(annotation.locations()).map(String::strip).toList();
        if (locations.isEmpty() || locations.stream().anyMatch(String::isEmpty)) {
            throw new ExtensionConfigurationException("@MigratedDatabase(locations = "
                    + Arrays.toString(annotation.locations()) + ") on " + where + ": give at least one Flyway location,"
                    + " such as classpath:db/migration, and no empty ones.");
        }
        String version = annotation.version().strip();
        if (version.equalsIgnoreCase(MigratedDatabase.HEAD)) {
            return new DatabaseRequest(locations, null, false);
        }
        if (version.equalsIgnoreCase(MigratedDatabase.BASE)) {
            return new DatabaseRequest(locations, null, true);
        }
        String number = version.startsWith("V") || version.startsWith("v") ? version.substring(1) : version;
        if (!MigrateTarget.VERSION.matcher(number).matches()) {
            throw new ExtensionConfigurationException("@MigratedDatabase(version = \"" + annotation.version()
                    + "\") on " + where + " is not a version. Use \"head\", \"base\", or a migration's version such"
                    + " as \"17\".");
        }
        return new DatabaseRequest(locations, number, false);
    }

    /** The name of the template this request's databases are copied from: one per locations and version. */
    String template() {
        return String.join(",", locations) + " at " + describeVersion();
    }

    String describeVersion() {
        return base ? MigratedDatabase.BASE : version == null ? MigratedDatabase.HEAD : "V" + version;
    }

    /** An engine on {@code database} for these migrations, loaded by {@code classLoader}; it reports nothing. */
    MigrationEngine engine(DatabaseTarget database, ClassLoader classLoader) {
        return new MigrationEngine(new EngineSettings(database, classLoader, locations, EngineSettings.DEFAULT_SCHEMA,
                EngineSettings.DEFAULT_HISTORY_TABLE), MigrationListener.SILENT);
    }

    /** Migrates an empty database as requested: how a template is built. */
    void migrate(DatabaseTarget empty, ClassLoader classLoader) {
        MigrationEngine engine = engine(empty, classLoader);
        if (version == null) {
            engine.migrate(new MigrateTarget.Head());
            return;
        }
        List<String> known = engine.current().pending().stream().map(DatabaseState.PendingMigration::version).toList();
        if (!known.contains(version)) {
            throw DemeterException.userMistake("No migration at " + String.join(", ", locations) + " has version "
                    + version + (known.isEmpty() ? "; there are none." : "; there are V" + String.join(", V", known)
                    + ". Use one of these, or \"head\"."));
        }
        engine.migrate(new MigrateTarget.Version(version));
    }
}
