package ai.demeter.migrations.codegen;

import ai.demeter.migrations.engine.MigrateOutcome;
import java.nio.file.Path;
import java.time.Duration;

/** What {@link CodeGeneration#run} did. */
public sealed interface CodegenOutcome {

    /** The source root holding the generated code (to add to the compilation). */
    Path outputDirectory();

    /** The fingerprint of the inputs, as stored beside the output. */
    String fingerprint();

    /** Number of files in the generated package. */
    int files();

    /** Nothing to do: the inputs are those of the last generation and its output is there. No database was used. */
    record UpToDate(Path outputDirectory, String fingerprint, int files) implements CodegenOutcome {
    }

    /**
     * Generated afresh.
     *
     * @param provider   the provider's description
     * @param migrate    the migration of the throwaway database to head
     * @param database   time to start the throwaway database
     * @param generation time jOOQ's generator took
     */
    record Generated(Path outputDirectory, String fingerprint, int files, String provider, MigrateOutcome migrate,
            Duration database, Duration generation) implements CodegenOutcome {
    }
}
