package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseProvider;
import ai.demeter.migrations.database.Secrets;
import ai.demeter.migrations.database.ThrowawayDatabase;
import ai.demeter.migrations.schema.DriftMigration;
import ai.demeter.migrations.schema.SchemaSnapshot;
import ai.demeter.migrations.schema.SnapshotScope;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a live database holds beyond or short of what the migrations build: the migrations up to a version applied
 * to a throwaway database, and the two catalog snapshots compared fact by fact. Bookkeeping tables (Flyway's,
 * Demeter's, Alembic's) are left out. {@code diff} reports it; adoption requires it to be empty.
 *
 * @param version the version compared at ({@code null}: base, no migration applied)
 * @param pending the migrations in the code the database has not applied, which the comparison leaves out
 * @param facts   one line per differing fact, empty when the database is what the migrations build
 * @param builtSchema the schema the migrations build
 * @param liveSchema  the schema the database holds
 */
public record SchemaDrift(String version, List<DatabaseState.PendingMigration> pending, List<String> facts,
        SchemaSnapshot builtSchema, SchemaSnapshot liveSchema) {

    public SchemaDrift {
        pending = List.copyOf(pending);
        facts = List.copyOf(facts);
    }

    /**
     * Whether a migration may be written from this drift: only when the database has applied every migration in the
     * code. A pending migration may already make the change (typically one written from this same drift, which the
     * database cannot apply since it has the change), and a migration written after it would repeat it.
     */
    public boolean migrationMayBeWritten() {
        return pending.isEmpty();
    }

    /** {@code V22 (add bin rfid tag), V23 (...)}: the pending migrations, for messages. */
    public String describePending() {
        return String.join(", ", pending.stream().map(p -> "V" + p.version() + " (" + p.description() + ")").toList());
    }

    /** {@code V1-V20}, or {@code no migration} at base: what the throwaway side was built from. */
    public String built() {
        return version == null ? "no migration" : "V1-V" + version;
    }

    /** The migration that turns what the migrations build into what the database holds. */
    public DriftMigration migration() {
        return DriftMigration.between(builtSchema, liveSchema);
    }

    static SchemaDrift measure(EngineSettings live, Supplier<DatabaseProvider> throwaways, String version,
            List<DatabaseState.PendingMigration> pending) {
        SnapshotScope scope = new SnapshotScope(live.schema(), List.of(live.historyTable(), RollbackJournal.TABLE,
                AlembicAdoption.ADOPTION_TABLE, AlembicAdoption.ALEMBIC_TABLE));
        try (ThrowawayDatabase built = throwaways.get().start()) {
            if (version != null) {
                EngineSettings there = new EngineSettings(built.target(), live.classLoader(), live.locations(),
                        live.schema(), live.historyTable());
                new MigrationEngine(there, MigrationListener.SILENT).migrate(MigrateTarget.parse(version));
            }
            SchemaSnapshot expected;
            try (Connection connection = Connections.open(built.target())) {
                expected = SchemaSnapshot.read(connection, scope);
            }
            SchemaSnapshot actual;
            try (Connection connection = live.connect()) {
                actual = SchemaSnapshot.read(connection, scope);
            }
            String side = "in what " + (version == null ? "no migration" : "V1-V" + version) + " build";
            return new SchemaDrift(version, pending, expected.differences(actual).stream()
                    .map(difference -> difference.describe(side, "in the database"))
                    .toList(), expected, actual);
        } catch (SQLException e) {
            throw DemeterException.fault("Cannot compare the schemas: " + Secrets.mask(e.getMessage()), e);
        }
    }
}
