package ai.demeter.migrations.maven;

import ai.demeter.migrations.engine.MigrateTarget;
import java.time.Duration;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Applies pending migrations, one transaction each, under Flyway's lock: {@code alembic upgrade head}.
 * Prints one line per migration with its duration, then a summary.
 */
@Mojo(name = "migrate", requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME, threadSafe = true)
public class MigrateMojo extends AbstractDatabaseMojo {

    /**
     * How far to migrate: {@code head} (everything pending), a version ({@code 7}), or {@code +N} (the next N).
     *
     * @since 0.1.0
     */
    @Parameter(property = "demeter.target", defaultValue = "head")
    private String target;

    /**
     * Seconds to wait for the migration lock when another migrate or rollback holds it; then the goal fails naming
     * the holder (pid, application, state), having changed nothing.
     *
     * @since 0.1.0
     */
    @Parameter(property = "demeter.lockTimeout", defaultValue = "60")
    private int lockTimeout;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        MigrateTarget parsed = MigrateTarget.parse(target);
        withEngine(engine -> getLog().info(engine.migrate(parsed, Duration.ofSeconds(lockTimeout)).summary()));
    }
}
