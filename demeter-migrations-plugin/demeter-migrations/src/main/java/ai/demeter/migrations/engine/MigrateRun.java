package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.Backfill;
import ai.demeter.migrations.api.BackfillContext;
import ai.demeter.migrations.api.BackfillProgress;
import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.api.DemeterMigration;
import ai.demeter.migrations.api.RenderedMigrations;
import ai.demeter.migrations.database.Secrets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Applies a planned migrate: under Flyway's advisory lock for the whole run (as {@link RollbackRun} holds it), each
 * pending migration, oldest first, on one connection, with its history row written exactly as Flyway writes it, so
 * Flyway's info, validate and a later migrate read our rows as their own. The plan comes from Flyway's scan and
 * validation, or, when the history is the oldest part of the code, from {@link HistoryAgreement}; this only runs it,
 * without the dozen statements of bookkeeping Flyway sends around each migration.
 * <p>
 * A transactional migration runs in one transaction with its history row: it is applied and recorded, or neither.
 * A non-transactional one runs in autocommit; when it fails, Flyway's failed row (success false) is written, as
 * Flyway does, so {@link Leftovers} and validate explain what it left.
 */
final class MigrateRun {
    /** What a migrate plans from: the versions applied when the history was read, and what to run, oldest first. */
    record Plan(Set<String> applied, List<CodeMigration> toRun, DatabaseState state) {
    }

    /** What the run did: how many migrations it applied, and the plan it carried out (re-planned, maybe). */
    record Result(int applied, Plan plan) {
        /** The version the database ends at. */
        String version() {
            return applied == 0 ? plan.state().currentVersion()
                    : plan.toRun().get(applied - 1).version().getVersion();
        }

        /** Migrations still pending after the run (those past the target). */
        int stillPending() {
            return plan.state().pending().size() - applied;
        }
    }

    private final EngineSettings settings;
    private final Supplier<? extends Configuration> configuration;
    private final MigrationListener listener;

    /**
     * @param configuration the Flyway configuration the plan's scan used, asked for only when a migration that is not
     *                      a {@link DemeterMigration} runs (it reads what Flyway gives it): building one loads Flyway
     */
    MigrateRun(EngineSettings settings, Supplier<? extends Configuration> configuration, MigrationListener listener) {
        this.settings = settings;
        this.configuration = configuration;
        this.listener = listener;
    }

    /**
     * On {@code connection} (in autocommit, no transaction open; the caller closes it): takes the lock (waiting at
     * most {@code lockTimeout}), re-plans with {@code replan} when the history changed since {@code plan} was made (a
     * rollback or another migrate ran meanwhile), refuses what a failed non-transactional migration left, then applies
     * the plan.
     */
    Result execute(Connection connection, Plan plan, Duration lockTimeout, Supplier<Plan> replan) {
        FlywayHistoryTable history = settings.history();
        List<String> done = new ArrayList<>();
        try (LockHolder held = LockHolder.acquire(connection, history.lockKey(), lockTimeout, listener);
             LockWaitObserver observer = LockWaitObserver.start(settings)) {
            if (!historyExists(connection)) {
                createHistory(connection);
            }
            if (!appliedVersions(connection).equals(plan.applied())) {
                listener.debug("The history changed while migrate waited for the lock; planning again");
                plan = replan.get();
            }
            Leftovers leftovers = Leftovers.find(connection, history);
            if (!leftovers.isEmpty()) {
                throw DemeterException.userMistake(leftovers.refusal(history));
            }
            for (CodeMigration migration : plan.toRun()) {
                apply(connection, migration, observer);
                done.add("V" + migration.version().getVersion());
            }
            return new Result(done.size(), plan);
        } catch (SQLException e) {
            throw DemeterException.fault("Migrate failed: " + Secrets.mask(e.getMessage(), settings.target().password())
                    + (done.isEmpty() ? "" : " Applied before it: " + String.join(", ", done) + "."), e);
        }
    }

    private void apply(Connection connection, CodeMigration migration, LockWaitObserver observer) throws SQLException {
        JavaMigration code = instantiate(migration);
        boolean transactional = code.canExecuteInTransaction();
        observer.watch(connection, lockTimeoutOf(code));
        long started = System.nanoTime();
        connection.setAutoCommit(!transactional);
        try {
            if (code instanceof DemeterMigration demeter) {
                BackfillContext.during(backfillContext(settings, listener),
                        () -> demeter.migrate(connection, settings.statementLockTimeout()));
            } else {
                code.migrate(new RunContext(configuration.get(), connection));
            }
            insertRow(connection, migration, millisSince(started), true);
            if (backfillsOnly(code)) {
                BackfillProgress.forget(connection, settings.schema(), migration.version().getVersion());
            }
            if (transactional) {
                connection.commit();
            }
        } catch (Exception e) {
            MigrationFailures.Failed failed = MigrationFailures.Failed.up(migration.version().getVersion(),
                    migration.description(), transactional, e);
            if (!transactional && e instanceof DemeterException stopped && backfillsOnly(code)) {
                // Nothing to clear by hand, so no failed history row: the next migrate resumes the backfill.
                throw MigrationFailures.unfinished(failed, stopped, settings.target().password());
            }
            DemeterException failure = MigrationFailures.explain(failed, settings.target().password(),
                    lockTimeoutOf(code), observer.blockers());
            try {
                if (transactional) {
                    connection.rollback();
                } else {
                    insertRow(connection, migration, millisSince(started), false);
                }
            } catch (SQLException cleanup) {
                // The session is gone (terminated, connection lost): the server rolled back what was open.
                failure.addSuppressed(cleanup);
            }
            throw failure;
        } finally {
            restoreAutoCommit(connection);
        }
        listener.migrationFinished("up", migration.version().getVersion(), migration.description(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** Whether {@code code} is a Demeter migration whose up is backfills only (rendered already, for its checksum). */
    private static boolean backfillsOnly(JavaMigration code) {
        return code instanceof DemeterMigration demeter && Backfill.only(RenderedMigrations.of(demeter).statements());
    }

    /** Where the backfills of a run keep their progress (the history's schema) and report (the listener's info). */
    static BackfillContext backfillContext(EngineSettings settings, MigrationListener listener) {
        return new BackfillContext(settings.schema(), listener::info, BackfillContext.DEFAULT_INTERVAL);
    }


    /** How long the statements of {@code code} wait for a lock: its own timeout, or the run's. */
    private Duration lockTimeoutOf(JavaMigration code) {
        return code instanceof DemeterMigration demeter
                ? demeter.statementLockTimeout().orElse(settings.statementLockTimeout())
                : settings.statementLockTimeout();
    }

    /** The migration class behind a pending migration (Flyway records its class name as the script). */
    private JavaMigration instantiate(CodeMigration migration) {
        try {
            Class<?> type = Class.forName(migration.script(), true, settings.classLoader());
            return (JavaMigration) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            throw DemeterException.fault("Cannot create " + migration.script() + " for V"
                    + migration.version().getVersion() + ": " + e + ". Nothing of it ran.", e);
        }
    }

    /** The row Flyway writes after a Java migration: the next rank, its version, class, checksum and time. */
    private void insertRow(Connection connection, CodeMigration migration, int millis, boolean success)
            throws SQLException {
        String table = settings.history().quotedName();
        try (PreparedStatement insert = connection.prepareStatement("insert into " + table
                + " (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)"
                + " select coalesce(max(installed_rank), 0) + 1, ?, ?, 'JDBC', ?, ?, current_user, ?, ? from " + table)) {
            insert.setString(1, migration.version().getVersion());
            insert.setString(2, migration.description());
            insert.setString(3, migration.script());
            insert.setObject(4, migration.checksum(), java.sql.Types.INTEGER);
            insert.setInt(5, millis);
            insert.setBoolean(6, success);
            insert.executeUpdate();
        }
    }

    private Set<String> appliedVersions(Connection connection) throws SQLException {
        Set<String> versions = new HashSet<>();
        try (Statement query = connection.createStatement();
             ResultSet rows = query.executeQuery("select version from " + settings.history().quotedName()
                     + " where success and version is not null")) {
            while (rows.next()) {
                versions.add(rows.getString(1));
            }
        }
        return versions;
    }

    private boolean historyExists(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select to_regclass(?) is not null")) {
            query.setString(1, settings.history().quotedName());
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    /**
     * Creates the history table as Flyway does on its first migrate; like Flyway, refuses a schema that already has
     * tables but no history (a database built some other way is adopted with baseline, not migrated over).
     */
    private void createHistory(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                select exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = ? and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
                  and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e'))
                """)) {
            query.setString(1, settings.schema());
            try (ResultSet result = query.executeQuery()) {
                result.next();
                if (result.getBoolean(1)) {
                    throw DemeterException.userMistake("Found non-empty schema \"" + settings.schema() + "\" but no"
                            + " history table " + settings.history().quotedName() + ". Adopt the existing schema at the version"
                            + " it matches with demeter:baseline. Nothing was changed.");
                }
            }
        }
        try (Statement create = connection.createStatement()) {
            for (String sql : settings.history().createSql().split(";\n")) {
                create.execute(sql);
            }
        }
        listener.debug("Created " + settings.history().quotedName());
    }

    private static int millisSince(long started) {
        return (int) Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    /** What a Java migration sees while it runs: our connection and the configuration the scan used. */
    private record RunContext(Configuration configuration, Connection connection) implements Context {
        @Override
        public Configuration getConfiguration() {
            return configuration;
        }

        @Override
        public Connection getConnection() {
            return connection;
        }
    }

    /**
     * Puts the run's connection back in autocommit after a step, as the next step and the lock's release expect;
     * on a session the server ended there is nothing left to restore. Rollback's steps end the same way.
     */
    static void restoreAutoCommit(Connection connection) throws SQLException {
        if (!connection.isClosed()) {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException dead) {
                // nothing left to restore on a dead session
            }
        }
    }
}
