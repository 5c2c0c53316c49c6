package ai.demeter.migrations.maven;

import ai.demeter.migrations.database.DockerProvider;
import ai.demeter.migrations.database.ProviderChoice;
import ai.demeter.migrations.engine.AlembicAdoption;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Adopts a database the Alembic chain built, keeping rollback: maps its {@code alembic_version} revision to the
 * migration that replaces it ({@code @AlembicRevision}), builds what V1..Vn make on a throwaway database and
 * compares the two catalogs fact by fact; only when they are equal records V1..Vn as applied, with their checksums,
 * in one transaction. When they differ, nothing is recorded and the differences are printed.
 * {@code alembic stamp}, with a proof.
 */
@Mojo(name = "adopt", requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME, threadSafe = true)
public class AdoptMojo extends AbstractDatabaseMojo {

    /**
     * Drop {@code alembic_version} once adopted. Off by default: keeping it lets Alembic's tooling still read the
     * revision during a transition; Demeter ignores it once its own history exists.
     *
     * @since 0.1.0
     */
    @Parameter(property = "demeter.dropAlembicVersion", defaultValue = "false")
    private boolean dropAlembicVersion;

    /**
     * Count another version of an extension (PostGIS 3.3.2 built, 3.6.4 in the database) as a difference. Off by
     * default: the extension's version belongs to the server's installation, not to the migrations, so it is reported
     * as information; a team that pins PostGIS on every server turns this on.
     *
     * @since 0.1.0
     */
    @Parameter(property = "demeter.failOnExtensionVersions", defaultValue = "false")
    private boolean failOnExtensionVersions;

    /** Where the throwaway database for the comparison comes from: {@code auto}, {@code local} or {@code docker}. @since 0.1.0 */
    @Parameter(property = "demeter.provider", defaultValue = "auto")
    private String provider;

    /** PostGIS image for the {@code docker} provider. @since 0.1.0 */
    @Parameter(property = "demeter.dockerImage", defaultValue = DockerProvider.DEFAULT_IMAGE)
    private String dockerImage;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        ProviderChoice choice = throwawayDatabases(provider);
        withEngine(engine -> {
            AlembicAdoption.Adopted adopted = engine.adopt(() -> choice.select(System.getenv(), dockerImage),
                    dropAlembicVersion, failOnExtensionVersions);
            getLog().info("Adopted at " + adopted.at().label() + " (Alembic revision " + adopted.revision()
                    + "): the schema matches what V1-V" + adopted.at().version().getVersion() + " build, fact for fact;"
                    + " recorded " + adopted.recorded() + " migrations as applied. Rollback works down to base;"
                    + (adopted.alembicVersionDropped() ? " alembic_version was dropped."
                            : " alembic_version is kept (drop it with -Ddemeter.dropAlembicVersion=true)."));
        });
    }
}
