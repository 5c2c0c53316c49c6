package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.authoring.DriftMigration;
import ai.demeter.migrations.authoring.MigrationStub;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes the next migration class ({@code alembic revision -m}): the next whole version after the highest in the
 * folder, a file name from the given name, and up/down stubs that fail until written; or, from a
 * {@link SchemaDrift}, the migration that reproduces the drift ({@code alembic revision --autogenerate}).
 */
public final class MigrationScaffold {
    private static final Pattern MIGRATION_FILE = Pattern.compile("V(\\d+)(?:[._]\\d+)*__.+\\.java");

    private MigrationScaffold() {
    }

    /**
     * @param sourceFolder the package folder of the migrations, e.g. {@code src/main/java/db/migration}
     * @param packageName  its package, e.g. {@code db.migration}
     * @return the file written
     */
    public static Path write(Path sourceFolder, String packageName, String name) {
        String className = nextClassName(sourceFolder, name);
        String source = MigrationStub.source(packageName, className, name);
        return writeSource(sourceFolder, className, source);
    }

    /** As {@link #write}, the stub of a migration that backfills {@code table} (docs/online-migrations.md). */
    public static Path writeBackfill(Path sourceFolder, String packageName, String name, String table) {
        if (table.isBlank() || !table.strip().matches("[A-Za-z_][A-Za-z0-9_$]*")) {
            throw DemeterException.userMistake("demeter.backfill=" + table + " is not a table name such as"
                    + " storage_bins: name the table to fill, without its schema. Nothing was written.");
        }
        String className = nextClassName(sourceFolder, name);
        String source = MigrationStub.backfill(packageName, className, name, table.strip());
        return writeSource(sourceFolder, className, source);
    }

    /**
     * Writes the next migration class, named and numbered as {@link #write} does, with the migration that turns
     * what the migrations build into what the database holds ({@code alembic revision --autogenerate}).
     *
     * @param name what the migration does, in words; becomes the class name and its comment
     * @return the file written, or empty when there is no drift (nothing is written then)
     */
    public static Optional<Path> writeDrift(Path sourceFolder, String packageName, String name, SchemaDrift drift) {
        DriftMigration migration = drift.migration();
        if (migration.isEmpty()) {
            return Optional.empty();
        }
        String className = nextClassName(sourceFolder, name);
        String source = migration.source(packageName, className, capitalized(name.strip()), drift.built());
        return Optional.of(writeSource(sourceFolder, className, source));
    }

    private static String nextClassName(Path sourceFolder, String name) {
        return "V" + nextVersion(sourceFolder) + "__" + description(name);
    }

    private static Path writeSource(Path sourceFolder, String className, String source) {
        Path file = sourceFolder.resolve(className + ".java");
        if (Files.exists(file)) {
            throw DemeterException.userMistake(file + " already exists. Choose another name.");
        }
        try {
            Files.createDirectories(sourceFolder);
            Files.writeString(file, source, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw DemeterException.fault("Cannot write " + file, e);
        }
        return file;
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** "Add bin barcode!" becomes "add_bin_barcode". */
    static String description(String name) {
        String description = name == null ? "" : name.strip().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (description.isEmpty()) {
            throw DemeterException.userMistake("demeter.name is missing or has no letters or digits. Give the migration"
                    + " a name: -Ddemeter.name=\"add bin barcode\".");
        }
        return description;
    }

    static int nextVersion(Path sourceFolder) {
        if (!Files.isDirectory(sourceFolder)) {
            return 1;
        }
        try (Stream<Path> files = Files.list(sourceFolder)) {
            return files.map(path -> MIGRATION_FILE.matcher(path.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToInt(matcher -> Integer.parseInt(matcher.group(1)))
                    .max().orElse(0) + 1;
        } catch (IOException e) {
            throw DemeterException.fault("Cannot list " + sourceFolder, e);
        }
    }
}
