package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.authoring.DriftMigration;
import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseProvider;
import ai.demeter.migrations.database.PostgresInstallation;
import ai.demeter.migrations.database.Secrets;
import ai.demeter.migrations.database.ThrowawayDatabase;
import ai.demeter.migrations.schema.SchemaDifference;
import ai.demeter.migrations.schema.SchemaObject;
import ai.demeter.migrations.schema.SchemaSnapshot;
import ai.demeter.migrations.schema.SnapshotScope;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a live database holds beyond or short of what the migrations build: the migrations up to a version applied
 * to a throwaway database, and the two catalog snapshots compared fact by fact. Bookkeeping tables (Flyway's,
 * Demeter's, Alembic's) are left out. {@code diff} reports it; adoption requires it to be empty.
 *
 * <p>The throwaway database runs the live database's major version where one can be had here
 * ({@link DatabaseProvider#forMajorVersion}): a version prints some facts its own way (a view's query), and the
 * extensions it can install are its own. Where it cannot, the comparison says which versions it compared.
 *
 * @param version the version compared at ({@code null}: base, no migration applied)
 * @param pending the migrations in the code the database has not applied, which the comparison leaves out
 * @param facts   one line per differing fact, empty when the database is what the migrations build
 * @param information what differs without being drift, one line each: another version of an extension (PostGIS
 *                3.3.2 built, 3.6.4 in the database), which servers were compared when their versions differ
 * @param builtSchema the schema the migrations build
 * @param liveSchema  the schema the database holds
 */
public record SchemaDrift(String version, List<DatabaseState.PendingMigration> pending, List<String> facts,
        List<String> information, SchemaSnapshot builtSchema, SchemaSnapshot liveSchema) {

    public SchemaDrift {
        pending = List.copyOf(pending);
        facts = List.copyOf(facts);
        information = List.copyOf(information);
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

    /**
     * @param extensionVersionsAreDrift whether another version of an extension counts as drift (a team that pins
     *                                  PostGIS everywhere) rather than as information
     */
    static SchemaDrift measure(EngineSettings live, Supplier<DatabaseProvider> throwaways, String version,
            List<DatabaseState.PendingMigration> pending, boolean extensionVersionsAreDrift) {
        SnapshotScope scope = new SnapshotScope(live.schema(), BookkeepingTables.of(live.historyTable()));
        try {
            SchemaSnapshot actual;
            int liveMajor;
            try (Connection connection = live.connect()) {
                liveMajor = connection.getMetaData().getDatabaseMajorVersion();
                actual = SchemaSnapshot.read(connection, scope);
            }
            DatabaseProvider configured = throwaways.get();
            DatabaseProvider provider = configured.forMajorVersion(liveMajor).orElse(configured);
            try (ThrowawayDatabase built = provider.start()) {
                if (version != null) {
                    EngineSettings there = new EngineSettings(built.target(), live.classLoader(), live.locations(),
                            live.schema(), live.historyTable());
                    new MigrationEngine(there, MigrationListener.SILENT).migrate(MigrateTarget.parse(version));
                }
                SchemaSnapshot expected;
                int builtMajor;
                try (Connection connection = Connections.open(built.target())) {
                    builtMajor = connection.getMetaData().getDatabaseMajorVersion();
                    expected = SchemaSnapshot.read(connection, scope);
                }
                String side = "in what " + (version == null ? "no migration" : "V1-V" + version) + " build";
                List<String> facts = new ArrayList<>();
                List<String> information = new ArrayList<>();
                if (builtMajor != liveMajor) {
                    information.add(versionsCompared(liveMajor, builtMajor));
                }
                for (SchemaDifference difference : expected.differences(actual)) {
                    String line = difference.describe(side, "in the database");
                    if (difference.isColumnOrder()) {
                        information.add(line + " (column order only: not drift, only select * sees it)");
                    } else if (!extensionVersionsAreDrift && isExtensionVersion(difference)) {
                        information.add(line + " (another version of the extension, not drift;"
                                + " -Ddemeter.failOnExtensionVersions=true counts it)");
                    } else if (builtMajor != liveMajor && difference.object() instanceof SchemaObject.View) {
                        facts.add(line + " (built on PostgreSQL " + builtMajor + ", the database runs " + liveMajor
                                + ": the two print a view's query each their own way, so this may differ in form only)");
                    } else {
                        facts.add(line);
                    }
                }
                return new SchemaDrift(version, pending, facts, information, expected, actual);
            }
        } catch (SQLException e) {
            throw DemeterException.fault("Cannot compare the schemas: " + Secrets.mask(e.getMessage()), e);
        }
    }

    private static boolean isExtensionVersion(SchemaDifference difference) {
        return difference instanceof SchemaDifference.Changed changed
                && changed.object() instanceof SchemaObject.Extension && changed.property().equals("version");
    }

    private static String versionsCompared(int liveMajor, int builtMajor) {
        return "The database runs PostgreSQL " + liveMajor + "; the migrations were built on PostgreSQL " + builtMajor
                + ", since no PostgreSQL " + liveMajor + " with PostGIS was found here."
                + " Facts every version states alike are compared as usual; a view's query may differ in form. For"
                + " an exact comparison install PostgreSQL " + liveMajor + " with PostGIS (or name its bin directory"
                + " in " + PostgresInstallation.SEARCH_PATH_VARIABLE + "), or use Docker: -Ddemeter.provider=docker.";
    }
}
