package ai.demeter.migrations.maven;

import ai.demeter.migrations.engine.Validation;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Fails when the applied history and the code disagree: an applied migration whose code changed (checksum),
 * one missing from the code, or a broken order. Pending migrations are fine.
 */
@Mojo(name = "validate", threadSafe = true)
public class ValidateMojo extends AbstractDatabaseMojo {

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        withEngine(engine -> {
            Validation validation = new Validation(engine.validate());
            validation.requireValid();
            getLog().info(validation.summary());
        });
    }
}
