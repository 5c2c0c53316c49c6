package ai.demeter.migrations.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterException;
import org.junit.jupiter.api.Test;

class ConnectionUrlTest {

    @Test
    void alembicUrlBecomesJdbcWithCredentialsOutOfTheUrl() {
        ConnectionUrl url = ConnectionUrl.parse("postgresql+psycopg2://demeter:s3cret@db.local:5434/demeterai_test", "X");
        assertEquals("jdbc:postgresql://db.local:5434/demeterai_test", url.jdbcUrl());
        assertEquals("demeter", url.user());
        assertEquals("s3cret", url.password());
    }

    @Test
    void percentEncodedPasswordIsDecoded() {
        ConnectionUrl url = ConnectionUrl.parse("postgresql://app:p%40ss%3Aw0rd@localhost/demeterai", "X");
        assertEquals("p@ss:w0rd", url.password());
        assertEquals("jdbc:postgresql://localhost/demeterai", url.jdbcUrl());
    }

    @Test
    void libpqSchemesAndQueryParametersAreKept() {
        assertEquals("jdbc:postgresql://h:5432/d?sslmode=require",
                ConnectionUrl.parse("postgres://u@h:5432/d?sslmode=require", "X").jdbcUrl());
        assertEquals("u", ConnectionUrl.parse("postgresql+asyncpg://u@h/d", "X").user());
    }

    @Test
    void jdbcUrlPassesThroughUntouchedWithTheCredentialsOfItsQuerySeen() {
        ConnectionUrl url = ConnectionUrl.parse(" jdbc:postgresql://h:1/d?user=x ", "X");
        assertEquals("jdbc:postgresql://h:1/d?user=x", url.jdbcUrl());
        assertEquals("x", url.user());
        assertNull(url.password());

        ConnectionUrl both = ConnectionUrl.parse("jdbc:postgresql://h/d?ssl=true&user=app&password=s%3Bcret", "X");
        assertEquals("app", both.user());
        assertEquals("s;cret", both.password());
    }

    @Test
    void aJdbcUrlTheDriverCannotParseIsRefused() {
        DemeterException e = assertThrows(DemeterException.class,
                () -> ConnectionUrl.parse("jdbc:postgresql://h:notaport/d?password=hunter2", "demeter.url"));
        assertTrue(e.getMessage().startsWith("demeter.url holds "), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void otherSchemesAreRejectedWithoutShowingThePassword() {
        DemeterException e = assertThrows(DemeterException.class,
                () -> ConnectionUrl.parse("mysql://root:hunter2@h/d", "DATABASE_URL_SYNC in .env"));
        assertTrue(e.isUserMistake());
        assertTrue(e.getMessage().startsWith("DATABASE_URL_SYNC in .env holds"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void toStringHidesThePassword() {
        assertFalse(ConnectionUrl.parse("postgresql://u:hunter2@h/d", "X").toString().contains("hunter2"));
    }
}
