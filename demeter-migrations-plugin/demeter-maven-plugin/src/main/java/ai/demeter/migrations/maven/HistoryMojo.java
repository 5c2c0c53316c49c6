package ai.demeter.migrations.maven;

import ai.demeter.migrations.engine.HistoryListing;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Prints every migration, applied, pending and rolled back, with when and by whom, duration, whether it can be
 * rolled back, and whether its code still matches what was applied: {@code alembic history}.
 */
@Mojo(name = "history", threadSafe = true)
public class HistoryMojo extends AbstractDatabaseMojo {

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        withEngine(engine -> {
            engine.alembic().ifPresent(alembic -> getLog().warn("The database is " + alembic.describe()));
            HistoryListing.render(engine.history()).forEach(getLog()::info);
        });
    }
}
