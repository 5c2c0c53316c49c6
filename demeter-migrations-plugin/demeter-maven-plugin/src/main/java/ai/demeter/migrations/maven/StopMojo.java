package ai.demeter.migrations.maven;

import ai.demeter.migrations.database.EmbeddedDevDatabase;
import org.apache.maven.plugins.annotations.Mojo;

/** Stops the embedded dev database. Its data stays in {@code .demeter/}; the next goal that needs it starts it. */
@Mojo(name = "stop", threadSafe = true)
public class StopMojo extends AbstractEmbeddedDatabaseMojo {

    @Override
    protected void run() {
        EmbeddedDevDatabase embedded = embeddedDatabase();
        if (embedded.stop()) {
            getLog().info("Stopped the embedded dev database; its data stays in " + embedded.directory() + ".");
        } else {
            getLog().info("The embedded dev database is not running.");
        }
    }
}
