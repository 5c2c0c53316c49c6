package ai.demeter.migrations.codegen;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseProvider;
import ai.demeter.migrations.database.Secrets;
import ai.demeter.migrations.database.ThrowawayDatabase;
import ai.demeter.migrations.engine.EngineSettings;
import ai.demeter.migrations.engine.MigrateOutcome;
import ai.demeter.migrations.engine.MigrateTarget;
import ai.demeter.migrations.engine.MigrationEngine;
import ai.demeter.migrations.engine.MigrationListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Logging;
import org.jooq.meta.jaxb.OnError;

/**
 * jOOQ classes from the schema the migrations produce: a throwaway database, migrated to head, read by jOOQ's
 * generator, then discarded. Skipped, with no database at all, when the inputs' {@link InputFingerprint} matches the
 * last generation's and its output is present.
 * <p>
 * A failed generation never leaves output that looks current: the fingerprint is deleted first, jOOQ writes into a
 * staging directory beside the output, and only a complete result replaces the target package and gets the new
 * fingerprint.
 */
public final class CodeGeneration {
    private final CodegenSettings settings;
    private final MigrationListener listener;

    public CodeGeneration(CodegenSettings settings, MigrationListener listener) {
        this.settings = settings;
        this.listener = listener;
    }

    public CodegenOutcome run() {
        Generator effective = settings.defaults().applyTo(settings.generator(), settings.explicitPaths());
        Path output = CodegenDefaults.outputDirectory(effective);
        String targetPackage = effective.getTarget().getPackageName();
        Path packageDirectory = output.resolve(targetPackage.replace('.', '/'));
        Path fingerprintFile = fingerprintFile(output);
        String fingerprint = InputFingerprint.compute(settings.migrations(), settings.migrationModule(),
                settings.locations(), effective, settings.pluginVersion());
        listener.debug("Code generation fingerprint " + fingerprint + "; generator configuration:\n" + effective);

        if (!settings.force() && fingerprint.equals(readFingerprint(fingerprintFile))) {
            int files = countFiles(packageDirectory);
            if (files > 0) {
                return new CodegenOutcome.UpToDate(output, fingerprint, files);
            }
            listener.info("The fingerprint matches but " + packageDirectory + " is empty or missing; generating again.");
        }

        try {
            Files.deleteIfExists(fingerprintFile);
            Files.createDirectories(output);
            Path staging = Files.createTempDirectory(output.getParent(), "." + output.getFileName() + "-staging-");
            try {
                CodegenOutcome.Generated generated = generateInto(staging, effective, targetPackage, output, fingerprint);
                replaceDirectory(staging.resolve(targetPackage.replace('.', '/')), packageDirectory);
                Files.writeString(fingerprintFile, fingerprint + "\n", StandardCharsets.UTF_8);
                return generated;
            } finally {
                deleteRecursively(staging);
            }
        } catch (IOException e) {
            throw DemeterException.fault("Cannot write the generated code under " + output + ": " + e.getMessage(), e);
        }
    }

    private CodegenOutcome.Generated generateInto(Path staging, Generator effective, String targetPackage, Path output,
            String fingerprint) {
        DatabaseProvider provider = settings.provider().get();
        long started = System.nanoTime();
        try (ThrowawayDatabase database = provider.start()) {
            Duration startup = Duration.ofNanos(System.nanoTime() - started);
            EngineSettings engine = new EngineSettings(database.target(), settings.migrations(), settings.locations(),
                    EngineSettings.DEFAULT_SCHEMA, EngineSettings.DEFAULT_HISTORY_TABLE);
            MigrateOutcome migrated = new MigrationEngine(engine, listener.withMigrationsAtDebug())
                    .migrate(new MigrateTarget.Head());

            Generator staged = CodegenDefaults.copy(effective);
            staged.getTarget().setDirectory(staging.toString());
            long generationStarted = System.nanoTime();
            runJooq(database, staged);
            GeometryBindingSource.writeTo(staging, targetPackage);
            Duration generation = Duration.ofNanos(System.nanoTime() - generationStarted);
            int files = countFiles(staging.resolve(targetPackage.replace('.', '/')));
            return new CodegenOutcome.Generated(output, fingerprint, files, provider.describe(), migrated, startup,
                    generation);
        }
    }

    private void runJooq(ThrowawayDatabase database, Generator generator) {
        Configuration configuration = new Configuration()
                .withLogging(settings.jooqDebug() ? Logging.DEBUG : Logging.WARN)
                .withOnError(OnError.FAIL)
                .withGenerator(generator);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // The connection is ours: jOOQ never sees the URL's credentials, so they cannot reach its logs.
        try (Connection connection = Connections.open(database.target())) {
            thread.setContextClassLoader(CodeGeneration.class.getClassLoader());
            GenerationTool tool = new GenerationTool();
            tool.setConnection(connection);
            tool.run(configuration);
        } catch (SQLException e) {
            throw DemeterException.fault("Lost the connection to the throwaway database: " + Secrets.mask(e.getMessage()), e);
        } catch (DemeterException e) {
            throw e;
        } catch (Exception e) {
            throw DemeterException.fault("jOOQ's code generator failed: " + Secrets.mask(String.valueOf(e.getMessage()),
                    database.target().password()) + ". Check the <generator> configuration; run with -X for jOOQ's log.", e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Where the fingerprint of {@code output} is kept: beside it, so cleaning the output also forgets it. */
    public static Path fingerprintFile(Path output) {
        return output.resolveSibling(output.getFileName() + ".demeter-fingerprint");
    }

    private static String readFingerprint(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    static int countFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            return (int) walk.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces {@code target} with {@code source}; only the generated package, never the rest of the source root. */
    private static void replaceDirectory(Path source, Path target) throws IOException {
        deleteRecursively(target);
        Files.createDirectories(target.getParent());
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
