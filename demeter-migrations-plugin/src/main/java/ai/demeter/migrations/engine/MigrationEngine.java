package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.Secrets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies migrations and reports where a database stands, through Flyway: its history table, one transaction
 * per migration, its advisory lock against concurrent runs, validation before migrating.
 */
public final class MigrationEngine {
    static {
        // jOOQ prints a banner and tips on first use; migration output should be ours alone.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    private final EngineSettings settings;
    private final MigrationListener listener;

    public MigrationEngine(EngineSettings settings, MigrationListener listener) {
        this.settings = settings;
        this.listener = listener;
    }

    /** Applies pending migrations up to {@code target}. */
    public MigrateOutcome migrate(MigrateTarget target) {
        checkConnection();
        DatabaseState before = state();
        MigrationVersion version;
        if (target instanceof MigrateTarget.Version requested) {
            version = MigrationVersion.fromVersion(requested.version());
        } else if (target instanceof MigrateTarget.Relative relative) {
            if (relative.steps() > before.pending().size()) {
                throw DemeterException.userMistake("demeter.target=+" + relative.steps() + " asks for more"
                        + " migrations than are pending (" + before.pending().size() + "). Use head to apply them all.");
            }
            version = MigrationVersion.fromVersion(before.pending().get(relative.steps() - 1).version());
        } else {
            version = MigrationVersion.LATEST;
        }
        if (target instanceof MigrateTarget.Version requested && !knownVersions().contains(version)) {
            throw DemeterException.userMistake("demeter.target=" + requested.version() + " is not the version of any"
                    + " migration. Pending: " + describe(before.pending()) + ". Run demeter:history to see them all.");
        }
        long started = System.nanoTime();
        MigrateResult result;
        try {
            result = flyway(configuration().target(version).callbacks(new MigrationTimer(listener))).migrate();
        } catch (FlywayException e) {
            throw MigrationFailures.explain(e, settings.target().password());
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - started);
        DatabaseState after = state();
        return new MigrateOutcome(result.migrationsExecuted, duration, before.currentVersion(), after.currentVersion(),
                after.pending().size());
    }

    /** The database's current version and what is pending. Changes nothing. */
    public DatabaseState current() {
        checkConnection();
        return state();
    }

    private DatabaseState state() {
        try {
            var info = flyway(configuration()).info();
            MigrationInfo current = info.current();
            List<DatabaseState.PendingMigration> pending = Arrays.stream(info.pending())
                    .filter(MigrationInfo::isVersioned)
                    .map(m -> new DatabaseState.PendingMigration(m.getVersion().getVersion(), m.getDescription()))
                    .toList();
            return current == null
                    ? new DatabaseState(null, null, pending)
                    : new DatabaseState(current.getVersion().getVersion(), current.getDescription(), pending);
        } catch (FlywayException e) {
            throw MigrationFailures.explain(e, settings.target().password());
        }
    }

    private List<MigrationVersion> knownVersions() {
        return Arrays.stream(flyway(configuration()).info().all())
                .filter(MigrationInfo::isVersioned)
                .map(MigrationInfo::getVersion)
                .toList();
    }

    private void checkConnection() {
        // Flyway's own message for an unreachable server is a stack of wrappers; ours says what to check.
        try (Connection connection = Connections.open(settings.target())) {
            listener.debug("Connected to " + settings.target().displayUrl() + " as " + settings.target().user());
        } catch (SQLException e) {
            throw DemeterException.fault("Cannot close connection: " + Secrets.mask(e.getMessage()), e);
        }
    }

    private FluentConfiguration configuration() {
        FlywayLogBridge.install(listener);
        return Flyway.configure(settings.classLoader())
                .dataSource(settings.target().url(), settings.target().user(), settings.target().password())
                .locations(settings.locations().toArray(String[]::new))
                .schemas(settings.schema())
                .table(settings.historyTable())
                .loggers(FlywayLogBridge.class.getName())
                .connectRetries(0)
                .validateMigrationNaming(true)
                .failOnMissingLocations(true);
    }

    private static Flyway flyway(FluentConfiguration configuration) {
        return configuration.load();
    }

    static String describe(List<DatabaseState.PendingMigration> pending) {
        if (pending.isEmpty()) {
            return "none";
        }
        return String.join(", ", pending.stream().map(p -> "V" + p.version()).toList());
    }
}
