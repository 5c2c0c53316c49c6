package ai.demeter.migrations.maven;

import ai.demeter.migrations.database.DatabaseProvider;
import ai.demeter.migrations.engine.AlembicAdoption;
import ai.demeter.migrations.engine.MigrationEngine;
import java.util.function.Supplier;
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
public class AdoptMojo extends AbstractCatalogComparisonMojo {

    /**
     * Drop {@code alembic_version} once adopted. Off by default: keeping it lets Alembic's tooling still read the
     * revision during a transition; Demeter ignores it once its own history exists.
     *
     * @since 0.1.0
     */
    @Parameter(property = "demeter.dropAlembicVersion", defaultValue = "false")
    private boolean dropAlembicVersion;

    @Override
    protected void compare(MigrationEngine engine, Supplier<DatabaseProvider> throwaways) throws MojoFailureException {
        AlembicAdoption.Adopted adopted = engine.adopt(throwaways, dropAlembicVersion, failOnExtensionVersions);
        getLog().info("Adopted at " + adopted.at().label() + " (Alembic revision " + adopted.revision()
                + "): the schema matches what V1-V" + adopted.at().version().getVersion() + " build, fact for fact;"
                + " recorded " + adopted.recorded() + " migrations as applied. Rollback works down to base;"
                + (adopted.alembicVersionDropped() ? " alembic_version was dropped."
                        : " alembic_version is kept (drop it with -Ddemeter.dropAlembicVersion=true)."));
    }
}
