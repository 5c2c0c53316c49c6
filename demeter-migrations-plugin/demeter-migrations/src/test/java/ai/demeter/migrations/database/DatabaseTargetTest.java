package ai.demeter.migrations.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterException;
import org.junit.jupiter.api.Test;

class DatabaseTargetTest {

    @Test
    void readsHostPortAndDatabaseFromTheUrl() {
        DatabaseTarget target = new DatabaseTarget("jdbc:postgresql://db.example.com:6543/demeterai?ssl=true", "u", null, "t");
        assertEquals("db.example.com:6543", target.hostAndPort());
        assertEquals("demeterai", target.databaseName());
        assertFalse(target.isOnThisMachine());
    }

    @Test
    void defaultsAndLoopbackHosts() {
        assertEquals("localhost:5432", new DatabaseTarget("jdbc:postgresql:demeterai", "u", null, "t").hostAndPort());
        assertTrue(new DatabaseTarget("jdbc:postgresql://127.0.0.1/d", "u", null, "t").isOnThisMachine());
        assertTrue(new DatabaseTarget("jdbc:postgresql://localhost/d", "u", null, "t").isOnThisMachine());
        assertEquals("u", new DatabaseTarget("jdbc:postgresql://h/", "u", null, "t").databaseName());
    }

    @Test
    void severalHostsAndIpv6AsTheDriverReadsThem() {
        assertEquals("primary:5433", new DatabaseTarget("jdbc:postgresql://primary:5433,replica:5434/d", "u", null, "t")
                .hostAndPort());
        DatabaseTarget ipv6 = new DatabaseTarget("jdbc:postgresql://[::1]:5432/d", "u", null, "t");
        assertTrue(ipv6.isOnThisMachine(), ipv6.host());
    }

    @Test
    void anotherDatabaseOnTheSameServerKeepsCredentialsAndParameters() {
        DatabaseTarget server = new DatabaseTarget("jdbc:postgresql://localhost:32768/test?loggerLevel=OFF", "test",
                "secret", "container");
        DatabaseTarget copy = server.withDatabase("demeter_test_3", "test database demeter_test_3");
        assertEquals("jdbc:postgresql://localhost:32768/demeter_test_3?loggerLevel=OFF", copy.url());
        assertEquals("test", copy.user());
        assertEquals("secret", copy.password());
        assertEquals("test database demeter_test_3", copy.source());
        assertEquals("jdbc:postgresql://127.0.0.1:5433/other",
                new DatabaseTarget("jdbc:postgresql://127.0.0.1:5433", "u", null, "t").withDatabase("other", "t").url());
        assertEquals("jdbc:postgresql:other",
                new DatabaseTarget("jdbc:postgresql:demeterai", "u", null, "t").withDatabase("other", "t").url());
    }

    @Test
    void rejectsNonPostgresUrls() {
        DemeterException e = assertThrows(DemeterException.class,
                () -> new DatabaseTarget("jdbc:mysql://h/d?password=hunter2", "u", "hunter2", "demeter.url"));
        assertTrue(e.getMessage().contains("demeter.url"));
        assertFalse(e.getMessage().contains("hunter2"));
    }
}
