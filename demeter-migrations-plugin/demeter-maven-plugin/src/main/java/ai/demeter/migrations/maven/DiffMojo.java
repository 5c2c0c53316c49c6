package ai.demeter.migrations.maven;

import ai.demeter.migrations.database.DockerProvider;
import ai.demeter.migrations.database.ProviderChoice;
import ai.demeter.migrations.engine.SchemaDrift;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Compares a database (the embedded dev database by default, or any URL) with the schema the migrations it records
 * as applied build on a throwaway database, and prints the drift fact by fact: {@code alembic check}. With
 * {@code -Ddemeter.failOnDrift=true} (for CI) drift fails the build. Changes nothing.
 */
@Mojo(name = "diff", requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME, threadSafe = true)
public class DiffMojo extends AbstractDatabaseMojo {

    /** Fail the build when the database differs from what its migrations build. @since 0.1.0 */
    @Parameter(property = "demeter.failOnDrift", defaultValue = "false")
    private boolean failOnDrift;

    /** Where the throwaway database for the comparison comes from: {@code auto}, {@code local} or {@code docker}. @since 0.1.0 */
    @Parameter(property = "demeter.provider", defaultValue = "auto")
    private String provider;

    /** PostGIS image for the {@code docker} provider. @since 0.1.0 */
    @Parameter(property = "demeter.dockerImage", defaultValue = DockerProvider.DEFAULT_IMAGE)
    private String dockerImage;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        ProviderChoice choice = ProviderChoice.parse(provider);
        withEngine(engine -> {
            SchemaDrift drift = engine.drift(() -> choice.select(System.getenv(), dockerImage));
            if (drift.facts().isEmpty()) {
                getLog().info("No drift: the database is exactly what " + drift.built() + " build.");
                return;
            }
            String report = "Drift: " + drift.facts().size() + (drift.facts().size() == 1 ? " difference" : " differences")
                    + " between what " + drift.built() + " build and the database:\n  "
                    + String.join("\n  ", drift.facts());
            if (failOnDrift) {
                throw new MojoFailureException(report + "\nPut the change in a migration (./mvnw demeter:new), or undo"
                        + " it in the database.");
            }
            getLog().warn(report);
        });
    }
}
