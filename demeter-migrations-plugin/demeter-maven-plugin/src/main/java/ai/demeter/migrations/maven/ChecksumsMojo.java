package ai.demeter.migrations.maven;

import ai.demeter.migrations.engine.Durations;
import ai.demeter.migrations.engine.PackagedRenderings;
import ai.demeter.migrations.sources.MigrationClassLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Packages what each migration's up and down render with the module's classes
 * ({@code target/classes/META-INF/demeter/renderings.txt}), so that its jar, the runnable migrations jar and
 * applications that migrate at start-up know every checksum without rendering the migrations with jOOQ first.
 * Fingerprinted with the files it was rendered from: a JVM that loads other bytes renders as without it.
 * Bound to {@code process-classes}, after the module's classes are compiled and before they are packaged.
 */
@Mojo(name = "checksums", defaultPhase = LifecyclePhase.PROCESS_CLASSES,
        requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class ChecksumsMojo extends AbstractDemeterMojo {

    @Override
    protected void run() throws MojoExecutionException {
        Path classes = Path.of(project.getBuild().getOutputDirectory());
        if (!Files.isDirectory(classes)) {
            getLog().info("No classes in " + projectRoot().relativize(classes) + " yet; nothing packaged. The goal"
                    + " runs in the process-classes phase, after compile.");
            return;
        }
        List<Path> classpath;
        try {
            classpath = project.getRuntimeClasspathElements().stream().map(Path::of).toList();
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("Cannot build the class path of " + project.getArtifactId(), e);
        }
        long started = System.nanoTime();
        // The build's own classes, as they will be packaged: not the sources compiled anew, as other goals do.
        try (MigrationClassLoader loader = new MigrationClassLoader(classpath, getClass().getClassLoader(),
                List.of())) {
            PackagedRenderings.Written written = PackagedRenderings.write(classes, loader, locations);
            getLog().info("Packaged the checksums of " + written.migrations() + " migrations in "
                    + projectRoot().relativize(written.file()) + " ("
                    + Durations.format(Duration.ofNanos(System.nanoTime() - started)) + ").");
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot close the migration class loader", e);
        }
    }
}
