package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.api.DemeterMigration;
import ai.demeter.migrations.api.RenderedMigrations;
import ai.demeter.migrations.api.StatementLockTimeout;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.database.Secrets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
 * Applies migrations and reports where a database stands. Flyway finds the migrations, reads and validates its
 * history table; {@link MigrateRun} applies them under Flyway's advisory lock, writing Flyway's history rows, one
 * transaction per migration.
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

    /** Applies pending migrations up to {@code target}, waiting for a concurrent run at most the default time. */
    public MigrateOutcome migrate(MigrateTarget target) {
        return migrate(target, RollbackOptions.DEFAULT_LOCK_TIMEOUT);
    }

    /**
     * Applies pending migrations up to {@code target}. When another migrate or rollback holds Flyway's lock, waits
     * for it at most {@code lockTimeout}, then fails naming the holder, having changed nothing.
     */
    public MigrateOutcome migrate(MigrateTarget target, Duration lockTimeout) {
        long begun = System.nanoTime();
        // One connection for the checks and the run: a migrate of a few migrations is mostly fixed costs.
        try (Connection connection = connectionAndChecksums()) {
            Optional<HistoryAgreement.Prefix> prefix = lookBeforeMigrating(connection);
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
            refuseUnusableClasses("migrating");
            return migrate(connection, prefix, target, lockTimeout);
        } catch (SQLException e) {
            throw DemeterException.fault("Cannot read the history and alembic_version: " + Secrets.mask(e.getMessage()), e);
        }
    }

    /** Refuses an Alembic database; then what the history agrees with in the code. */
    private Optional<HistoryAgreement.Prefix> lookBeforeMigrating(Connection connection) throws SQLException {
        refuseAlembic(connection, "migrating");
        return HistoryAgreement.read(connection, settings, listener);
    }

    /**
     * Refuses to change a database the Alembic chain built and Demeter has not adopted: its Flyway history is empty,
     * which reads as base to everything else.
     */
    private void refuseAlembic(Connection connection, String doing) throws SQLException {
        Optional<AlembicDatabase> alembic = AlembicAdoption.detect(connection, settings);
        if (alembic.isPresent()) {
            throw DemeterException.userMistake("Not " + doing + ": the database is " + alembic.get().describe()
                    + " Nothing was changed.");
        }
    }

    private MigrateOutcome migrate(Connection connection, Optional<HistoryAgreement.Prefix> prefix,
            MigrateTarget target, Duration lockTimeout) {
        // Built only when Flyway is asked something: planning from the prefix needs no Flyway at all.
        Supplier<FluentConfiguration> configuration = memoized(this::configuration);
        // What is pending: when the history holds the oldest migrations of the code exactly, the rest, and Flyway's
        // validation could refuse nothing (pending migrations are fine to it); otherwise one Flyway scan of the code
        // and the history, validated as Flyway's migrate validates.
        Pending pending;
        if (prefix.isPresent()) {
            listener.debug("The history holds the oldest " + prefix.get().applied() + " of " + prefix.get().code().size()
                    + " migrations as they are in the code; planning without Flyway");
            pending = Pending.of(prefix.get());
        } else {
            pending = Pending.of(scan(configuration.get()));
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
        refuseUnsafeStatements("migrating", pending.upTo(version).stream()
                .map(step -> new Screened(label(step), load(step.script()).orElse(null), true)).toList());
        if (prefix.isEmpty()) {
            validateBeforeMigrating();
        }
        long started = System.nanoTime();
        MigrateRun.Result result = new MigrateRun(settings, configuration, listener).execute(connection,
                pending.plan(version), lockTimeout, () -> Pending.of(scan(configuration.get())).plan(version));
        return new MigrateOutcome(result.applied(), Duration.ofNanos(System.nanoTime() - started),
                before.currentVersion(), result.version(), result.stillPending());
    }

    /**
     * What a migrate can run: where the database stands, every version in the code or the history (a target must
     * name one), the pending migrations oldest first, and the versions applied when the history was read.
     */
    private record Pending(DatabaseState state, List<MigrationVersion> versions, List<MigrateRun.Step> steps,
            Set<String> applied) {
        static Pending of(Scan scan) {
            return new Pending(scan.state(), scan.versions(), scan.pending().stream().map(MigrateRun.Step::of).toList(),
                    scan.applied());
        }

        static Pending of(HistoryAgreement.Prefix prefix) {
            List<HistoryAgreement.Known> code = prefix.code();
            return new Pending(prefix.state(), code.stream().map(HistoryAgreement.Known::version).toList(),
                    prefix.pending().stream().map(MigrateRun.Step::of).toList(),
                    code.subList(0, prefix.applied()).stream().map(known -> known.version().getVersion())
                            .collect(Collectors.toSet()));
        }

        /** Pending migrations up to and including {@code target}, oldest first. */
        List<MigrateRun.Step> upTo(MigrationVersion target) {
            return steps.stream().filter(step -> step.version().compareTo(target) <= 0).toList();
        }

        /** A migrate up to {@code target}. */
        MigrateRun.Plan plan(MigrationVersion target) {
            return new MigrateRun.Plan(applied, upTo(target), state);
        }
    }

    /**
     * Validates as Flyway's migrate does before it runs anything (changed checksums, applied migrations missing from
     * the code, ignored ones; pending ones are fine), failing with the message Flyway's migrate would give, or, when
     * a failed non-transactional migration left something behind, with what clears it.
     */
    private void validateBeforeMigrating() {
        try {
            ValidateResult result = flyway(configuration().ignoreMigrationPatterns("*:future", "*:pending"))
                    .validateWithResult();
            if (!result.validationSuccessful) {
                // A failed non-transactional migration fails validation too; what it left is explained better.
                Leftovers leftovers = leftovers();
                if (!leftovers.isEmpty()) {
                    throw DemeterException.userMistake(leftovers.refusal(settings.history()));
                }
                throw new FlywayValidateException(result.errorDetails, result.getAllErrorMessages());
            }
        } catch (FlywayException e) {
            throw MigrationFailures.explain(e, settings.target().password());
        }
    }

    private Leftovers leftovers() {
        try (Connection connection = settings.connect()) {
            return Leftovers.find(connection, settings.history());
        } catch (SQLException e) {
            throw DemeterException.fault("Cannot read pg_index and the history table: " + Secrets.mask(e.getMessage()), e);
        }
    }

    /**
     * Refuses migration classes Flyway would skip with only a warning (a malformed name, a constructor that throws):
     * migrating past them would leave them unapplied for good, and the history would not say so.
     */
    private void refuseUnusableClasses(String doing) {
        List<String> unusable = MigrationScan.unusable(settings.classLoader(), settings.locations());
        if (!unusable.isEmpty()) {
            throw DemeterException.userMistake("Not " + doing + ": Flyway would skip these classes in the migration"
                    + " locations.\n  - " + String.join("\n  - ", unusable) + "\nNothing was changed.");
        }
    }

    /** A migration whose recorded statements are checked before it runs: up when migrating, down when rolling back. */
    private record Screened(String label, DemeterMigration migration, boolean up) {
    }

    /**
     * Refuses, before anything runs, migrations whose recorded statements PostgreSQL would refuse in the middle of
     * the run or silently change (see {@link StatementCheck}), naming each migration and statement.
     */
    private void refuseUnsafeStatements(String doing, List<Screened> migrations) {
        List<String> problems = new ArrayList<>();
        for (Screened screened : migrations) {
            if (screened.migration() == null) {
                continue; // not a DemeterMigration: nothing recorded to check
            }
            List<String> statements = screened.up()
                    ? RenderedMigrations.of(screened.migration()).statements() // known from the cache, or kept for the run
                    : RenderedMigrations.downOf(screened.migration()).statements();
            for (String problem : StatementCheck.problems(statements, screened.migration().canExecuteInTransaction())) {
                problems.add(screened.label() + " " + (screened.up() ? "up" : "down") + ": " + problem);
            }
        }
        if (!problems.isEmpty()) {
            throw DemeterException.userMistake("Not " + doing + ": PostgreSQL would refuse or silently change what"
                    + " these migrations run.\n  - " + String.join("\n  - ", problems) + "\nNothing was changed.");
        }
    }

    private static String label(MigrateRun.Step step) {
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

    /** A connection for the checks around Flyway, saying where it connected at debug level. */
    private Connection connection() {
        Connection connection = settings.connect();
        listener.debug("Connected to " + settings.target().displayUrl() + " as " + settings.target().user());
        return connection;
    }

    /**
     * A connection, and the checksum cache read, for a look at the history agreement (which needs both): the cache
     * is read on another thread while the connection opens, since neither waits for the other (fingerprinting the
     * class path and loading the migration classes, against loading the driver and the server's handshake).
     */
    private Connection connectionAndChecksums() {
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

    /**
     * The Alembic chain's state of a database that has an {@code alembic_version} table and no Flyway history;
     * empty for any other database. Changes nothing.
     */
    public Optional<AlembicDatabase> alembic() {
        try (Connection connection = settings.connect()) {
            return AlembicAdoption.detect(connection, settings);
        } catch (SQLException e) {
            throw DemeterException.fault("Cannot read alembic_version: " + Secrets.mask(e.getMessage()), e);
        }
    }

    /**
     * Adopts a database the Alembic chain built: when {@code check} finds it equal to what the migrations up to
     * its revision build, records them as applied (rollback then works below that version). Changes nothing
     * otherwise.
     */
    public AlembicAdoption.Adopted adopt(AlembicAdoption.SchemaCheck check, boolean dropAlembicVersion) {
        checkConnection();
        return AlembicAdoption.adopt(settings, check, dropAlembicVersion, listener);
    }

    /**
     * Adopts a database the Alembic chain built, comparing it with the schema the migrations build on a throwaway
     * database from {@code throwaways}.
     */
    public AlembicAdoption.Adopted adopt(java.util.function.Supplier<ai.demeter.migrations.database.DatabaseProvider>
            throwaways, boolean dropAlembicVersion) {
        return adopt(throwaways, dropAlembicVersion, false);
    }

    /**
     * As {@link #adopt(java.util.function.Supplier, boolean)}; with {@code extensionVersionsAreDrift}, another
     * version of an extension (PostGIS) refuses the adoption instead of being reported as information.
     */
    public AlembicAdoption.Adopted adopt(java.util.function.Supplier<ai.demeter.migrations.database.DatabaseProvider>
            throwaways, boolean dropAlembicVersion, boolean extensionVersionsAreDrift) {
        return adopt(AlembicAdoption.againstThrowaway(settings, throwaways, extensionVersionsAreDrift, listener),
                dropAlembicVersion);
    }

    /**
     * Compares the database with what the migrations it records as applied build (on a throwaway database from
     * {@code throwaways}): drift made outside the migrations, fact by fact; migrations still pending are left out,
     * and named. Changes nothing.
     */
    public SchemaDrift drift(java.util.function.Supplier<ai.demeter.migrations.database.DatabaseProvider> throwaways) {
        return drift(throwaways, false);
    }

    /** As {@link #drift(java.util.function.Supplier)}; another version of an extension is drift when asked. */
    public SchemaDrift drift(java.util.function.Supplier<ai.demeter.migrations.database.DatabaseProvider> throwaways,
            boolean extensionVersionsAreDrift) {
        checkConnection();
        Optional<AlembicDatabase> alembic = alembic();
        if (alembic.isPresent()) {
            throw DemeterException.userMistake("The database is " + alembic.get().describe());
        }
        DatabaseState state = state();
        return SchemaDrift.measure(settings, throwaways, state.currentVersion(), state.pending(),
                extensionVersionsAreDrift);
    }

    /** The database's current version and what is pending. Changes nothing. */
    public DatabaseState current() {
        try (Connection connection = connectionAndChecksums()) {
            Optional<DatabaseState> agreed = agreedState(connection);
            if (agreed.isPresent()) {
                return agreed.get();
            }
        } catch (SQLException e) {
            throw DemeterException.fault("Cannot close connection: " + Secrets.mask(e.getMessage()), e);
        }
        return state();
    }

    /**
     * The one line {@code current} prints: the Alembic revision of a database the Alembic chain built (not adopted
     * yet), or {@link DatabaseState#summary()}. Both looks share one connection. Changes nothing.
     */
    public String currentSummary() {
        try (Connection connection = connectionAndChecksums()) {
            Optional<AlembicDatabase> alembic = AlembicAdoption.detect(connection, settings);
            if (alembic.isPresent()) {
                return "Current: " + alembic.get().describe();
            }
            Optional<DatabaseState> agreed = agreedState(connection);
            if (agreed.isPresent()) {
                return agreed.get().summary();
            }
        } catch (SQLException e) {
            throw DemeterException.fault("Cannot read the history and alembic_version: " + Secrets.mask(e.getMessage()), e);
        }
        return state().summary();
    }

    /**
     * Where the database stands, when the history holds exactly the oldest migrations of the code (all of them, or
     * some with the rest pending): what Flyway's scan would say, read without it.
     */
    private Optional<DatabaseState> agreedState(Connection connection) {
        Optional<HistoryAgreement.Prefix> prefix = HistoryAgreement.read(connection, settings, listener);
        prefix.ifPresent(agreed -> listener.debug("The history holds the oldest " + agreed.applied() + " of "
                + agreed.code().size() + " migrations as they are in the code; Flyway not needed"));
        return prefix.map(HistoryAgreement.Prefix::state);
    }

    /** Builds and checks the plan for {@code request} against the database's history. Changes nothing. */
    public RollbackPlan plan(RollbackRequest request) {
        return RollbackPlanner.plan(applied(), request);
    }

    /**
     * Undoes applied migrations. The plan is built and checked completely first; a dry run prints it with its SQL
     * and stops there. A database on another machine needs {@code options.confirm()} equal to its name.
     */
    public RollbackOutcome rollback(RollbackRequest request, RollbackOptions options) {
        long started = System.nanoTime();
        DatabaseTarget target = settings.target();
        if (!options.dryRun() && !target.isOnThisMachine() && !target.databaseName().equals(options.confirm())) {
            throw DemeterException.userMistake("Refusing to roll back " + target.hostAndPort() + "/"
                    + target.databaseName() + ", which is not on this machine, without confirmation. See the plan and"
                    + " its SQL with -Ddemeter.dryRun=true, then confirm with -Ddemeter.confirm=" + target.databaseName()
                    + ". Nothing was changed.");
        }
        refuseUnusableClasses("rolling back");
        RollbackPlan plan = plan(request);
        if (plan.isEmpty()) {
            listener.info("Nothing to roll back: the database is already at version " + plan.resultingVersion() + ".");
            return new RollbackOutcome(plan, options.dryRun(), Duration.ofNanos(System.nanoTime() - started));
        }
        refuseUnsafeStatements("rolling back", plan.steps().stream()
                .map(step -> new Screened(step.label(), step.migration(), false)).toList());
        keepChecksums(); // the downs just rendered, for the next rollback
        if (options.dryRun()) {
            listener.info("Dry run: " + plan.describe() + ". Nothing is changed. The SQL:");
            for (AppliedMigration step : plan.steps()) {
                listener.info("-- down V" + step.version() + " " + step.description());
                RenderedMigrations.downOf(step.migration()).statements().forEach(sql -> listener.info(sql + ";"));
            }
            return new RollbackOutcome(plan, true, Duration.ofNanos(System.nanoTime() - started));
        }
        listener.warn("Rolling back on " + target.hostAndPort() + "/" + target.databaseName() + ": " + plan.describe());
        new RollbackRun(settings, listener).execute(plan, options.lockTimeout());
        return new RollbackOutcome(plan, false, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Every migration: applied, pending, baselined, missing from the code, rolled back. Changes nothing. */
    public List<HistoryEntry> history() {
        checkConnection();
        List<HistoryEntry> entries = new ArrayList<>();
        Map<String, java.sql.Timestamp> adopted;
        try (Connection connection = settings.connect()) {
            adopted = AlembicAdoption.adoptedAt(connection, settings.schema());
        } catch (SQLException e) {
            throw DemeterException.fault("Cannot read the adoption record: " + Secrets.mask(e.getMessage()), e);
        }
        MigrationInfo[] all = flyway(configuration()).info().all();
        keepChecksums();
        for (MigrationInfo info : all) {
            if (!info.isVersioned()) {
                continue;
            }
            DemeterMigration code = load(info).orElse(null);
            boolean applied = info.getState().isApplied();
            String checksum = !applied || code == null || info.getType().isBaseline() ? "-"
                    : info.isChecksumMatching() ? "ok" : "changed";
            java.sql.Timestamp adoptedAt = adopted.get(info.getVersion().getVersion());
            boolean fromAdoption = applied && adoptedAt != null && info.getInstalledOn() != null
                    && adoptedAt.getTime() == info.getInstalledOn().getTime();
            entries.add(new HistoryEntry(info.getVersion().getVersion(), info.getDescription(),
                    fromAdoption ? "Adopted" : info.getState().getDisplayName(),
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
     * Problems between the code and the applied history: changed checksums, applied migrations missing from the
     * code, broken order; and what a failed non-transactional migration left (an INVALID index, a failed history
     * row), with the statements that clear it; an Alembic database not adopted yet. Pending migrations are not a
     * problem. Empty when valid.
     */
    public List<String> validate() {
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
        List<String> problems = new ArrayList<>();
        try {
            ValidateResult result = flyway(configuration().ignoreMigrationPatterns("*:pending")).validateWithResult();
            keepChecksums();
            if (!result.validationSuccessful) {
                boolean failedRows = false;
                for (ValidateOutput invalid : result.invalidMigrations) {
                    if (invalid.errorDetails.errorCode == CoreErrorCode.FAILED_VERSIONED_MIGRATION) {
                        failedRows = true;
                        continue; // listed below with Demeter's way out (Flyway's names a repair command Demeter has not)
                    }
                    problems.add((invalid.version == null || invalid.version.isEmpty() ? "" : "V" + invalid.version + " ")
                            + "(" + invalid.description + "): " + invalid.errorDetails.errorMessage);
                }
                if (problems.isEmpty() && !failedRows && result.errorDetails != null) {
                    problems.add(result.errorDetails.errorMessage);
                }
            }
        } catch (FlywayException e) {
            throw MigrationFailures.explain(e, settings.target().password());
        }
        problems.addAll(leftovers().problems(settings.history()));
        return problems;
    }

    /**
     * Adopts a database whose schema already exists (built by the Alembic chain, say) at {@code version}: writes
     * a baseline row and runs nothing. Later migrates apply only what comes after it.
     */
    public void baseline(String version, String description) {
        checkConnection();
        DatabaseState state = state();
        if (!state.atBase()) {
            throw DemeterException.userMistake("The database already has a migration history (at version "
                    + state.currentVersion() + "); a baseline is only for a database without one. Nothing was changed.");
        }
        if (!MigrateTarget.VERSION.matcher(version).matches()) {
            throw DemeterException.userMistake("demeter.baselineVersion=" + version + " is not a version such as 20.");
        }
        try {
            flyway(configuration().baselineVersion(version).baselineDescription(description)).baseline();
        } catch (FlywayException e) {
            throw MigrationFailures.explain(e, settings.target().password());
        }
    }

    /**
     * The migrations in the code, oldest first, with the checksum Flyway stores for each (for a Demeter migration,
     * the CRC32 of the SQL its up renders; null for a Java migration without one). Changes nothing.
     */
    public List<CodeMigration> codeMigrations() {
        checkConnection();
        try {
            MigrationInfo[] all = flyway(configuration()).info().all();
            keepChecksums();
            return Arrays.stream(all)
                    .filter(info -> info.isVersioned() && info.getState().isResolved() && !info.getType().isBaseline())
                    .map(info -> new CodeMigration(info.getVersion().getVersion(), info.getDescription(),
                            info.getChecksum()))
                    .toList();
        } catch (FlywayException e) {
            throw MigrationFailures.explain(e, settings.target().password());
        }
    }

    /**
     * What a rollback may undo: the applied history, oldest first, with the code behind each row; from the history
     * agreement when the history holds exactly the oldest migrations of the code, otherwise from Flyway's scan.
     * Refuses an Alembic database, whose empty Flyway history would read as base.
     */
    private List<AppliedMigration> applied() {
        // Also says where it connected, and fails with our message for an unreachable server before Flyway would.
        try (Connection connection = connectionAndChecksums()) {
            refuseAlembic(connection, "rolling back");
            Optional<HistoryAgreement.Prefix> prefix = HistoryAgreement.read(connection, settings, listener);
            if (prefix.isPresent()) {
                listener.debug("The history holds the oldest " + prefix.get().applied() + " migrations of the code as"
                        + " they are; planning without Flyway");
                return prefix.get().code().subList(0, prefix.get().applied()).stream()
                        .map(known -> {
                            DemeterMigration code = load(known.script()).orElse(null);
                            return new AppliedMigration(known.version().getVersion(), known.description(),
                                    code == null ? AppliedMigration.Kind.FOREIGN : AppliedMigration.Kind.DEMETER, code);
                        })
                        .toList();
            }
        } catch (SQLException e) {
            throw DemeterException.fault("Cannot close connection: " + Secrets.mask(e.getMessage()), e);
        }
        List<AppliedMigration> applied = new ArrayList<>();
        try {
            MigrationInfo[] appliedInfos = flyway(configuration()).info().applied();
            keepChecksums();
            for (MigrationInfo info : appliedInfos) {
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
                    code = load(info).orElse(null);
                    kind = code == null ? AppliedMigration.Kind.FOREIGN : AppliedMigration.Kind.DEMETER;
                }
                applied.add(new AppliedMigration(version, info.getDescription(), kind, code));
            }
        } catch (FlywayException e) {
            throw MigrationFailures.explain(e, settings.target().password());
        }
        return applied;
    }

    /** The DemeterMigration behind a Java migration's history row (its script is the class name). */
    private Optional<DemeterMigration> load(MigrationInfo info) {
        if (!info.getState().isResolved()) {
            return Optional.empty();
        }
        return load(info.getScript());
    }

    /** The DemeterMigration named {@code script}, a class name; empty for an SQL script or another kind of class. */
    private Optional<DemeterMigration> load(String script) {
        if (script == null || script.endsWith(".sql")) {
            return Optional.empty();
        }
        try {
            Class<?> type = Class.forName(script, true, settings.classLoader());
            if (!DemeterMigration.class.isAssignableFrom(type)) {
                return Optional.empty();
            }
            return Optional.of((DemeterMigration) type.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            return Optional.empty();
        }
    }

    private DatabaseState state() {
        return scan().state();
    }

    /**
     * What one Flyway scan of the code and the history says: the state, every version it knows, what is pending,
     * and the versions of the migrations in the code.
     */
    private record Scan(DatabaseState state, List<MigrationVersion> versions, List<MigrationInfo> pending,
            Set<String> applied) {
    }

    private Scan scan() {
        return scan(configuration());
    }

    private Scan scan(FluentConfiguration configuration) {
        try {
            var info = flyway(configuration).info();
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
            throw MigrationFailures.explain(e, settings.target().password());
        }
    }

    private void checkConnection() {
        // Flyway's own message for an unreachable server is a stack of wrappers; ours says what to check.
        try (Connection opened = connection()) {
            // reachable; connection() said where at debug level
        } catch (SQLException e) {
            throw DemeterException.fault("Cannot close connection: " + Secrets.mask(e.getMessage()), e);
        }
    }

    /** Keeps the checksums a scan computed for the next run (a no-op when they were all cached). */
    private void keepChecksums() {
        settings.checksums().keep(settings.classLoader(), listener);
    }

    private FluentConfiguration configuration() {
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

    /** {@code supplier}'s value, asked for once, when first needed. */
    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
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
