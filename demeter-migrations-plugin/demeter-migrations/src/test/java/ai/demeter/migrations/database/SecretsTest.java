package ai.demeter.migrations.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void masksPasswordParameters() {
        assertEquals("jdbc:postgresql://h/d?user=u&password=****&ssl=true",
                Secrets.mask("jdbc:postgresql://h/d?user=u&password=hunter2&ssl=true"));
        assertEquals("PASSWORD=****", Secrets.mask("PASSWORD=hunter2"));
    }

    @Test
    void masksUserInfoPasswords() {
        assertEquals("postgresql+psycopg2://u:****@h:5432/d", Secrets.mask("postgresql+psycopg2://u:hunter2@h:5432/d"));
        assertEquals("postgresql://u@h/d", Secrets.mask("postgresql://u@h/d"));
    }

    @Test
    void masksGivenSecretsAnywhere() {
        String masked = Secrets.mask("FATAL: role x with hunter2 failed", "hunter2", null, "");
        assertFalse(masked.contains("hunter2"));
        assertEquals("FATAL: role x with **** failed", masked);
    }

    @Test
    void nullStaysNull() {
        assertNull(Secrets.mask(null, "x"));
    }

    @Test
    void targetToStringNeverShowsThePassword() {
        DatabaseTarget target = new DatabaseTarget("jdbc:postgresql://h/d?password=hunter2", "u", "hunter2", "test");
        assertFalse(target.toString().contains("hunter2"), target.toString());
        assertFalse(target.displayUrl().contains("hunter2"));
    }
}
