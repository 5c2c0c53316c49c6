package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.Backfill;
import ai.demeter.migrations.api.BackfillContext;
import ai.demeter.migrations.api.BackfillProgress;
import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.api.RenderedMigrations;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.database.Secrets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries out a checked {@link RollbackPlan}: under Flyway's lock for the whole run, each step in its own
 * transaction runs the migration's down, deletes its history row (so Flyway sees it as pending and re-applies it
 * cleanly later) and records it in the rollback journal.
 */
final class RollbackRun {
    private final DatabaseTarget target;
    private final EngineSettings settings;
    private final MigrationListener listener;

    RollbackRun(EngineSettings settings, MigrationListener listener) {
        this.target = settings.target();
        this.settings = settings;
        this.listener = listener;
    }

    void execute(RollbackPlan plan, Duration lockTimeout) {
        FlywayHistoryTable history = settings.history();
        RollbackJournal journal = new RollbackJournal(settings.schema());
        List<String> done = new ArrayList<>();
        try (Connection connection = settings.connect();
             LockHolder held = LockHolder.acquire(connection, history.lockKey(), lockTimeout, listener);
             LockWaitObserver observer = LockWaitObserver.start(settings)) {
            requireUnchanged(connection, plan);
            for (AppliedMigration step : plan.steps()) {
                observer.watch(connection, lockTimeoutOf(step));
                undo(connection, step, journal, done, observer);
                done.add("V" + step.version());
            }
        } catch (SQLException e) {
            throw DemeterException.fault("Rollback failed: " + Secrets.mask(e.getMessage(), target.password()), e);
        }
    }

    /** How long the statements of {@code step}'s down wait for a lock: its own timeout, or the run's. */
    private Duration lockTimeoutOf(AppliedMigration step) {
        return step.migration().statementLockTimeout().orElse(settings.statementLockTimeout());
    }

    private void undo(Connection connection, AppliedMigration step, RollbackJournal journal, List<String> done,
            LockWaitObserver observer) throws SQLException {
        boolean transactional = step.migration().canExecuteInTransaction();
        long started = System.nanoTime();
        connection.setAutoCommit(!transactional);
        try {
            BackfillContext.during(MigrateRun.backfillContext(settings, listener),
                    () -> step.migration().rollback(connection, settings.statementLockTimeout()));
            if (!transactional) {
                connection.setAutoCommit(false);
            }
            deleteHistoryRow(connection, step);
            journal.record(connection, step, Duration.ofNanos(System.nanoTime() - started));
            if (backfillsOnly(step)) {
                BackfillProgress.forget(connection, settings.schema(), step.version());
            }
            connection.commit();
        } catch (RuntimeException | SQLException e) {
            MigrationFailures.Failed failed = MigrationFailures.Failed.down(step.label(), transactional, e, done);
            if (!transactional && e instanceof DemeterException stopped && backfillsOnly(step)) {
                // Its batches are committed and recorded: the next rollback resumes after the last one.
                throw MigrationFailures.unfinished(failed, stopped, target.password());
            }
            DemeterException failure = MigrationFailures.explain(failed, target.password(), lockTimeoutOf(step),
                    observer.blockers());
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                // The session is gone (terminated, connection lost): the server has rolled the step back itself.
                failure.addSuppressed(rollback);
            }
            throw failure;
        } finally {
            MigrateRun.restoreAutoCommit(connection);
        }
        listener.migrationFinished("down", step.version(), step.description(), Duration.ofNanos(System.nanoTime() - started));
    }

    /** Whether {@code step}'s down is backfills only (rendered already, by the plan's checks). */
    private static boolean backfillsOnly(AppliedMigration step) {
        return Backfill.only(RenderedMigrations.downOf(step.migration()).statements());
    }

    private void deleteHistoryRow(Connection connection, AppliedMigration step) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(settings.history().deleteVersionSql())) {
            delete.setString(1, step.version());
            if (delete.executeUpdate() != 1) {
                throw new SQLException("expected one history row for version " + step.version());
            }
        }
    }

    /** The plan was made before the lock was taken; the history must still end with the planned versions. */
    private void requireUnchanged(Connection connection, RollbackPlan plan) throws SQLException {
        List<String> newest = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(settings.history().newestAppliedSql())) {
            query.setInt(1, plan.steps().size());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    newest.add(rows.getString(1));
                }
            }
        }
        List<String> planned = plan.steps().stream().map(AppliedMigration::version).toList();
        if (!newest.equals(planned)) {
            throw DemeterException.userMistake("The database's history changed while the rollback waited for the lock"
                    + " (newest applied now: " + newest + ", planned: " + planned + "). Nothing was changed; run the"
                    + " rollback again to plan it afresh.");
        }
    }
}
