package ai.demeter.migrations.junit;

import static ai.demeter.migrations.junit.Fixtures.GREENHOUSES;
import static ai.demeter.migrations.junit.Fixtures.column;
import static ai.demeter.migrations.junit.Fixtures.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.engine.DatabaseState;
import ai.demeter.migrations.engine.MigrateTarget;
import ai.demeter.migrations.engine.MigrationEngine;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Head by default; a given version; base (empty); a method's own database; @Nested classes' own copies. */
@MigratedDatabase(locations = GREENHOUSES)
class VersionsTest {
    private static String classDatabase;

    @BeforeAll
    static void rememberTheClassDatabase(DatabaseTarget database) {
        classDatabase = database.databaseName();
    }

    @Test
    void headAppliesEveryMigrationWithPostgisAvailable(MigrationEngine engine, Connection connection) throws Exception {
        assertEquals("3", engine.current().currentVersion());
        assertTrue(engine.current().pending().isEmpty());
        assertEquals("POLYGON 4326", single(connection,
                "select type || ' ' || srid from geometry_columns where f_table_name = 'greenhouses'"));
    }

    @Test
    @MigratedDatabase(locations = GREENHOUSES, version = "V2")
    void anAnnotatedMethodGetsADatabaseOfItsOwn(DatabaseTarget database, MigrationEngine engine) {
        assertNotEquals(classDatabase, database.databaseName());
        assertEquals("2", engine.current().currentVersion());
    }

    @Nested
    @MigratedDatabase(locations = GREENHOUSES, version = "1")
    class AtAGivenVersion {
        @Test
        void stopsThereWithTheRestPending(MigrationEngine engine, Connection connection) throws Exception {
            DatabaseState state = engine.current();
            assertEquals("1", state.currentVersion());
            assertEquals(List.of("2", "3"), state.pending().stream().map(DatabaseState.PendingMigration::version).toList());
            assertEquals(List.of("NAVE-A"), column(connection, "select code from greenhouses"));
            assertEquals(List.of("plpgsql"), column(connection, "select extname from pg_extension"));
        }
    }

    @Nested
    @MigratedDatabase(locations = GREENHOUSES, version = MigratedDatabase.BASE)
    class AtBase {
        @Test
        void isEmptyAndTheEngineMigratesIt(MigrationEngine engine, Connection connection) throws Exception {
            assertNull(engine.current().currentVersion());
            assertEquals(3, engine.current().pending().size());
            assertEquals(List.of(), column(connection,
                    "select tablename from pg_tables where schemaname = 'public'"));

            engine.migrate(new MigrateTarget.Head());
            assertEquals("3", engine.current().currentVersion());
            assertEquals(List.of("NAVE-A"), column(connection, "select code from greenhouses"));
        }
    }

    @Nested
    class WithoutItsOwnAnnotation {
        @Test
        void usesTheEnclosingSettingsInACopyOfItsOwn(DatabaseTarget database, MigrationEngine engine) {
            assertNotEquals(classDatabase, database.databaseName());
            assertEquals("3", engine.current().currentVersion());
        }
    }
}
