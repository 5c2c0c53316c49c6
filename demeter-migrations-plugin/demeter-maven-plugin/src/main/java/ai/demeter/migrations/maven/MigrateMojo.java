package ai.demeter.migrations.maven;

import ai.demeter.migrations.engine.MigrateTarget;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Applies pending migrations, one transaction each, under Flyway's lock: {@code alembic upgrade head}.
 * Prints one line per migration with its duration, then a summary.
 */
@Mojo(name = "migrate", threadSafe = true)
public class MigrateMojo extends AbstractMigrationRunMojo {

    /**
     * How far to migrate: {@code head} (everything pending), a version ({@code 7}), or {@code +N} (the next N).
     *
     * @since 0.1.0
     */
    @Parameter(property = "demeter.target", defaultValue = "head")
    private String target;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        MigrateTarget parsed = MigrateTarget.parse(target);
        withEngine(engine -> getLog().info(engine.migrate(parsed, lockTimeout()).summary()));
    }
}
