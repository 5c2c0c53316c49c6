package ai.demeter.migrations.engine;

import ai.demeter.migrations.database.DatabaseProvider;
import ai.demeter.migrations.database.DatabaseTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What {@link SchemaVerification} checks and where.
 *
 * @param provider      where the throwaway database comes from; asked only when verification starts
 * @param classLoader   sees the migration classes
 * @param locations     Flyway locations of the migrations
 * @param schema        the schema the migrations build and Flyway's history table lives in
 * @param historyTable  Flyway's history table (left out of the snapshots, as is Demeter's rollback journal)
 * @param from          the first version to take up, down and up again; older ones are only migrated. Null: all
 * @param checksumFile  the committed checksum file, or null not to check one
 * @param schemaListing the committed schema listing, or null not to check one
 * @param diagram       the committed entity-relationship diagram, or null not to check one
 * @param projectRoot   what file names in messages are relative to
 * @param update        write the checksums of new migrations and the schema documents instead of failing on them
 * @param release       mark every migration as shipped in this release in the checksum file; null marks none
 * @param compatFrom    the version the running release's schema is at, for the compatibility check; null: the
 *                      checksum file's last release line
 * @param lockProfile   the committed lock profile (Markdown), or null not to check one
 * @param strictColumnOrder fail a round trip whose down restores every column but not in the same place (today a
 *                      down cannot add a column anywhere but at the end); otherwise that is reported as information
 * @param statsFrom     a database whose table sizes hazards are shown with (only {@code pg_class} is read), or null
 */
public record VerifySettings(Supplier<DatabaseProvider> provider, ClassLoader classLoader, List<String> locations,
        String schema, String historyTable, String from, Path checksumFile, Path schemaListing, Path diagram,
        Path projectRoot, boolean update, String release, String compatFrom, Path lockProfile,
        DatabaseTarget statsFrom, boolean strictColumnOrder) {

    public VerifySettings {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(classLoader, "classLoader");
        locations = List.copyOf(locations);
        Objects.requireNonNull(projectRoot, "projectRoot");
    }

    /** Settings that report column order as information. */
    public VerifySettings(Supplier<DatabaseProvider> provider, ClassLoader classLoader, List<String> locations,
            String schema, String historyTable, String from, Path checksumFile, Path schemaListing, Path diagram,
            Path projectRoot, boolean update, String release, String compatFrom, Path lockProfile,
            DatabaseTarget statsFrom) {
        this(provider, classLoader, locations, schema, historyTable, from, checksumFile, schemaListing, diagram,
                projectRoot, update, release, compatFrom, lockProfile, statsFrom, false);
    }

    /** These settings, failing on column order or not. */
    public VerifySettings withStrictColumnOrder(boolean strict) {
        return new VerifySettings(provider, classLoader, locations, schema, historyTable, from, checksumFile,
                schemaListing, diagram, projectRoot, update, release, compatFrom, lockProfile, statsFrom, strict);
    }
}
