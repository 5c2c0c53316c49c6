package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.database.Secrets;
import ai.demeter.migrations.internal.Lazy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * A migrate: where the database stands (from the history agreement when it can answer, else Flyway's scan and
 * validation), the guards, then {@link MigrateRun} applies the pending migrations up to the target.
 */
final class MigrateOperation {
    private final EngineSettings settings;
    private final MigrationListener listener;
    private final FlywayAdapter flyway;
    private final HistoryReader history;
    private final Guards guards;

    MigrateOperation(EngineSettings settings, MigrationListener listener, FlywayAdapter flyway, HistoryReader history,
            Guards guards) {
        this.settings = settings;
        this.listener = listener;
        this.flyway = flyway;
        this.history = history;
        this.guards = guards;
    }

    MigrateOutcome run(MigrateTarget target, Duration lockTimeout) {
        long begun = System.nanoTime();
        // One connection for the checks and the run: a migrate of a few migrations is mostly fixed costs.
        try (Connection connection = history.connectionAndChecksums()) {
            guards.refuseAlembic(connection, "migrating");
            Optional<HistoryAgreement.Prefix> prefix = history.agreement(connection);
            Optional<HistoryAgreement.Agreed> agreed = prefix.flatMap(HistoryAgreement.Prefix::agreed);
            if (agreed.isPresent() && reached(agreed.get(), target)) {
                listener.debug("History and code agree at version " + agreed.get().version() + "; Flyway not needed");
                Leftovers leftovers = Leftovers.find(connection, settings.history());
                if (!leftovers.isEmpty()) {
                    throw DemeterException.userMistake(leftovers.refusal(settings.history()));
                }
                String version = agreed.get().version();
                return new MigrateOutcome(0, Duration.ofNanos(System.nanoTime() - begun), version, version, 0);
            }
            // Only before running something: it creates every migration class. A class Flyway would skip cannot be
            // part of an agreement (a misnamed one is not a migration to it, one that cannot be created has no
            // rendering), so a migrate with nothing to do misses nothing by not looking.
            guards.refuseUnusableClasses("migrating");
            return run(connection, prefix, target, lockTimeout);
        } catch (SQLException e) {
            throw DemeterException.fault("Cannot read the history and alembic_version: " + Secrets.mask(e.getMessage()), e);
        }
    }

    private MigrateOutcome run(Connection connection, Optional<HistoryAgreement.Prefix> prefix,
            MigrateTarget target, Duration lockTimeout) {
        // Built only when Flyway is asked something: planning from the prefix needs no Flyway at all.
        Supplier<FluentConfiguration> configuration = Lazy.of(flyway::configuration);
        // What is pending: when the history holds the oldest migrations of the code exactly, the rest, and Flyway's
        // validation could refuse nothing (pending migrations are fine to it); otherwise one Flyway scan of the code
        // and the history, validated as Flyway's migrate validates.
        Pending pending;
        if (prefix.isPresent()) {
            listener.debug("The history holds the oldest " + prefix.get().applied() + " of " + prefix.get().code().size()
                    + " migrations as they are in the code; planning without Flyway");
            pending = Pending.of(prefix.get());
        } else {
            pending = Pending.of(flyway.scan(configuration.get()), settings.classLoader());
        }
        DatabaseState before = pending.state();
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
        if (target instanceof MigrateTarget.Version requested && !pending.versions().contains(version)) {
            throw DemeterException.userMistake("demeter.target=" + requested.version() + " is not the version of any"
                    + " migration. Pending: " + describe(before.pending()) + ". Run demeter:history to see them all.");
        }
        guards.refuseUnsafeStatements("migrating", pending.upTo(version).stream()
                .map(step -> new Guards.Screened(label(step), step.migration(), true))
                .toList());
        if (prefix.isEmpty()) {
            flyway.validateBeforeMigrating(history::leftovers);
        }
        long started = System.nanoTime();
        MigrateRun.Result result = new MigrateRun(settings, configuration, listener).execute(connection,
                pending.plan(version), lockTimeout, () -> Pending.of(flyway.scan(configuration.get()), settings.classLoader()).plan(version));
        return new MigrateOutcome(result.applied(), Duration.ofNanos(System.nanoTime() - started),
                before.currentVersion(), result.version(), result.stillPending());
    }

    /**
     * What a migrate can run: where the database stands, every version in the code or the history (a target must
     * name one), the pending migrations oldest first, and the versions applied when the history was read.
     */
    private record Pending(DatabaseState state, List<MigrationVersion> versions, List<CodeMigration> steps,
            Set<String> applied) {
        static Pending of(FlywayAdapter.Scan scan, ClassLoader loader) {
            return new Pending(scan.state(), scan.versions(), scan.pending().stream().map(info -> CodeMigration.of(info.getVersion(), info.getDescription(),
                    info.getScript(), info.getChecksum(), loader)).toList(),
                    scan.applied());
        }

        static Pending of(HistoryAgreement.Prefix prefix) {
            List<CodeMigration> code = prefix.code();
            return new Pending(prefix.state(), code.stream().map(CodeMigration::version).toList(),
                    prefix.pending(),
                    code.subList(0, prefix.applied()).stream().map(known -> known.version().getVersion())
                            .collect(Collectors.toSet()));
        }

        /** Pending migrations up to and including {@code target}, oldest first. */
        List<CodeMigration> upTo(MigrationVersion target) {
            return steps.stream().filter(step -> step.version().compareTo(target) <= 0).toList();
        }

        /** A migrate up to {@code target}. */
        MigrateRun.Plan plan(MigrationVersion target) {
            return new MigrateRun.Plan(applied, upTo(target), state);
        }
    }

    private static String label(CodeMigration step) {
        return "V" + step.version().getVersion() + " (" + step.description() + ")";
    }

    /**
     * Whether a database whose history agrees with the code is already at {@code target}: every migration is applied,
     * so head and any version in the code are reached. A relative target is left to the full path, which explains
     * that nothing is pending.
     */
    private static boolean reached(HistoryAgreement.Agreed agreed, MigrateTarget target) {
        if (target instanceof MigrateTarget.Version requested) {
            return agreed.versions().contains(MigrationVersion.fromVersion(requested.version()));
        }
        return target instanceof MigrateTarget.Head;
    }

    static String describe(List<DatabaseState.PendingMigration> pending) {
        if (pending.isEmpty()) {
            return "none";
        }
        return String.join(", ", pending.stream().map(p -> "V" + p.version()).toList());
    }
}
