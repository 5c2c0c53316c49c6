package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.database.DatabaseProvider;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The operations a shell (a Maven goal, the migrations jar's command, an application's start-up) runs on one
 * database, each a few lines over the parts that do the work: {@link HistoryReader} says where the database stands,
 * {@link Guards} refuse what must not run, {@link MigrateOperation} and {@link RollbackOperation} change it, and
 * {@link FlywayAdapter} is Flyway where Flyway is still asked.
 */
public final class MigrationEngine {
    static {
        // jOOQ prints a banner and tips on first use; migration output should be ours alone.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    private final EngineSettings settings;
    private final MigrationListener listener;
    private final FlywayAdapter flyway;
    private final Guards guards;
    private final HistoryReader history;

    public MigrationEngine(EngineSettings settings, MigrationListener listener) {
        this.settings = settings;
        this.listener = listener;
        this.flyway = new FlywayAdapter(settings, listener);
        this.guards = new Guards(settings);
        this.history = new HistoryReader(settings, listener, flyway, guards);
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
        return new MigrateOperation(settings, listener, flyway, history, guards).run(target, lockTimeout);
    }

    /** Builds and checks the plan for {@code request} against the database's history. Changes nothing. */
    public RollbackPlan plan(RollbackRequest request) {
        return rollbackOperation().plan(request);
    }

    /**
     * Undoes applied migrations. The plan is built and checked completely first; a dry run prints it with its SQL
     * and stops there. A database on another machine needs {@code options.confirm()} equal to its name.
     */
    public RollbackOutcome rollback(RollbackRequest request, RollbackOptions options) {
        return rollbackOperation().run(request, options);
    }

    /** The database's current version and what is pending. Changes nothing. */
    public DatabaseState current() {
        return history.state();
    }

    /**
     * The one line {@code current} prints: the Alembic revision of a database the Alembic chain built (not adopted
     * yet), or {@link DatabaseState#summary()}. Changes nothing.
     */
    public String currentSummary() {
        return history.summary();
    }

    /** Every migration: applied, pending, baselined, missing from the code, rolled back. Changes nothing. */
    public List<HistoryEntry> history() {
        return history.entries();
    }

    /**
     * Problems between the code and the applied history: changed checksums, applied migrations missing from the
     * code, broken order; and what a failed non-transactional migration left (an INVALID index, a failed history
     * row), with the statements that clear it; an Alembic database not adopted yet. Pending migrations are not a
     * problem. Empty when valid.
     */
    public List<String> validate() {
        return history.problems();
    }

    /**
     * Adopts a database whose schema already exists (built by the Alembic chain, say) at {@code version}: writes
     * a baseline row and runs nothing. Later migrates apply only what comes after it.
     */
    public void baseline(String version, String description) {
        history.checkConnection();
        DatabaseState state = history.scannedState();
        if (!state.atBase()) {
            throw DemeterException.userMistake("The database already has a migration history (at version "
                    + state.currentVersion() + "); a baseline is only for a database without one. Nothing was changed.");
        }
        if (!MigrateTarget.VERSION.matcher(version).matches()) {
            throw DemeterException.userMistake("demeter.baselineVersion=" + version + " is not a version such as 20.");
        }
        flyway.baseline(version, description);
    }

    /**
     * The migrations in the code, oldest first, with the checksum Flyway stores for each (for a Demeter migration,
     * the CRC32 of the SQL its up renders; null for a Java migration without one). Changes nothing.
     */
    public List<CodeMigration> codeMigrations() {
        return history.code();
    }

    /**
     * The Alembic chain's state of a database that has an {@code alembic_version} table and no Flyway history;
     * empty for any other database. Changes nothing.
     */
    public Optional<AlembicDatabase> alembic() {
        return history.alembic();
    }

    /**
     * Adopts a database the Alembic chain built: when {@code check} finds it equal to what the migrations up to
     * its revision build, records them as applied (rollback then works below that version). Changes nothing
     * otherwise.
     */
    public AlembicAdoption.Adopted adopt(AlembicAdoption.SchemaCheck check, boolean dropAlembicVersion) {
        history.checkConnection();
        return AlembicAdoption.adopt(settings, check, dropAlembicVersion, listener);
    }

    /** Adopts a database the Alembic chain built, comparing it with what the migrations build on a throwaway one. */
    public AlembicAdoption.Adopted adopt(Supplier<DatabaseProvider> throwaways, boolean dropAlembicVersion) {
        return adopt(throwaways, dropAlembicVersion, false);
    }

    /**
     * As {@link #adopt(Supplier, boolean)}; with {@code extensionVersionsAreDrift}, another version of an extension
     * (PostGIS) refuses the adoption instead of being reported as information.
     */
    public AlembicAdoption.Adopted adopt(Supplier<DatabaseProvider> throwaways, boolean dropAlembicVersion,
            boolean extensionVersionsAreDrift) {
        return adopt(AlembicAdoption.againstThrowaway(settings, throwaways, extensionVersionsAreDrift, listener),
                dropAlembicVersion);
    }

    /**
     * Compares the database with what the migrations it records as applied build (on a throwaway database from
     * {@code throwaways}): drift made outside the migrations, fact by fact; migrations still pending are left out,
     * and named. Changes nothing.
     */
    public SchemaDrift drift(Supplier<DatabaseProvider> throwaways) {
        return drift(throwaways, false);
    }

    /** As {@link #drift(Supplier)}; another version of an extension is drift when asked. */
    public SchemaDrift drift(Supplier<DatabaseProvider> throwaways, boolean extensionVersionsAreDrift) {
        history.checkConnection();
        Optional<AlembicDatabase> alembic = history.alembic();
        if (alembic.isPresent()) {
            throw DemeterException.userMistake("The database is " + alembic.get().describe());
        }
        DatabaseState state = history.scannedState();
        return SchemaDrift.measure(settings, throwaways, state.currentVersion(), state.pending(),
                extensionVersionsAreDrift);
    }

    private RollbackOperation rollbackOperation() {
        return new RollbackOperation(settings, listener, history, guards);
    }
}
