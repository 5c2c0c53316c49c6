package ai.demeter.schema.alembic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.database.LocalProvider;
import ai.demeter.migrations.database.PostgresInstallation;
import ai.demeter.migrations.database.TemplateCluster;
import ai.demeter.migrations.engine.EngineSettings;
import ai.demeter.migrations.engine.MigrateTarget;
import ai.demeter.migrations.engine.MigrationEngine;
import ai.demeter.migrations.engine.MigrationListener;
import ai.demeter.migrations.engine.RollbackOptions;
import ai.demeter.migrations.engine.RollbackRequest;
import ai.demeter.migrations.engine.SchemaDrift;
import ai.demeter.schema.MigrationChain;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DemeterAI databases in the state the Alembic chain leaves them (the schema our migrations build, which matches
 * the Alembic head fact for fact; no Flyway history; an alembic_version row): adopted with rollback kept, or
 * refused with the difference named.
 */
class AlembicAdoptionTest {
    private static PostgresInstallation installation;
    private static TemplateCluster cluster;

    @BeforeAll
    static void startCluster() {
        installation = PostgresInstallation.find(System.getenv()).filter(PostgresInstallation::hasPostgis)
                .orElseThrow(() -> new IllegalStateException("These tests need PostgreSQL with PostGIS"));
        cluster = TemplateCluster.start(LocalProvider.of(installation));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aDatabaseAtTheAlembicHeadIsAdoptedThenRollsBackToBaseAndMigratesAgain() throws SQLException {
        DatabaseTarget database = alembicDatabase("20", "cd8d2c2050ab");
        MigrationEngine engine = engine(database);
        assertTrue(engine.alembic().orElseThrow().describe().startsWith("an Alembic database at revision"
                + " cd8d2c2050ab, which is V20 make original image id nullable; not adopted yet."));

        assertEquals(20, engine.adopt(() -> LocalProvider.of(installation), false).recorded());
        assertEquals("20", engine.current().currentVersion());
        assertTrue(engine.validate().isEmpty());

        engine.rollback(RollbackRequest.parse(null, "base"), RollbackOptions.defaults());
        assertTrue(engine.current().atBase());
        assertEquals(MigrationChain.size(), engine.migrate(new MigrateTarget.Head()).applied());
    }

    @Test
    void aDatabaseAtAnIntermediateRevisionIsAdoptedThereAndMigratesTheRest() throws SQLException {
        DatabaseTarget database = alembicDatabase("12", "6kp8m3q9n5rt");
        MigrationEngine engine = engine(database);
        assertEquals(12, engine.adopt(() -> LocalProvider.of(installation), true).recorded());
        assertEquals(MigrationChain.newerThan("12"), engine.migrate(new MigrateTarget.Head()).applied());
        assertEquals(MigrationChain.head(), engine.current().currentVersion());
    }

    @Test
    void aDriftedCopyIsRefusedWithTheDifferenceNamedAndNothingRecorded() throws SQLException {
        DatabaseTarget database = alembicDatabase("20", "cd8d2c2050ab");
        execute(database, "alter table warehouses add column notes text");
        DemeterException refused = assertThrows(DemeterException.class,
                () -> engine(database).adopt(() -> LocalProvider.of(installation), false));
        assertTrue(refused.getMessage().contains("\n  column warehouses.notes text: only in the database"),
                refused.getMessage());
        assertFalse(exists(database, "flyway_schema_history"));
        assertFalse(exists(database, "demeter_alembic_adoption"));
    }

    /**
     * DemeterAI's production runs PostgreSQL 18 while developers' and CI's first PostgreSQL may be 15: the database
     * is built on the other version, and adoption, rollback to base, migrate and diff are run with the provider of
     * the first installation, which must turn to the database's own version to compare. Runs where a second major
     * version with PostGIS is installed (.ci/run builds 18).
     */
    @Test
    void aDatabaseOfAnotherMajorVersionIsAdoptedRolledBackMigratedAndShowsNoDrift() throws SQLException {
        PostgresInstallation other = PostgresInstallation.findAll(System.getenv()).stream()
                .filter(candidate -> candidate.hasPostgis() && candidate.majorVersion() != installation.majorVersion())
                .findFirst().orElse(null);
        Assumptions.assumeTrue(other != null, "Only " + installation.describe() + " has PostGIS here; a second major"
                + " version (.ci/postgres-from-source 18) is needed to adopt a database of another version");
        try (TemplateCluster otherCluster = TemplateCluster.start(LocalProvider.of(other))) {
            DatabaseTarget database = alembicDatabase(otherCluster, "20", "cd8d2c2050ab");
            MigrationEngine engine = engine(database);
            assertEquals(20, engine.adopt(() -> LocalProvider.of(installation), false).recorded());
            engine.rollback(RollbackRequest.parse(null, "base"), RollbackOptions.defaults());
            assertTrue(engine.current().atBase());
            assertEquals(MigrationChain.size(), engine.migrate(new MigrateTarget.Head()).applied());
            SchemaDrift drift = engine.drift(() -> LocalProvider.of(installation));
            assertEquals(List.of(), drift.facts());
            // Built on the database's own version: nothing to say about versions or extensions.
            assertEquals(List.of(), drift.information());
            try (Connection connection = Connections.open(database)) {
                assertEquals(other.majorVersion(), connection.getMetaData().getDatabaseMajorVersion());
            }
        }
    }

    private static MigrationEngine engine(DatabaseTarget database) {
        return new MigrationEngine(EngineSettings.defaults(database, AlembicAdoptionTest.class.getClassLoader()),
                MigrationListener.SILENT);
    }

    private static DatabaseTarget alembicDatabase(String version, String revision) throws SQLException {
        return alembicDatabase(cluster, version, revision);
    }

    private static DatabaseTarget alembicDatabase(TemplateCluster cluster, String version, String revision)
            throws SQLException {
        DatabaseTarget database = cluster.createDatabase();
        engine(database).migrate(MigrateTarget.parse(version));
        execute(database, "drop table flyway_schema_history");
        execute(database, "create table alembic_version (version_num varchar(32) not null,"
                + " constraint alembic_version_pkc primary key (version_num))");
        execute(database, "insert into alembic_version values ('" + revision + "')");
        return database;
    }

    private static void execute(DatabaseTarget database, String sql) throws SQLException {
        try (Connection connection = Connections.open(database)) {
            connection.createStatement().execute(sql);
        }
    }

    private static boolean exists(DatabaseTarget database, String table) throws SQLException {
        try (Connection connection = Connections.open(database);
             ResultSet result = connection.createStatement().executeQuery("select to_regclass('" + table + "')")) {
            result.next();
            return result.getString(1) != null;
        }
    }
}
