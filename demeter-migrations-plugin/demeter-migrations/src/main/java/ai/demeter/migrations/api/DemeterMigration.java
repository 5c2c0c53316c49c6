package ai.demeter.migrations.api;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.tools.jdbc.MockConnection;

/**
 * The base class of every Demeter migration: a Flyway Java migration whose author writes jOOQ DSL.
 *
 * <pre>{@code
 * public class V2__create_warehouses extends DemeterMigration {
 *     @Override protected void up(DSLContext db)   { db.createTable("warehouses")...execute(); }
 *     @Override protected void down(DSLContext db) { db.dropTable("warehouses").execute(); }
 * }
 * }</pre>
 *
 * <p>Or, for schema changes Demeter knows how to undo, only {@link #change}: up runs it, down runs the inverse of
 * each statement it issues, newest first (see {@code Inverses} and docs/reversible-changes.md).
 *
 * <pre>{@code
 * public class V2__create_warehouses extends DemeterMigration {
 *     @Override protected void change(DSLContext db) { db.createTable("warehouses")...execute(); }
 * }
 * }</pre>
 *
 * <p>The class name follows Flyway's convention ({@code V<version>__<description>}). Migrations must not use
 * generated jOOQ classes: those are the output of the migrations, and an old migration must mean the same
 * thing forever. Use {@code DSL.name(...)}, {@code SQLDataType} and plain-SQL templates instead.
 *
 * <p>The checksum Flyway stores is the CRC32 of the SQL that {@link #up} renders with no database, so an edited
 * applied migration is caught by validation (Flyway leaves Java migrations without a checksum).
 */
public abstract class DemeterMigration extends BaseJavaMigration {
    /** How {@link #reversible} behaves while {@link #change} runs on this thread; absent outside change(). */
    private final ThreadLocal<ReversibleBlocks> reversibleBlocks = new ThreadLocal<>();
    /** The connection and direction of a run on a database, while up or down runs there; null while recording. */
    private LiveRun live;
    /** Backfill steps met so far in the current run or recording of up or down: each step's number. */
    private int backfillSteps;

    /** Applies the change. Override it together with {@link #down}, or override {@link #change} instead. */
    protected void up(DSLContext db) {
        if (!overrides("change")) {
            throw neitherUpNorChange();
        }
        runChange(db, (up, down) -> up.accept(db));
    }

    /**
     * Undoes {@link #up} exactly, leaving the schema as it was before. A migration that cannot be undone does
     * not override this; rollback then refuses it while planning, before any SQL runs. For a {@link #change}
     * migration the default is the inverse of change(), refused the same way when a statement has none.
     */
    protected void down(DSLContext db) {
        if (!overrides("up") && overrides("change")) {
            deriveDown().run(db);
            return;
        }
        throw new IrreversibleMigrationException(noDownMessage());
    }

    /**
     * The change, written once for both directions: up runs it; down records the statements it issues without
     * running them, and runs their inverses newest first. Every statement must have an inverse (the table in
     * docs/reversible-changes.md) or be wrapped in {@link #reversible}; otherwise the migration is irreversible,
     * which {@link #irreversibilityReason()} reports before any SQL runs. Used only when {@link #up} is not
     * overridden.
     */
    protected void change(DSLContext db) {
        throw neitherUpNorChange();
    }

    /**
     * Inside {@link #change}: a step with an explicit inverse. On the way up {@code up} runs; on the way down
     * {@code down} runs at this step's place in the reversed sequence (after the inverses of the statements
     * that follow it, before those of the statements that precede it). Use it for data changes, comments on
     * existing objects, and anything else without an automatic inverse.
     */
    protected final void reversible(Consumer<DSLContext> up, Consumer<DSLContext> down) {
        ReversibleBlocks blocks = reversibleBlocks.get();
        if (blocks == null) {
            throw new IllegalStateException(name() + ": reversible(up, down) works only inside change(DSLContext);"
                    + " in up() and down() write each direction directly.");
        }
        blocks.accept(up, down);
    }

    /**
     * Fills {@code backfill}'s columns in every row of its table that matches its condition, in keyset batches that
     * are transactions of their own, resumable after a crash (see {@link Backfill} and docs/online-migrations.md).
     * The migration must run outside a transaction ({@link #transactional()} false) and hold backfills only: put the
     * schema change it completes (the ADD COLUMN) in the migration before it. In {@link #change} its down is
     * {@link Backfill#inverse()}; without one the migration is irreversible. Offline, it is recorded as a comment
     * that names it, so the checksum covers it and {@code sql} says it cannot be part of a script.
     */
    protected final void backfill(DSLContext db, Backfill backfill) {
        backfill.requireValues();
        ReversibleBlocks blocks = reversibleBlocks.get();
        if (blocks != null) {
            Consumer<DSLContext> down = backfill.inverse().<Consumer<DSLContext>>map(inverse -> d -> runBackfill(d, inverse))
                    .orElseGet(() -> new MissingInverse(backfill.marker(backfillSteps + 1)));
            blocks.accept(d -> runBackfill(d, backfill), down);
            return;
        }
        runBackfill(db, backfill);
    }

    private void runBackfill(DSLContext db, Backfill backfill) {
        int step = ++backfillSteps;
        LiveRun run = live;
        if (run == null) {
            if (!recording(db)) {
                throw DemeterException.userMistake(name() + ": a backfill runs only when Demeter runs the migration"
                        + " (migrate, rollback, the migrations jar, MigrationEngine), which keep its progress.");
            }
            db.execute(backfill.marker(step).replace('\n', ' '));
            return;
        }
        new BackfillRun(run.connection(), getVersion().getVersion(), run.direction(), step, backfill,
                BackfillContext.current()).run();
    }

    private static boolean recording(DSLContext db) {
        Connection connection = db.configuration().connectionProvider().acquire();
        try {
            return connection instanceof MockConnection;
        } finally {
            db.configuration().connectionProvider().release(connection);
        }
    }

    /** Whether {@link #rollback} can undo this migration; decided without a database and without running SQL. */
    public boolean isReversible() {
        return irreversibilityReason().isEmpty();
    }

    /**
     * Why this migration cannot be rolled back, naming the migration, the statement and the fixes; empty when
     * it can. For a {@link #change} migration this records change() offline and inverts every statement.
     */
    public Optional<String> irreversibilityReason() {
        if (overrides("down")) {
            return Optional.empty();
        }
        if (!overrides("up")) {
            return overrides("change")
                    ? deriveDown().irreversibility()
                    : Optional.of(neitherUpNorChange().getMessage());
        }
        return Optional.of(noDownMessage());
    }

    /**
     * Whether the migration runs inside a transaction. Override and return {@code false} for statements
     * PostgreSQL refuses in one ({@code CREATE INDEX CONCURRENTLY}); such a migration then runs alone.
     */
    protected boolean transactional() {
        return true;
    }

    @Override
    public final boolean canExecuteInTransaction() {
        return transactional();
    }

    /**
     * How long each statement of this migration may wait for a lock another session holds before the migration
     * fails (PostgreSQL's {@code lock_timeout}); empty, the default, for the run's setting
     * ({@code demeter.statementLockTimeout}, 10 s unless configured). Override it for a migration that must wait
     * longer, or that must give way sooner on a busy table; {@link Duration#ZERO} waits without limit.
     */
    public Optional<Duration> statementLockTimeout() {
        return Optional.empty();
    }

    @Override
    public final void migrate(Context context) {
        migrate(context.getConnection(), statementLockTimeout()
                .orElseGet(() -> StatementLockTimeout.fromPlaceholders(context.getConfiguration().getPlaceholders())));
    }

    /**
     * Runs {@link #up} on the given connection, each statement waiting for a lock at most this migration's
     * {@link #statementLockTimeout()}, or {@code runTimeout} when it has none; the caller owns the transaction.
     * What Flyway's {@link #migrate(Context)} does, for a caller that has no Flyway configuration to hand it.
     */
    public final void migrate(Connection connection, Duration runTimeout) {
        Optional<List<String>> recorded = MigrationObservation.watching()
                ? Optional.empty() : RenderedMigrations.replayable(getClass());
        withLockTimeout(connection, statementLockTimeout().orElse(runTimeout), () -> {
            if (recorded.isPresent()) {
                // What up renders, known from this run or the checksum cache: the same statements, without jOOQ.
                RecordedStatements.execute(connection, recorded.get());
            } else {
                live(connection, "up", () -> up(MigrationObservation.dsl(this, true, connection)));
            }
        });
    }

    /** Runs {@link #down} on the given connection with the default statement lock timeout; the caller owns the transaction. */
    public final void rollback(Connection connection) {
        rollback(connection, StatementLockTimeout.DEFAULT);
    }

    /**
     * Runs {@link #down} on the given connection, each statement waiting for a lock at most this migration's
     * {@link #statementLockTimeout()}, or {@code runTimeout} when it has none; the caller owns the transaction.
     */
    public final void rollback(Connection connection, Duration runTimeout) {
        // Refused before any SQL runs, the lock timeout's SET included.
        Optional<String> irreversible = irreversibilityReason();
        if (irreversible.isPresent()) {
            throw new IrreversibleMigrationException(irreversible.get());
        }
        Optional<List<String>> recorded = MigrationObservation.watching()
                ? Optional.empty() : RenderedMigrations.replayableDown(getClass());
        withLockTimeout(connection, statementLockTimeout().orElse(runTimeout), () -> {
            if (recorded.isPresent()) {
                // What down renders, known from the plan's checks or the checksum cache: the same statements.
                RecordedStatements.execute(connection, recorded.get());
            } else {
                live(connection, "down", () -> down(MigrationObservation.dsl(this, false, connection)));
            }
        });
    }

    private void live(Connection connection, String direction, Runnable body) {
        live = new LiveRun(connection, direction);
        backfillSteps = 0;
        try {
            body.run();
        } finally {
            live = null;
        }
    }

    private static void withLockTimeout(Connection connection, Duration timeout, Runnable statements) {
        try (StatementLockTimeout.Setting setting = StatementLockTimeout.set(connection, timeout,
                !connection.getAutoCommit())) {
            statements.run();
        } catch (SQLException e) {
            throw new DataAccessException("Cannot set or reset lock_timeout: " + e.getMessage(), e);
        }
    }

    /** The SQL {@link #up} runs, rendered with no database. */
    public final List<String> renderUp() {
        return named(() -> RecordingConnection.record(db -> {
            backfillSteps = 0;
            up(db);
        }));
    }

    /** The SQL {@link #down} runs, rendered with no database. */
    public final List<String> renderDown() {
        return named(() -> RecordingConnection.record(db -> {
            backfillSteps = 0;
            down(db);
        }));
    }

    /**
     * The CRC32 of the SQL {@link #up} renders with no database; rendered once per loaded class (see
     * {@link RenderedMigrations}), since Flyway asks on every scan.
     */
    @Override
    public final Integer getChecksum() {
        return RenderedMigrations.of(this).checksum();
    }

    /** {@code recording}'s result; a mistake it reports (a bad backfill, say) names this migration. */
    private List<String> named(Supplier<List<String>> recording) {
        try {
            return recording.get();
        } catch (DemeterException e) {
            if (!e.isUserMistake() || e.getMessage().startsWith(name())) {
                throw e;
            }
            throw DemeterException.userMistake(name() + ": " + e.getMessage(), e);
        }
    }

    /** The down of a {@link #change} migration, worked out from a recording of change() that runs nothing. */
    private DerivedDown deriveDown() {
        ChangeRecorder recorder = new ChangeRecorder();
        backfillSteps = 0;
        runChange(RecordingConnection.recordingInto(recorder::statement), (up, down) -> {
            if (down instanceof MissingInverse missing) {
                recorder.irreversible(missing.marker(), "the backfill has no inverse; give it .inverse(Backfill)");
            } else {
                recorder.reversible(down);
            }
        });
        return recorder.derivedDown(name());
    }

    private void runChange(DSLContext db, ReversibleBlocks blocks) {
        ReversibleBlocks outer = reversibleBlocks.get();
        reversibleBlocks.set(blocks);
        try {
            change(db);
        } finally {
            if (outer == null) {
                reversibleBlocks.remove();
            } else {
                reversibleBlocks.set(outer);
            }
        }
    }

    /** Whether this class, or a superclass below DemeterMigration, declares {@code method(DSLContext)}. */
    private boolean overrides(String method) {
        for (Class<?> type = getClass(); type != DemeterMigration.class; type = type.getSuperclass()) {
            try {
                type.getDeclaredMethod(method, DSLContext.class);
                return true;
            } catch (NoSuchMethodException e) {
                // not declared here; look further up
            }
        }
        return false;
    }

    private String name() {
        return getClass().getSimpleName();
    }

    private String noDownMessage() {
        return name() + " has no down(): it cannot be rolled back. Write a down(DSLContext) that undoes up() exactly.";
    }

    private DemeterException neitherUpNorChange() {
        return DemeterException.userMistake(name() + " overrides neither up() nor change(): write change(DSLContext),"
                + " or up(DSLContext) and down(DSLContext).");
    }

    /** Where a live up or down runs: its connection and direction. */
    private record LiveRun(Connection connection, String direction) {
    }

    /** The down of a backfill in change() that has no inverse: the derived down is then irreversible. */
    private record MissingInverse(String marker) implements Consumer<DSLContext> {
        @Override
        public void accept(DSLContext db) {
            throw new IrreversibleMigrationException(marker + " has no inverse");
        }
    }

    /** What {@link #reversible} does with its two halves: run up (applying) or note down (recording). */
    @FunctionalInterface
    private interface ReversibleBlocks {
        void accept(Consumer<DSLContext> up, Consumer<DSLContext> down);
    }
}
