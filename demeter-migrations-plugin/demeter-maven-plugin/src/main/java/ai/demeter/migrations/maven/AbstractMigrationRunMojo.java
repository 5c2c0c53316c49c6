package ai.demeter.migrations.maven;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.api.StatementLockTimeout;
import java.time.Duration;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * A goal that runs migrations, up or down, under Flyway's lock ({@code migrate}, {@code rollback}): how long it waits
 * for that lock, and how long each statement waits for the locks it needs.
 */
public abstract class AbstractMigrationRunMojo extends AbstractDatabaseMojo {

    /**
     * Seconds to wait for the migration lock when another migrate or rollback holds it; then the goal fails naming
     * the holder (pid, application, state), having changed nothing.
     *
     * @since 0.1.0
     */
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

    /** How long to wait for the migration lock ({@code demeter.lockTimeout}). */
    protected Duration lockTimeout() {
        return Duration.ofSeconds(lockTimeout);
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
