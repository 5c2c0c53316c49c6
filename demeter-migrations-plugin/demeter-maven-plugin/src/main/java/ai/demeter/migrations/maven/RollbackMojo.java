package ai.demeter.migrations.maven;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.api.StatementLockTimeout;
import ai.demeter.migrations.engine.RollbackOptions;
import ai.demeter.migrations.engine.RollbackRequest;
import java.time.Duration;
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
public class RollbackMojo extends AbstractDatabaseMojo {

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

    /** Seconds to wait for the migration lock when another migrate or rollback holds it. @since 0.1.0 */
    @Parameter(property = "demeter.lockTimeout", defaultValue = "60")
    private int lockTimeout;

    /**
     * How long each statement of a migration may wait for a lock another session holds (PostgreSQL's
     * {@code lock_timeout}, set for the migration's statements only): {@code 10s}, {@code 500ms}, {@code 2min}, or
     * {@code 0} for no limit. A schema change queued behind a long application transaction otherwise blocks every
     * query on that table until the transaction ends; with a limit the migration fails instead, naming the blocking
     * session, and nothing of it is applied. A migration can set its own by overriding
     * {@code statementLockTimeout()}. Raise it for a deploy that may wait; lower it on a busy database.
     *
     * @since 0.1.0
     */
    @Parameter(property = "demeter.statementLockTimeout", defaultValue = "10s")
    private String statementLockTimeout;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        RollbackRequest request = RollbackRequest.parse(steps, target);
        RollbackOptions options = new RollbackOptions(dryRun, confirm, Duration.ofSeconds(lockTimeout));
        withEngine(engine -> engine.rollback(request, options).summary().ifPresent(getLog()::info));
    }

    @Override
    protected Duration statementLockTimeout() throws MojoFailureException {
        try {
            return StatementLockTimeout.parse(statementLockTimeout);
        } catch (DemeterException e) {
            throw new MojoFailureException("demeter.statementLockTimeout: " + e.getMessage(), e);
        }
    }
}
