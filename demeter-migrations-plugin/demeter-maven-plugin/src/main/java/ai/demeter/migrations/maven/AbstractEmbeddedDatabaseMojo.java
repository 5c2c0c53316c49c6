package ai.demeter.migrations.maven;

import ai.demeter.migrations.database.EmbeddedDevDatabase;
import org.apache.maven.plugins.annotations.Parameter;

/** A goal that works with the embedded dev database under {@code .demeter/} at the project root. */
public abstract class AbstractEmbeddedDatabaseMojo extends AbstractDemeterMojo {

    /**
     * Port of the embedded dev database. Unset (the default): the port it remembers in {@code .demeter/port}; a new
     * one takes 15432, or the next free port when another process (another checkout's dev database) has 15432. Set:
     * that port, refused when another process has it. @since 0.1.0
     */
    @Parameter(property = "demeter.embeddedPort")
    protected Integer embeddedPort;

    protected EmbeddedDevDatabase embeddedDatabase() {
        return embeddedPort == null
                ? EmbeddedDevDatabase.at(projectRoot(), System.getenv())
                : EmbeddedDevDatabase.at(projectRoot(), embeddedPort, System.getenv());
    }

    /** Starts the embedded dev database when it is not running, and says how to connect to it. */
    protected EmbeddedDevDatabase.Running ensureEmbeddedDatabase() {
        EmbeddedDevDatabase embedded = embeddedDatabase();
        EmbeddedDevDatabase.Running running = embedded.ensureRunning();
        running.portNotice().ifPresent(getLog()::warn);
        String what = switch (running.startup()) {
            case CREATED -> "created and started";
            case STARTED -> "started";
            case ALREADY_RUNNING -> "running";
        };
        getLog().info("Database: embedded dev database (" + what + ", data in "
                + projectRoot().relativize(embedded.directory()) + "; stop it with ./mvnw demeter:stop). Connect: "
                + embedded.psqlCommand());
        return running;
    }
}
