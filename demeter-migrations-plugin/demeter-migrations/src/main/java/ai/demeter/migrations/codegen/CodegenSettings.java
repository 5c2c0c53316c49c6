package ai.demeter.migrations.codegen;

import ai.demeter.migrations.database.DatabaseProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.jooq.meta.jaxb.Generator;

/**
 * What one code generation needs.
 *
 * @param provider      where the throwaway database comes from; asked only when the code must be generated, so an
 *                      up-to-date run neither starts nor even looks for a database
 * @param migrations    sees the migration classes (and, through its parent, Demeter's API)
 * @param migrationModule the class path entries of the module holding the migrations, when it is part of the
 *                      project: fingerprinted whole, so an edited helper the migrations call regenerates too
 * @param locations     Flyway locations of the migrations
 * @param generator     jOOQ's {@code <generator>} as the user wrote it; may be null or partial
 * @param explicitPaths the settings written in the user's {@code <generator>}, as paths relative to it
 *                      ({@code database/includeRoutines}); see {@link CodegenDefaults}
 * @param defaults      Demeter's defaults: package, output directory
 * @param pluginVersion Demeter's version, part of the fingerprint
 * @param force         regenerate even when the fingerprint matches
 * @param jooqDebug     let jOOQ's generator log at debug level (otherwise warnings only)
 */
public record CodegenSettings(Supplier<DatabaseProvider> provider, ClassLoader migrations, List<Path> migrationModule,
        List<String> locations,
        Generator generator, Set<String> explicitPaths, CodegenDefaults defaults, String pluginVersion, boolean force,
        boolean jooqDebug) {

    public CodegenSettings {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(migrations, "migrations");
        Objects.requireNonNull(defaults, "defaults");
        migrationModule = List.copyOf(migrationModule);
        locations = List.copyOf(locations);
        explicitPaths = explicitPaths == null ? Set.of() : Set.copyOf(explicitPaths);
    }
}
