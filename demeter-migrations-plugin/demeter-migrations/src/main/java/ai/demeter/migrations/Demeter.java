package ai.demeter.migrations;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.api.StatementLockTimeout;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.engine.ChecksumCache;
import ai.demeter.migrations.engine.DatabaseState;
import ai.demeter.migrations.engine.EngineSettings;
import ai.demeter.migrations.engine.HistoryEntry;
import ai.demeter.migrations.engine.MigrateOutcome;
import ai.demeter.migrations.engine.MigrateTarget;
import ai.demeter.migrations.engine.MigrationEngine;
import ai.demeter.migrations.engine.MigrationListener;
import ai.demeter.migrations.engine.RollbackOptions;
import ai.demeter.migrations.engine.RollbackOutcome;
import ai.demeter.migrations.engine.RollbackRequest;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Demeter as a library, for an application that migrates its own database at start-up. The same engine as the
 * Maven goals and the migrations jar: Flyway's history table and advisory lock, checksums of the rendered SQL,
 * rollback with its audit row.
 *
 * <pre>{@code
 * Demeter demeter = Demeter.configure().dataSource(dataSource).load();
 * MigrateOutcome outcome = demeter.migrate();          // everything pending, one transaction per migration
 * }</pre>
 *
 * Migrations are found on the class path ({@code classpath:db/migration} unless {@link Configuration#locations}
 * says otherwise). What happens is reported to a {@link MigrationListener}: by default to
 * {@link System.Logger} {@code ai.demeter.migrations}, which the application's logging picks up.
 */
public final class Demeter {
    private final MigrationEngine engine;

    private Demeter(MigrationEngine engine) {
        this.engine = engine;
    }

    public static Configuration configure() {
        return new Configuration();
    }

    /** Applies every pending migration. */
    public MigrateOutcome migrate() {
        return engine.migrate(new MigrateTarget.Head());
    }

    /** Applies pending migrations up to {@code target}: {@code head}, a version ({@code 7}) or {@code +N}. */
    public MigrateOutcome migrate(String target) {
        return engine.migrate(MigrateTarget.parse(target));
    }

    /** Undoes the newest {@code steps} applied migrations, newest first, after planning all of them. */
    public RollbackOutcome rollback(int steps) {
        return rollback(new RollbackRequest.Steps(steps), RollbackOptions.defaults());
    }

    /**
     * Undoes migrations as {@code request} says ({@code RollbackRequest.parse(null, "base")}, ...). A database that
     * is not on this machine needs {@code options.confirm()} equal to its name.
     */
    public RollbackOutcome rollback(RollbackRequest request, RollbackOptions options) {
        return engine.rollback(request, options);
    }

    /** The version the database is at and what is pending. */
    public DatabaseState current() {
        return engine.current();
    }

    /** Every migration, applied, pending and rolled back. */
    public List<HistoryEntry> history() {
        return engine.history();
    }

    /**
     * Fails when an applied migration's code changed, is missing, or the order is broken; pending migrations are
     * fine.
     *
     * @throws DemeterException listing every problem
     */
    public void validate() {
        List<String> problems = engine.validate();
        if (!problems.isEmpty()) {
            throw DemeterException.userMistake("The database's history and the migrations disagree:\n  "
                    + String.join("\n  ", problems));
        }
    }

    /** What the engine needs; {@link #load()} checks it and connects once to describe the database. */
    public static final class Configuration {
        private DataSource dataSource;
        private DatabaseTarget target;
        private ClassLoader classLoader;
        private List<String> locations = List.of(EngineSettings.DEFAULT_LOCATION);
        private String schema = EngineSettings.DEFAULT_SCHEMA;
        private String historyTable = EngineSettings.DEFAULT_HISTORY_TABLE;
        private MigrationListener listener = new SystemLoggerListener();
        private Duration statementLockTimeout = StatementLockTimeout.DEFAULT;

        private Configuration() {
        }

        /** The application's connection pool. */
        public Configuration dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            this.target = null;
            return this;
        }

        /** A JDBC URL ({@code jdbc:postgresql://host:5432/db}) and credentials, instead of a data source. */
        public Configuration url(String url, String user, String password) {
            this.target = new DatabaseTarget(url, user, password, "the application's configuration");
            this.dataSource = null;
            return this;
        }

        /** Flyway locations of the migrations; {@code classpath:db/migration} by default. */
        public Configuration locations(String... locations) {
            this.locations = List.of(locations);
            return this;
        }

        /** The class loader that sees the migrations; the thread's context class loader by default. */
        public Configuration classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
            return this;
        }

        /** Where Flyway keeps its history ({@code public.flyway_schema_history} by default). */
        public Configuration historyTable(String schema, String table) {
            this.schema = Objects.requireNonNull(schema, "schema");
            this.historyTable = Objects.requireNonNull(table, "table");
            return this;
        }

        /**
         * How long each statement of a migration may wait for a lock another session holds (PostgreSQL's
         * {@code lock_timeout}); 10 s by default, {@link Duration#ZERO} for no limit. A migration's own
         * {@code statementLockTimeout()} wins.
         */
        public Configuration statementLockTimeout(Duration timeout) {
            this.statementLockTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Where progress lines go; {@link MigrationListener#SILENT} for none. */
        public Configuration listener(MigrationListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public Demeter load() {
            if (dataSource == null && target == null) {
                throw DemeterException.userMistake("Demeter.configure() needs a database: call dataSource(...) or"
                        + " url(...) before load().");
            }
            ClassLoader loader = classLoader != null ? classLoader
                    : Thread.currentThread().getContextClassLoader() != null
                            ? Thread.currentThread().getContextClassLoader() : Demeter.class.getClassLoader();
            DatabaseTarget described = dataSource == null ? target : describe(dataSource);
            EngineSettings settings = new EngineSettings(described, loader, locations, schema, historyTable,
                    dataSource, statementLockTimeout, ChecksumCache.NONE);
            return new Demeter(new MigrationEngine(settings, listener));
        }

        /** The URL and user behind a data source, for messages and the rollback's same-machine check. */
        private static DatabaseTarget describe(DataSource dataSource) {
            try (Connection connection = dataSource.getConnection()) {
                DatabaseMetaData metadata = connection.getMetaData();
                return new DatabaseTarget(metadata.getURL(), metadata.getUserName(), null,
                        "the application's DataSource");
            } catch (SQLException e) {
                throw DemeterException.userMistake("Cannot connect through the application's DataSource: "
                        + ai.demeter.migrations.database.Secrets.mask(e.getMessage())
                        + ". Check its URL and credentials.", e);
            }
        }
    }

    /** Progress lines to {@link System.Logger} {@code ai.demeter.migrations}. */
    private static final class SystemLoggerListener implements MigrationListener {
        private final System.Logger logger = System.getLogger("ai.demeter.migrations");

        @Override
        public void info(String message) {
            logger.log(System.Logger.Level.INFO, message);
        }

        @Override
        public void warn(String message) {
            logger.log(System.Logger.Level.WARNING, message);
        }

        @Override
        public void debug(String message) {
            logger.log(System.Logger.Level.DEBUG, message);
        }
    }
}
