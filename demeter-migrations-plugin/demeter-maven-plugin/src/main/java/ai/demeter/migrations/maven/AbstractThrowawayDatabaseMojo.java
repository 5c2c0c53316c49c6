package ai.demeter.migrations.maven;

import ai.demeter.migrations.database.DatabaseProvider;
import ai.demeter.migrations.database.DockerProvider;
import java.util.function.Supplier;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * A goal that builds the migrations' schema on throwaway databases of its own and touches no other database
 * ({@code verify}, {@code generate}). The goals that compare such a database with a real one extend
 * {@link AbstractCatalogComparisonMojo} instead: Maven reads a goal's parameters from its superclasses only, and
 * those goals need the connection parameters that these must not show.
 */
public abstract class AbstractThrowawayDatabaseMojo extends AbstractDemeterMojo {

    /**
     * Where the throwaway database comes from: {@code local} (PostgreSQL and PostGIS binaries on this machine),
     * {@code docker} (a PostGIS container through Testcontainers) or {@code auto} (local when available, else
     * Docker).
     *
     * @since 0.1.0
     */
    @Parameter(property = "demeter.provider", defaultValue = "auto")
    private String provider;

    /**
     * PostGIS image for the {@code docker} provider; match the PostgreSQL/PostGIS versions of production.
     *
     * @since 0.1.0
     */
    @Parameter(property = "demeter.dockerImage", defaultValue = DockerProvider.DEFAULT_IMAGE)
    private String dockerImage;

    @Override
    protected final void run() throws MojoExecutionException, MojoFailureException {
        run(throwawayDatabases(provider, dockerImage));
    }

    /** The goal's work, with its throwaway databases from {@code throwaways}. */
    protected abstract void run(Supplier<DatabaseProvider> throwaways)
            throws MojoExecutionException, MojoFailureException;
}
