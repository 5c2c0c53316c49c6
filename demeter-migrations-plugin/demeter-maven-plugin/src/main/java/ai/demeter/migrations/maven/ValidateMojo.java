package ai.demeter.migrations.maven;

import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Fails when the applied history and the code disagree: an applied migration whose code changed (checksum),
 * one missing from the code, or a broken order. Pending migrations are fine.
 */
@Mojo(name = "validate", requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME, threadSafe = true)
public class ValidateMojo extends AbstractDatabaseMojo {

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        withEngine(engine -> {
            List<String> problems = engine.validate();
            if (!problems.isEmpty()) {
                throw new MojoFailureException("The applied migrations do not match the code:\n  "
                        + String.join("\n  ", problems) + "\nAn applied migration must never be edited: restore its"
                        + " code and put the change in a new migration (./mvnw demeter:new -Ddemeter.name=...).");
            }
            getLog().info("Valid: every applied migration matches its code.");
        });
    }
}
