package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.api.DemeterMigration;
import ai.demeter.migrations.api.StatementLockTimeout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * Flyway, where the engine still asks it: the only place that builds Flyway's configuration. Flyway scans the code
 * and the history when {@link HistoryAgreement} cannot answer (a failed, baselined or edited migration, a location
 * that is not a plain folder of classes), validates before a migrate it did not plan from the agreement, and writes
 * a baseline. Every Flyway exception leaves here explained ({@link MigrationFailures}).
 */
final class FlywayAdapter {
    private final EngineSettings settings;
    private final MigrationListener listener;

    FlywayAdapter(EngineSettings settings, MigrationListener listener) {
        this.settings = settings;
        this.listener = listener;
    }

    /**
     * What one Flyway scan of the code and the history says: the state, every version it knows, what is pending,
     * and the versions applied.
     */
    record Scan(DatabaseState state, List<MigrationVersion> versions, List<MigrationInfo> pending,
            Set<String> applied) {
    }

    Scan scan() {
        return scan(configuration());
    }

    Scan scan(FluentConfiguration configuration) {
        try {
            var info = configuration.load().info();
            keepChecksums();
            MigrationInfo current = info.current();
            List<MigrationInfo> pendingInfos = Arrays.stream(info.pending()).filter(MigrationInfo::isVersioned).toList();
            List<DatabaseState.PendingMigration> pending = pendingInfos.stream()
                    .map(m -> new DatabaseState.PendingMigration(m.getVersion().getVersion(), m.getDescription()))
                    .toList();
            DatabaseState state = current == null
                    ? new DatabaseState(null, null, pending)
                    : new DatabaseState(current.getVersion().getVersion(), current.getDescription(), pending);
            List<MigrationVersion> versions = Arrays.stream(info.all())
                    .filter(MigrationInfo::isVersioned)
                    .map(MigrationInfo::getVersion)
                    .toList();
            Set<String> applied = Arrays.stream(info.applied())
                    .filter(m -> m.isVersioned() && !m.getState().isFailed())
                    .map(m -> m.getVersion().getVersion())
                    .collect(Collectors.toSet());
            return new Scan(state, versions, pendingInfos, applied);
        } catch (FlywayException e) {
            throw explain(e);
        }
    }

    /** Every migration Flyway knows of, in the code or the history. */
    MigrationInfo[] all() {
        try {
            MigrationInfo[] all = configuration().load().info().all();
            keepChecksums();
            return all;
        } catch (FlywayException e) {
            throw explain(e);
        }
    }

    /** The migrations of the history, applied or failed, oldest first. */
    MigrationInfo[] applied() {
        try {
            MigrationInfo[] applied = configuration().load().info().applied();
            keepChecksums();
            return applied;
        } catch (FlywayException e) {
            throw explain(e);
        }
    }

    /**
     * Validates as Flyway's migrate does before it runs anything (changed checksums, applied migrations missing from
     * the code, ignored ones; pending ones are fine), failing with the message Flyway's migrate would give, or, when
     * a failed non-transactional migration left something behind, with what clears it.
     */
    void validateBeforeMigrating(Supplier<Leftovers> leftovers) {
        try {
            ValidateResult result = configuration().ignoreMigrationPatterns("*:future", "*:pending").load()
                    .validateWithResult();
            if (!result.validationSuccessful) {
                // A failed non-transactional migration fails validation too; what it left is explained better.
                Leftovers left = leftovers.get();
                if (!left.isEmpty()) {
                    throw DemeterException.userMistake(left.refusal(settings.history()));
                }
                throw new FlywayValidateException(result.errorDetails, result.getAllErrorMessages());
            }
        } catch (FlywayException e) {
            throw explain(e);
        }
    }

    /**
     * What Flyway's validate finds wrong, pending migrations aside, one line each; failed rows are left out, since
     * {@link Leftovers} says how to clear them and Flyway names a repair command Demeter has not.
     */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        try {
            ValidateResult result = configuration().ignoreMigrationPatterns("*:pending").load().validateWithResult();
            keepChecksums();
            if (!result.validationSuccessful) {
                boolean failedRows = false;
                for (ValidateOutput invalid : result.invalidMigrations) {
                    if (invalid.errorDetails.errorCode == CoreErrorCode.FAILED_VERSIONED_MIGRATION) {
                        failedRows = true;
                        continue;
                    }
                    problems.add((invalid.version == null || invalid.version.isEmpty() ? "" : "V" + invalid.version + " ")
                            + "(" + invalid.description + "): " + invalid.errorDetails.errorMessage);
                }
                if (problems.isEmpty() && !failedRows && result.errorDetails != null) {
                    problems.add(result.errorDetails.errorMessage);
                }
            }
        } catch (FlywayException e) {
            throw explain(e);
        }
        return problems;
    }

    /** Writes Flyway's baseline row at {@code version}. */
    void baseline(String version, String description) {
        try {
            configuration().baselineVersion(version).baselineDescription(description).load().baseline();
        } catch (FlywayException e) {
            throw explain(e);
        }
    }

    /** The DemeterMigration behind a Java migration's history row (its script is the class name). */
    Optional<DemeterMigration> load(MigrationInfo info) {
        if (!info.getState().isResolved()) {
            return Optional.empty();
        }
        return MigrationScan.instance(settings.classLoader(), info.getScript());
    }

    FluentConfiguration configuration() {
        FlywayLogBridge.install(listener);
        settings.checksums().prime(settings.classLoader(), listener);
        // A session-level lock, not Flyway's default transaction-level one: an open transaction holding the lock
        // would make CREATE INDEX CONCURRENTLY in a non-transactional migration wait for it forever.
        FluentConfiguration configuration = Flyway.configure(settings.classLoader());
        configuration.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        return settings.connectFlyway(configuration)
                .placeholders(Map.of(StatementLockTimeout.PLACEHOLDER,
                        Long.toString(settings.statementLockTimeout().toMillis())))
                .locations(settings.locations().toArray(String[]::new))
                .schemas(settings.schema())
                .table(settings.historyTable())
                .loggers(FlywayLogBridge.class.getName())
                .connectRetries(0)
                .validateMigrationNaming(true)
                .failOnMissingLocations(true);
    }

    /** Keeps the checksums a scan computed for the next run (a no-op when they were all cached). */
    void keepChecksums() {
        settings.checksums().keep(settings.classLoader(), listener);
    }

    private DemeterException explain(FlywayException e) {
        return MigrationFailures.explain(e, settings.target().password());
    }
}
