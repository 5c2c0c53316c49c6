package ai.demeter.migrations.maven;

import ai.demeter.migrations.engine.RollbackOptions;
import ai.demeter.migrations.engine.RollbackRequest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Undoes applied migrations, newest first: {@code alembic downgrade -1} / {@code downgrade <rev>} /
 * {@code downgrade base}. The whole plan is checked before any SQL runs; each step is one transaction under
 * Flyway's lock. Never bound to a phase.
 */
@Mojo(name = "rollback", threadSafe = true)
public class RollbackMojo extends AbstractMigrationRunMojo {

    /** How many of the newest applied migrations to undo. Default 1. Not together with {@code demeter.target}. @since 0.1.0 */
    @Parameter(property = "demeter.steps")
    private String steps;

    /**
     * Where to end: a version (undo everything above it), {@code base} (undo everything), or {@code -N} (undo the
     * newest N). Not together with {@code demeter.steps}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "demeter.target")
    private String target;

    /** Print the plan and the SQL it would run, change nothing. @since 0.1.0 */
    @Parameter(property = "demeter.dryRun", defaultValue = "false")
    private boolean dryRun;

    /**
     * The database's name, required to roll back a database that is not on this machine (a guard against
     * undoing production by a mistyped URL).
     *
     * @since 0.1.0
     */
    @Parameter(property = "demeter.confirm")
    private String confirm;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        RollbackRequest request = RollbackRequest.parse(steps, target);
        RollbackOptions options = new RollbackOptions(dryRun, confirm, lockTimeout());
        withEngine(engine -> engine.rollback(request, options).summary().ifPresent(getLog()::info));
    }
}
