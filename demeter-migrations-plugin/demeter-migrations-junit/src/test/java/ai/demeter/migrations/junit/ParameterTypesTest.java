package ai.demeter.migrations.junit;

import static ai.demeter.migrations.junit.Fixtures.GREENHOUSES;
import static ai.demeter.migrations.junit.Fixtures.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.engine.MigrationEngine;
import java.sql.Connection;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every parameter type reaches the class's database; connections live as long as the scope they were given to. */
@MigratedDatabase(locations = GREENHOUSES)
class ParameterTypesTest {
    private static Connection classConnection;
    private static Connection testConnection;
    private static String database;
    private final DatabaseTarget constructed;

    ParameterTypesTest(DatabaseTarget target) {
        constructed = target;
    }

    @BeforeAll
    static void classScope(Connection connection, DatabaseTarget target) throws Exception {
        classConnection = connection;
        database = target.databaseName();
        assertEquals(database, single(connection, "select current_database()"));
    }

    @BeforeEach
    void testScope(Connection connection) {
        testConnection = connection;
    }

    @Test
    void everyTypeIsTheSameDatabase(DataSource dataSource, DSLContext db, Connection connection, DatabaseTarget target,
            MigrationEngine engine) throws Exception {
        assertEquals(database, target.databaseName());
        assertEquals(database, constructed.databaseName(), "constructors get the class's database too");
        assertEquals(database, db.fetchValue("select current_database()"));
        try (Connection fromDataSource = dataSource.getConnection()) {
            assertEquals(database, single(fromDataSource, "select current_database()"));
            assertNotEquals(pid(connection), pid(fromDataSource), "the DataSource opens new connections");
        }
        assertEquals("3", engine.current().currentVersion());

        assertTrue(connection == testConnection, "@BeforeEach and the test share the test's connection");
        assertEquals(pid(connection), db.fetchValue("select pg_backend_pid()").toString(),
                "the DSLContext runs on the test's connection");
        assertNotEquals(pid(classConnection), pid(connection), "the class's connection is another one");
    }

    @AfterAll
    static void testConnectionsAreClosedAfterTheirTestAndTheClassConnectionAfterTheClass() throws Exception {
        assertTrue(testConnection.isClosed());
        assertFalse(classConnection.isClosed());
    }

    private static String pid(Connection connection) throws Exception {
        return single(connection, "select pg_backend_pid()");
    }
}
