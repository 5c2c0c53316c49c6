package ai.demeter.migrations.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** Prints the version the database is at and whether migrations are pending: {@code alembic current}. */
@Mojo(name = "current", requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME, threadSafe = true)
public class CurrentMojo extends AbstractDatabaseMojo {

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        withEngine(engine -> getLog().info(engine.currentSummary()));
    }
}
