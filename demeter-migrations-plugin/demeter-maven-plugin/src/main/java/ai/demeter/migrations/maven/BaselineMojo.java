package ai.demeter.migrations.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Adopts an existing database (one the Alembic chain built, say) at a version without running anything:
 * {@code alembic stamp}. Migrations up to that version are then taken as applied; rollback never goes below it.
 */
@Mojo(name = "baseline", threadSafe = true)
public class BaselineMojo extends AbstractDatabaseMojo {

    /** The version the existing schema corresponds to, e.g. 20 for a database at the Alembic head. @since 0.1.0 */
    @Parameter(property = "demeter.baselineVersion")
    private String baselineVersion;

    /** The description of the baseline row. @since 0.1.0 */
    @Parameter(property = "demeter.baselineDescription", defaultValue = "baseline")
    private String baselineDescription;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        if (baselineVersion == null || baselineVersion.isBlank()) {
            throw new MojoFailureException("Give the version the existing schema is at: -Ddemeter.baselineVersion=20"
                    + " (20 for a database built by the whole Alembic chain).");
        }
        withEngine(engine -> {
            engine.baseline(baselineVersion.strip(), baselineDescription);
            getLog().info("Baselined at version " + baselineVersion.strip() + "; nothing was run. Migrations after it"
                    + " apply with demeter:migrate.");
        });
    }
}
