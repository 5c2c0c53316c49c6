package ai.demeter.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.database.LocalProvider;
import ai.demeter.migrations.database.PostgresInstallation;
import ai.demeter.migrations.testing.CatalogSnapshots;
import ai.demeter.migrations.testing.SharedCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlembicAdoptionTest {
    private static final String CHAIN = "classpath:ai/demeter/migrations/engine/fixtures/chain";

    private MigrationEngine engine(DatabaseTarget target) {
        return new MigrationEngine(new EngineSettings(target, getClass().getClassLoader(), List.of(CHAIN),
                EngineSettings.DEFAULT_SCHEMA, EngineSettings.DEFAULT_HISTORY_TABLE), MigrationListener.SILENT);
    }

    /** A database as the Alembic chain leaves it: the schema of V1..V{version}, no Flyway history, a revision. */
    private DatabaseTarget alembicDatabase(String version, String revision) throws SQLException {
        DatabaseTarget target = SharedCluster.newDatabase();
        engine(target).migrate(MigrateTarget.parse(version));
        execute(target, "drop table flyway_schema_history");
        execute(target, "create table alembic_version (version_num varchar(32) not null primary key)");
        execute(target, "insert into alembic_version values ('" + revision + "')");
        return target;
    }

    @Test
    void anAlembicDatabaseIsRecognisedAndMigrateAndRollbackRefuseToRunOverIt() throws SQLException {
        DatabaseTarget target = alembicDatabase("3", "rev3");
        MigrationEngine engine = engine(target);

        AlembicDatabase alembic = engine.alembic().orElseThrow();
        assertEquals("rev3", alembic.revision());
        assertEquals("V3 index plot outline", alembic.replacedBy().orElseThrow().label());
        assertEquals("an Alembic database at revision rev3, which is V3 index plot outline; not adopted yet. Adopt it"
                + " with ./mvnw demeter:adopt (it checks the schema, then records V1-V3 as applied).", alembic.describe());
        assertEquals("Current: " + alembic.describe(), engine.currentSummary());

        DemeterException refused = assertThrows(DemeterException.class, () -> engine.migrate(new MigrateTarget.Head()));
        assertTrue(refused.isUserMistake());
        assertTrue(refused.getMessage().startsWith("Not migrating: the database is an Alembic database at revision"
                + " rev3"), refused.getMessage());
        assertFalse(exists(target, "flyway_schema_history"), "migrate changed nothing");

        assertEquals(List.of("The database is " + alembic.describe()), engine.validate(),
                "not valid while Demeter does not keep it, though its Flyway history is empty");

        // Not "nothing to roll back, the database is at base": it is at V3, in Alembic's hands.
        DemeterException notRolledBack = assertThrows(DemeterException.class,
                () -> engine.rollback(RollbackRequest.parse(null, "base"), RollbackOptions.defaults()));
        assertTrue(notRolledBack.isUserMistake());
        assertEquals("Not rolling back: the database is " + alembic.describe() + " Nothing was changed.",
                notRolledBack.getMessage());
        assertFalse(exists(target, RollbackJournal.TABLE), "rollback changed nothing");
    }

    @Test
    void adoptedAtItsRevisionTheDatabaseRollsBackToBaseAndMigratesAgain() throws SQLException {
        DatabaseTarget empty = SharedCluster.newDatabase();
        engine(empty).migrate(MigrateTarget.parse("1"));
        engine(empty).rollback(new RollbackRequest.Steps(1), RollbackOptions.defaults());
        DatabaseTarget built = SharedCluster.newDatabase();
        engine(built).migrate(new MigrateTarget.Head());
        DatabaseTarget target = alembicDatabase("3", "rev3");
        MigrationEngine engine = engine(target);

        AlembicAdoption.Adopted adopted = engine.adopt(upTo -> List.of(), false);

        assertEquals(3, adopted.recorded());
        assertEquals("3", engine.current().currentVersion());
        assertEquals("Current: version 3 (index plot outline), up to date.", engine.currentSummary());
        assertEquals(List.of(), engine.validate());
        assertTrue(engine.history().stream().allMatch(entry -> entry.state().equals("Adopted")),
                engine.history().toString());
        assertTrue(exists(target, "alembic_version"), "alembic_version stays unless asked to drop it");
        assertTrue(engine.alembic().isEmpty(), "an adopted database is Demeter's");

        engine.rollback(RollbackRequest.parse(null, "base"), RollbackOptions.defaults());
        assertTrue(engine.current().atBase());
        assertTrue(engine.alembic().isEmpty(), "still Demeter's after a rollback to base");
        // Left: the Alembic table (kept on purpose) and Demeter's record of the adoption; nothing of the schema.
        execute(target, "drop table alembic_version, demeter_alembic_adoption");
        assertEquals(CatalogSnapshots.of(empty), CatalogSnapshots.of(target));
        assertEquals(3, engine.migrate(new MigrateTarget.Head()).applied());
        assertEquals(CatalogSnapshots.of(built), CatalogSnapshots.of(target));
    }

    @Test
    void anIntermediateRevisionIsAdoptedThereAndMigrateAppliesTheRest() throws SQLException {
        DatabaseTarget target = alembicDatabase("2", "rev2");
        MigrationEngine engine = engine(target);
        assertEquals(2, engine.adopt(upTo -> List.of(), true).recorded());
        assertFalse(exists(target, "alembic_version"), "dropped on request");
        assertEquals(1, engine.migrate(new MigrateTarget.Head()).applied());
        assertEquals("3", engine.current().currentVersion());
    }

    @Test
    void aDriftedDatabaseOrAnUnknownRevisionIsRefusedAndNothingIsRecorded() throws SQLException {
        DatabaseTarget drifted = alembicDatabase("3", "rev3");
        DemeterException different = assertThrows(DemeterException.class, () -> engine(drifted)
                .adopt(upTo -> List.of("column plots.note text: only in the database"), false));
        assertTrue(different.getMessage().contains("Nothing was recorded. The differences:\n  column plots.note text:"
                + " only in the database"), different.getMessage());
        assertFalse(exists(drifted, "flyway_schema_history"));

        DatabaseTarget unknown = alembicDatabase("3", "f00dfeed");
        DemeterException unmapped = assertThrows(DemeterException.class, () -> engine(unknown)
                .adopt(upTo -> List.of(), false));
        assertTrue(unmapped.getMessage().contains("which no migration replaces (known: rev1 (V1), rev2 (V2),"
                + " rev3 (V3))"), unmapped.getMessage());
        assertFalse(exists(unknown, "flyway_schema_history"));
    }

    @Test
    void theSchemaIsComparedWithWhatTheMigrationsBuildOnAThrowawayDatabase() throws SQLException {
        PostgresInstallation installation = PostgresInstallation.find(System.getenv()).orElseThrow();
        DatabaseTarget drifted = alembicDatabase("3", "rev3");
        execute(drifted, "alter table plots add column note text");
        DemeterException refused = assertThrows(DemeterException.class,
                () -> engine(drifted).adopt(() -> LocalProvider.of(installation), false));
        assertTrue(refused.getMessage().contains("column plots.note text: only in the database"), refused.getMessage());
        assertFalse(exists(drifted, "flyway_schema_history"), "nothing recorded");

        DatabaseTarget faithful = alembicDatabase("2", "rev2");
        assertEquals(2, engine(faithful).adopt(() -> LocalProvider.of(installation), false).recorded());
        assertEquals("2", engine(faithful).current().currentVersion());
    }

    @Test
    void driftMadeOutsideTheMigrationsIsFoundFactByFact() throws SQLException {
        PostgresInstallation installation = PostgresInstallation.find(System.getenv()).orElseThrow();
        DatabaseTarget target = SharedCluster.newDatabase();
        MigrationEngine engine = engine(target);
        engine.migrate(new MigrateTarget.Head());
        assertEquals(List.of(), engine.drift(() -> LocalProvider.of(installation)).facts());

        execute(target, "alter table plots add column note text");
        execute(target, "drop index idx_plots_outline");
        SchemaDrift drift = engine.drift(() -> LocalProvider.of(installation));
        assertEquals("V1-V3", drift.built());
        assertTrue(drift.facts().contains("column plots.note text: only in the database"), drift.facts().toString());
        assertTrue(drift.facts().stream().anyMatch(fact -> fact.startsWith("index plots.idx_plots_outline: CREATE INDEX idx_plots_outline ON public.plots USING gist")
                && fact.endsWith(": only in what V1-V3 build")), drift.facts().toString());
        assertEquals(2, drift.facts().size(), drift.facts().toString());
    }

    private static void execute(DatabaseTarget target, String sql) throws SQLException {
        try (Connection connection = Connections.open(target)) {
            connection.createStatement().execute(sql);
        }
    }

    private static boolean exists(DatabaseTarget target, String table) throws SQLException {
        try (Connection connection = Connections.open(target);
             ResultSet result = connection.createStatement().executeQuery("select to_regclass('" + table + "')")) {
            result.next();
            return result.getString(1) != null;
        }
    }
}
