package ai.demeter.migrations.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Starts the embedded dev database (creating it on first use) and leaves it running, for the app or psql.
 * Prints the psql command. Does nothing else; {@code demeter:stop} stops it.
 */
@Mojo(name = "start", threadSafe = true)
public class StartMojo extends AbstractEmbeddedDatabaseMojo {

    @Override
    protected void run() throws MojoFailureException {
        ensureEmbeddedDatabase();
    }
}
