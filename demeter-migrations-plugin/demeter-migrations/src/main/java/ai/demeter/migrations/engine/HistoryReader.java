package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.BackfillProgress;
import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.api.DemeterMigration;
import ai.demeter.migrations.database.Secrets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Where a database stands against the code, read once per operation from the quickest correct source: the
 * {@link HistoryAgreement} (one read of the history table, no Flyway) when the history holds exactly the oldest
 * migrations of the code, otherwise Flyway's scan ({@link FlywayAdapter}). Every operation asks here: the state,
 * the applied migrations with their code, the listing, the validation problems.
 */
final class HistoryReader {
    private final EngineSettings settings;
    private final MigrationListener listener;
    private final FlywayAdapter flyway;
    private final Guards guards;

    HistoryReader(EngineSettings settings, MigrationListener listener, FlywayAdapter flyway, Guards guards) {
        this.settings = settings;
        this.listener = listener;
        this.flyway = flyway;
        this.guards = guards;
    }

    /** A connection, saying where it connected at debug level. */
    Connection connection() {
        Connection connection = settings.connect();
        listener.debug("Connected to " + settings.target().displayUrl() + " as " + settings.target().user());
        return connection;
    }

    /**
     * A connection, and the checksum cache read, for a look at the history agreement (which needs both): the cache
     * is read on another thread while the connection opens, since neither waits for the other (fingerprinting the
     * class path and loading the migration classes, against loading the driver and the server's handshake).
     */
    Connection connectionAndChecksums() {
        CompletableFuture<Void> primed = CompletableFuture.runAsync(
                () -> settings.checksums().prime(settings.classLoader(), listener));
        Connection connection = connection();
        try {
            primed.join();
        } catch (CompletionException e) {
            // Reading the cache only saves rendering: with no renderings known, the agreement leaves the look to
            // Flyway's scan, which renders them.
            listener.debug("Cannot read the checksum cache: " + e.getCause());
        }
        return connection;
    }

    /** Fails with Demeter's message for an unreachable server (Flyway's own is a stack of wrappers). */
    void checkConnection() {
        try (Connection opened = connection()) {
            // reachable; connection() said where at debug level
        } catch (SQLException e) {
            throw DemeterException.fault("Cannot close the connection: " + Secrets.mask(e.getMessage()), e);
        }
    }

    /** Whether the history holds exactly the oldest migrations of the code (all of them, some, or none). */
    Optional<HistoryAgreement.Prefix> agreement(Connection connection) {
        return HistoryAgreement.read(connection, settings, listener);
    }

    /** Where the database stands, when the history holds exactly the oldest migrations of the code. */
    Optional<DatabaseState> agreedState(Connection connection) {
        Optional<HistoryAgreement.Prefix> prefix = agreement(connection);
        prefix.ifPresent(agreed -> listener.debug("The history holds the oldest " + agreed.applied() + " of "
                + agreed.code().size() + " migrations as they are in the code; Flyway not needed"));
        return prefix.map(HistoryAgreement.Prefix::state);
    }

    /** Where the database stands, from Flyway's scan. */
    DatabaseState scannedState() {
        return flyway.scan().state();
    }

    /** The database's current version and what is pending. */
    DatabaseState state() {
        try (Connection connection = connectionAndChecksums()) {
            Optional<DatabaseState> agreed = agreedState(connection);
            if (agreed.isPresent()) {
                return agreed.get();
            }
        } catch (SQLException e) {
            throw DemeterException.fault("Cannot close the connection: " + Secrets.mask(e.getMessage()), e);
        }
        return scannedState();
    }

    /** The line {@code current} prints: an Alembic database's revision, or {@link DatabaseState#summary()}. */
    String summary() {
        String backfills;
        try (Connection connection = connectionAndChecksums()) {
            Optional<AlembicDatabase> alembic = AlembicAdoption.detect(connection, settings);
            if (alembic.isPresent()) {
                return "Current: " + alembic.get().describe();
            }
            backfills = BackfillProgress.unfinished(connection, settings.schema()).stream()
                    .map(step -> " " + step.describe() + " (migrate resumes it).").collect(Collectors.joining());
            Optional<DatabaseState> agreed = agreedState(connection);
            if (agreed.isPresent()) {
                return agreed.get().summary() + backfills;
            }
        } catch (SQLException e) {
            throw DemeterException.fault("Cannot read the history and alembic_version: " + Secrets.mask(e.getMessage()), e);
        }
        return scannedState().summary() + backfills;
    }

    /** The Alembic chain's state of a database not adopted yet; empty for any other database. */
    Optional<AlembicDatabase> alembic() {
        try (Connection connection = settings.connect()) {
            return AlembicAdoption.detect(connection, settings);
        } catch (SQLException e) {
            throw DemeterException.fault("Cannot read alembic_version: " + Secrets.mask(e.getMessage()), e);
        }
    }

    /** What a failed non-transactional migration left behind. */
    Leftovers leftovers() {
        try (Connection connection = settings.connect()) {
            return Leftovers.find(connection, settings.history());
        } catch (SQLException e) {
            throw DemeterException.fault("Cannot read pg_index and the history table: " + Secrets.mask(e.getMessage()), e);
        }
    }

    /**
     * What a rollback may undo: the applied history, oldest first, with the code behind each row. Refuses an
     * Alembic database, whose empty Flyway history would read as base.
     */
    List<AppliedMigration> applied() {
        // Also says where it connected, and fails with our message for an unreachable server before Flyway would.
        try (Connection connection = connectionAndChecksums()) {
            guards.refuseAlembic(connection, "rolling back");
            Optional<HistoryAgreement.Prefix> prefix = agreement(connection);
            if (prefix.isPresent()) {
                listener.debug("The history holds the oldest " + prefix.get().applied() + " migrations of the code as"
                        + " they are; planning without Flyway");
                return prefix.get().code().subList(0, prefix.get().applied()).stream()
                        .map(known -> {
                            DemeterMigration code = MigrationScan.instance(settings.classLoader(), known.script())
                                    .orElse(null);
                            return new AppliedMigration(known.version().getVersion(), known.description(),
                                    code == null ? AppliedMigration.Kind.FOREIGN : AppliedMigration.Kind.DEMETER, code);
                        })
                        .toList();
            }
        } catch (SQLException e) {
            throw DemeterException.fault("Cannot read the history and alembic_version: " + Secrets.mask(e.getMessage()), e);
        }
        List<AppliedMigration> applied = new ArrayList<>();
        for (MigrationInfo info : flyway.applied()) {
            if (!info.isVersioned() || info.getState().isFailed()) {
                continue;
            }
            String version = info.getVersion().getVersion();
            AppliedMigration.Kind kind;
            DemeterMigration code = null;
            if (info.getType().isBaseline()) {
                kind = AppliedMigration.Kind.BASELINE;
            } else if (!info.getState().isResolved()) {
                kind = AppliedMigration.Kind.MISSING;
            } else {
                code = flyway.load(info).orElse(null);
                kind = code == null ? AppliedMigration.Kind.FOREIGN : AppliedMigration.Kind.DEMETER;
            }
            applied.add(new AppliedMigration(version, info.getDescription(), kind, code));
        }
        return applied;
    }

    /** Every migration: applied, pending, baselined, adopted, missing from the code, rolled back. */
    List<HistoryEntry> entries() {
        checkConnection();
        List<HistoryEntry> entries = new ArrayList<>();
        Map<String, Timestamp> adopted;
        Map<String, String> backfilling = new HashMap<>();
        try (Connection connection = settings.connect()) {
            adopted = AlembicAdoption.adoptedAt(connection, settings.schema());
            for (BackfillProgress.Step step : BackfillProgress.unfinished(connection, settings.schema())) {
                backfilling.merge(step.version(), step.describe(), (a, b) -> a + "; " + b);
            }
        } catch (SQLException e) {
            throw DemeterException.fault("Cannot read the adoption record: " + Secrets.mask(e.getMessage()), e);
        }
        for (MigrationInfo info : flyway.all()) {
            if (!info.isVersioned()) {
                continue;
            }
            DemeterMigration code = flyway.load(info).orElse(null);
            boolean applied = info.getState().isApplied();
            String checksum = !applied || code == null || info.getType().isBaseline() ? "-"
                    : info.isChecksumMatching() ? "ok" : "changed";
            Timestamp adoptedAt = adopted.get(info.getVersion().getVersion());
            boolean fromAdoption = applied && adoptedAt != null && info.getInstalledOn() != null
                    && adoptedAt.getTime() == info.getInstalledOn().getTime();
            entries.add(new HistoryEntry(info.getVersion().getVersion(), info.getDescription(),
                    fromAdoption ? "Adopted" : !applied && backfilling.containsKey(info.getVersion().getVersion())
                            ? info.getState().getDisplayName() + " (" + backfilling.get(info.getVersion().getVersion()) + ")"
                            : info.getState().getDisplayName(),
                    info.getInstalledOn() == null ? null : info.getInstalledOn().toInstant().atOffset(ZoneOffset.UTC),
                    info.getInstalledBy(), info.getExecutionTime(),
                    code == null ? null : code.irreversibilityReason().isEmpty(), checksum));
        }
        try (Connection connection = settings.connect()) {
            for (RollbackJournal.Entry undone : new RollbackJournal(settings.schema()).entries(connection)) {
                entries.add(new HistoryEntry(undone.version(), undone.description(), "Rolled back",
                        undone.rolledBackAt(), undone.databaseUser(), (int) undone.durationMillis(), null, "-"));
            }
        } catch (SQLException e) {
            throw DemeterException.fault("Cannot read the rollback history: " + Secrets.mask(e.getMessage()), e);
        }
        return entries;
    }

    /**
     * Problems between the code and the applied history (see {@link MigrationEngine#validate()}); empty when valid.
     */
    List<String> problems() {
        try (Connection connection = connectionAndChecksums()) {
            // Its empty Flyway history would pass: a database Demeter does not keep yet is not valid for it.
            Optional<AlembicDatabase> alembic = AlembicAdoption.detect(connection, settings);
            if (alembic.isPresent()) {
                return List.of("The database is " + alembic.get().describe());
            }
            // Pending migrations are no problem: a history that holds the oldest ones of the code is valid.
            if (agreedState(connection).isPresent()) {
                return Leftovers.find(connection, settings.history()).problems(settings.history());
            }
        } catch (SQLException e) {
            throw DemeterException.fault("Cannot read pg_index and the history table: " + Secrets.mask(e.getMessage()), e);
        }
        List<String> problems = new ArrayList<>(flyway.problems());
        problems.addAll(leftovers().problems(settings.history()));
        return problems;
    }

    /** The migrations in the code, oldest first, with the checksum Flyway stores for each. */
    List<CodeMigration> code() {
        checkConnection();
        return Arrays.stream(flyway.all())
                .filter(info -> info.isVersioned() && info.getState().isResolved() && !info.getType().isBaseline())
                .map(info -> CodeMigration.of(info.getVersion(), info.getDescription(), info.getScript(),
                        info.getChecksum(), settings.classLoader()))
                .toList();
    }
}
