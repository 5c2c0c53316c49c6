package ai.demeter.migrations.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/** Prints the version the database is at and whether migrations are pending: {@code alembic current}. */
@Mojo(name = "current", threadSafe = true)
public class CurrentMojo extends AbstractDatabaseMojo {

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        withEngine(engine -> getLog().info(engine.currentSummary()));
    }
}
