package ai.demeter.migrations.maven;

import ai.demeter.migrations.database.DatabaseProvider;
import ai.demeter.migrations.database.DockerProvider;
import ai.demeter.migrations.engine.MigrationEngine;
import java.util.function.Supplier;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * A goal that compares a database's catalog, fact by fact, with what the migrations it records as applied build on
 * a throwaway database ({@code adopt}, {@code diff}).
 */
public abstract class AbstractCatalogComparisonMojo extends AbstractDatabaseMojo {

    /**
     * Count another version of an extension (PostGIS 3.3.2 built, 3.6.4 in the database) as a difference. Off by
     * default: the extension's version belongs to the server's installation, not to the migrations, so it is reported
     * as information; a team that pins PostGIS on every server turns this on.
     *
     * @since 0.1.0
     */
    @Parameter(property = "demeter.failOnExtensionVersions", defaultValue = "false")
    protected boolean failOnExtensionVersions;

    /** Where the throwaway database for the comparison comes from: {@code auto}, {@code local} or {@code docker}. @since 0.1.0 */
    @Parameter(property = "demeter.provider", defaultValue = "auto")
    private String provider;

    /** PostGIS image for the {@code docker} provider. @since 0.1.0 */
    @Parameter(property = "demeter.dockerImage", defaultValue = DockerProvider.DEFAULT_IMAGE)
    private String dockerImage;

    @Override
    protected final void run() throws MojoExecutionException, MojoFailureException {
        Supplier<DatabaseProvider> throwaways = throwawayDatabases(provider, dockerImage);
        withEngine(engine -> compare(engine, throwaways));
    }

    /** The goal's work: {@code engine}'s database compared with the schema built on one from {@code throwaways}. */
    protected abstract void compare(MigrationEngine engine, Supplier<DatabaseProvider> throwaways)
            throws MojoFailureException;
}
