package ai.demeter.migrations.database;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterException;
import org.junit.jupiter.api.Test;

class ConnectionsTest {

    @Test
    void unreachableServerNamesHostAndWhatToCheckWithoutThePassword() {
        int closedPort = LocalProvider.freePort();
        DatabaseTarget target = new DatabaseTarget("jdbc:postgresql://127.0.0.1:" + closedPort + "/demeterai",
                "deployer", "hunter2", "demeter.url");
        DemeterException e = assertThrows(DemeterException.class, () -> Connections.open(target));
        assertTrue(e.isUserMistake());
        assertTrue(e.getMessage().contains("127.0.0.1:" + closedPort), e.getMessage());
        assertTrue(e.getMessage().contains("Check that PostgreSQL runs"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            assertFalse(String.valueOf(cause.getMessage()).contains("hunter2"));
        }
    }

    @Test
    void anUnknownDatabaseIsNamedWithHowToCreateIt() {
        DatabaseTarget existing = ai.demeter.migrations.testing.SharedCluster.newDatabase();
        DatabaseTarget missing = existing.withDatabase("no_such_greenhouse_db", "demeter.url");
        DemeterException e = assertThrows(DemeterException.class, () -> Connections.open(missing));
        assertTrue(e.isUserMistake());
        assertTrue(e.getMessage().contains("(database no_such_greenhouse_db, user "), e.getMessage());
        assertTrue(e.getMessage().contains("The database does not exist. Create it (createdb -h 127.0.0.1"
                + " no_such_greenhouse_db) or fix the database name in the URL."), e.getMessage());
    }

    @Test
    void anUnknownSslmodeIsNamedWithTheValuesTheDriverTakes() {
        DatabaseTarget target = new DatabaseTarget("jdbc:postgresql://127.0.0.1:" + LocalProvider.freePort()
                + "/demeterai?sslmode=bogus", "deployer", "hunter2", "DEMETER_DB_URL in .env");
        DemeterException e = assertThrows(DemeterException.class, () -> Connections.open(target));
        assertTrue(e.isUserMistake());
        assertTrue(e.getMessage().contains("Invalid sslmode value: bogus"), e.getMessage());
        assertTrue(e.getMessage().contains("Fix sslmode in DEMETER_DB_URL in .env: one of disable, allow, prefer,"
                + " require, verify-ca, verify-full."), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }
}
