package ai.demeter.migrations.sources;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The module that owns the migrations, as its build sees it: where the sources are, where the build puts their
 * classes, and what they compile against.
 *
 * @param name             the module's name, for messages
 * @param sourceRoots      Java source roots (those the compiler is configured with)
 * @param resourceRoots    resource folders, put on the class path as they are when Demeter compiles
 * @param classesDirectory the build's own output ({@code target/classes}), used while it is current
 * @param workDirectory    where Demeter compiles the sources when the build's output is older than they are
 * @param classpath        what the sources compile against, without {@code classesDirectory}
 * @param migrationFolder  the migrations' folder on the class path ({@code db/migration}); a class there whose
 *                         source is gone is a removed migration, so the build's output is not current
 * @param release          the Java release to compile for ({@code maven.compiler.release}), or empty for the JDK's
 * @param encoding         the sources' encoding
 */
public record MigrationModule(String name, List<Path> sourceRoots, List<Path> resourceRoots, Path classesDirectory,
        Path workDirectory, List<Path> classpath, Optional<String> migrationFolder, Optional<String> release,
        Charset encoding) {

    public MigrationModule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(classesDirectory, "classesDirectory");
        Objects.requireNonNull(workDirectory, "workDirectory");
        Objects.requireNonNull(encoding, "encoding");
        sourceRoots = List.copyOf(sourceRoots);
        resourceRoots = List.copyOf(resourceRoots);
        classpath = classpath.stream().filter(entry -> !entry.equals(classesDirectory)).toList();
    }
}
