package ai.demeter.migrations.api;

import java.sql.Connection;
import java.util.List;
import java.util.zip.CRC32;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.jooq.DSLContext;

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
 * <p>The class name follows Flyway's convention ({@code V<version>__<description>}). Migrations must not use
 * generated jOOQ classes: those are the output of the migrations, and an old migration must mean the same
 * thing forever. Use {@code DSL.name(...)}, {@code SQLDataType} and plain-SQL templates instead.
 *
 * <p>The checksum Flyway stores is the CRC32 of the SQL that {@link #up} renders with no database, so an edited
 * applied migration is caught by validation (Flyway leaves Java migrations without a checksum).
 */
public abstract class DemeterMigration extends BaseJavaMigration {

    /** Applies the change. */
    protected abstract void up(DSLContext db);

    /**
     * Undoes {@link #up} exactly, leaving the schema as it was before. A migration that cannot be undone does
     * not override this; rollback then refuses it while planning, before any SQL runs.
     */
    protected void down(DSLContext db) {
        throw new IrreversibleMigrationException(getClass().getSimpleName()
                + " has no down(): it cannot be rolled back. Write a down(DSLContext) that undoes up() exactly.");
    }

    /** Whether this migration overrides {@link #down}; checked while a rollback is planned. */
    public boolean isReversible() {
        try {
            return getClass().getDeclaredMethod("down", DSLContext.class).getDeclaringClass() != DemeterMigration.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /**
     * Why this migration cannot be rolled back, naming it and the fix; empty when it can. Asked while a rollback
     * is planned, before any SQL runs.
     */
    public java.util.Optional<String> irreversibilityReason() {
        return isReversible() ? java.util.Optional.empty()
                : java.util.Optional.of(getClass().getSimpleName() + " has no down(): it cannot be rolled back."
                        + " Write a down(DSLContext) that undoes up() exactly.");
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

    @Override
    public final void migrate(Context context) {
        up(Dialect.dsl(context.getConnection()));
    }

    /** Runs {@link #down} on the given connection; the caller owns the transaction. */
    public final void rollback(Connection connection) {
        down(Dialect.dsl(connection));
    }

    /** The SQL {@link #up} runs, rendered with no database. */
    public final List<String> renderUp() {
        return RecordingConnection.record(this::up);
    }

    /** The SQL {@link #down} runs, rendered with no database. */
    public final List<String> renderDown() {
        return RecordingConnection.record(this::down);
    }

    @Override
    public final Integer getChecksum() {
        CRC32 crc = new CRC32();
        for (String statement : renderUp()) {
            crc.update(statement.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            crc.update('\n');
        }
        return (int) crc.getValue();
    }
}
