package ai.demeter.migrations.codegen;

import ai.demeter.migrations.engine.BookkeepingTables;
import ai.demeter.migrations.engine.FlywayHistoryTable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.ForcedType;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Target;

/**
 * Demeter's defaults for jOOQ's {@code <generator>}, filled in wherever the user's configuration says nothing.
 * <p>
 * jOOQ's configuration objects start with jOOQ's own defaults (e.g. {@code includeRoutines=true}), so "the user
 * said nothing" cannot be read from the object alone. A setting counts as the user's when its path (relative to
 * {@code <generator>}, e.g. {@code database/includeRoutines}) is in {@code explicitPaths} (the elements written in
 * the POM), or when its value differs from jOOQ's own default. Everything else gets Demeter's default.
 *
 * @param packageName     target package unless {@code target/packageName} is the user's
 * @param outputDirectory target directory unless {@code target/directory} is the user's
 * @param baseDirectory   against which a relative user {@code target/directory} is resolved (the module's basedir)
 */
public record CodegenDefaults(String packageName, Path outputDirectory, Path baseDirectory) {

    /** PostGIS's own table and views, and Flyway's and Demeter's bookkeeping tables; none of them is application data. */
    public static final String EXCLUDES = String.join("|", Stream.concat(Stream.of("spatial_ref_sys",
            "geography_columns", "geometry_columns", "raster_columns", "raster_overviews"),
            BookkeepingTables.of(FlywayHistoryTable.DEFAULT_TABLE).stream()).toList());
    public static final String INPUT_SCHEMA = "public";
    /** jOOQ's {@code org.jooq.meta.postgres.PostgresDatabase}, by name: loading it costs time an up-to-date run saves. */
    public static final String POSTGRES_DATABASE = "org.jooq.meta.postgres.PostgresDatabase";
    public static final String GEOMETRY_USER_TYPE = "org.locationtech.jts.geom.Geometry";

    public CodegenDefaults {
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Objects.requireNonNull(baseDirectory, "baseDirectory");
    }

    /** A new configuration: the user's (never modified) with Demeter's defaults wherever the user gave none. */
    public Generator applyTo(Generator user, Set<String> explicitPaths) {
        Generator effective = user == null ? new Generator() : copy(user);
        Given given = new Given(explicitPaths);

        Database database = effective.getDatabase() == null ? new Database() : effective.getDatabase();
        effective.setDatabase(database);
        Database jooq = new Database();
        if (!given.is("database/name", database.getName(), jooq.getName())) {
            database.setName(POSTGRES_DATABASE);
        }
        boolean schemataGiven = !database.getSchemata().isEmpty();
        if (!given.is("database/inputSchema", database.getInputSchema(), jooq.getInputSchema()) && !schemataGiven) {
            database.setInputSchema(INPUT_SCHEMA);
        }
        if (!given.is("database/includes", database.getIncludes(), jooq.getIncludes())) {
            database.setIncludes(".*");
        }
        if (!given.is("database/excludes", database.getExcludes(), jooq.getExcludes())) {
            database.setExcludes(EXCLUDES);
        }
        if (!given.is("database/includeRoutines", database.isIncludeRoutines(), jooq.isIncludeRoutines())) {
            database.setIncludeRoutines(false);
        }
        if (!given.is("database/includeUDTs", database.isIncludeUDTs(), jooq.isIncludeUDTs())) {
            database.setIncludeUDTs(false);
        }
        if (!given.is("database/tableValuedFunctions", database.isTableValuedFunctions(),
                jooq.isTableValuedFunctions())) {
            database.setTableValuedFunctions(false);
        }

        Target target = effective.getTarget() == null ? new Target() : effective.getTarget();
        effective.setTarget(target);
        Target jooqTarget = new Target();
        if (!given.is("target/packageName", target.getPackageName(), jooqTarget.getPackageName())) {
            target.setPackageName(packageName);
        }
        if (!given.is("target/directory", target.getDirectory(), jooqTarget.getDirectory())) {
            target.setDirectory(outputDirectory.toString());
        } else {
            target.setDirectory(baseDirectory.resolve(target.getDirectory()).normalize().toString());
        }

        // Appended, so a user's own forcedType for geometry (jOOQ takes the first that matches) wins over ours.
        List<ForcedType> forcedTypes = new ArrayList<>(database.getForcedTypes());
        forcedTypes.add(geometryForcedType(target.getPackageName()));
        database.setForcedTypes(forcedTypes);
        return effective;
    }

    /** The output directory an effective configuration (from {@link #applyTo}) writes to. */
    public static Path outputDirectory(Generator effective) {
        return Path.of(effective.getTarget().getDirectory());
    }

    /**
     * Maps every {@code geometry} column to JTS through the binding Demeter emits beside the generated code. The
     * SQL data type is pinned to {@code OTHER}: jOOQ reads geometry as {@code GEOMETRY} or {@code OTHER} depending
     * on the schema, and the binding must have one database-side type.
     */
    static ForcedType geometryForcedType(String targetPackage) {
        return new ForcedType()
                .withName("OTHER")
                .withUserType(GEOMETRY_USER_TYPE)
                .withBinding(GeometryBindingSource.className(targetPackage))
                .withIncludeTypes("geometry");
    }

    /**
     * A deep copy. jOOQ's configuration classes are serializable; Java serialization copies them in a few
     * milliseconds where a round trip through jOOQ's XML parser costs a few hundred on a cold JVM.
     */
    static Generator copy(Generator generator) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(generator);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the generator configuration", e);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (Generator) in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the generator configuration", e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Cannot copy the generator configuration", e);
        }
    }

    private record Given(Set<String> explicitPaths) {
        Given {
            explicitPaths = explicitPaths == null ? Set.of() : Set.copyOf(explicitPaths);
        }

        boolean is(String path, Object value, Object jooqDefault) {
            return explicitPaths.contains(path) || !Objects.equals(value, jooqDefault);
        }
    }
}
