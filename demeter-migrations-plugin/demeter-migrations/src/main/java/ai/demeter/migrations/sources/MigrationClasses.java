package ai.demeter.migrations.sources;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The migration classes a goal runs: compiled from the sources as they are now.
 *
 * @param directory the compiled classes
 * @param resources folders to put after it on the class path (the module's resources when Demeter compiled;
 *                  none when {@code directory} is the build's output, which holds them already)
 * @param origin    where the classes came from
 */
public record MigrationClasses(Path directory, List<Path> resources, Origin origin) {

    public MigrationClasses {
        resources = List.copyOf(resources);
    }

    /** The class path entries of the module's own code: the classes, then its resources. */
    public List<Path> classpath() {
        List<Path> entries = new ArrayList<>();
        entries.add(directory);
        entries.addAll(resources);
        return entries;
    }

    /** Where the classes came from. */
    public sealed interface Origin {
    }

    /** The build's output was newer than every source: nothing to compile. */
    public record BuildOutput() implements Origin {
    }

    /** Demeter compiled these very sources before, and kept the classes. */
    public record Reused() implements Origin {
    }

    /** Demeter compiled the sources now, because the build's output was older than them or missing. */
    public record Compiled(int sources, Duration duration, String reason) implements Origin {
    }
}
