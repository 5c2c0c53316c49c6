package ai.demeter.migrations.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotEnvTest {

    @Test
    void readsAssignmentsCommentsExportsAndQuotes() {
        Map<String, String> variables = DotEnv.parse("""
                # database for the Alembic setup
                DATABASE_URL_SYNC=postgresql+psycopg2://u:p@localhost:5432/demeterai
                export DEMETER_DB_URL="jdbc:postgresql://localhost/x"
                SINGLE='a b'
                TRAILING=value # comment
                  SPACED = padded
                not a line
                EMPTY=
                """);
        assertEquals("postgresql+psycopg2://u:p@localhost:5432/demeterai", variables.get("DATABASE_URL_SYNC"));
        assertEquals("jdbc:postgresql://localhost/x", variables.get("DEMETER_DB_URL"));
        assertEquals("a b", variables.get("SINGLE"));
        assertEquals("value", variables.get("TRAILING"));
        assertEquals("padded", variables.get("SPACED"));
        assertEquals("", variables.get("EMPTY"));
        assertEquals(6, variables.size());
    }

    @Test
    void missingFileIsEmpty(@TempDir Path directory) {
        assertTrue(DotEnv.read(directory.resolve(".env")).isEmpty());
    }

    @Test
    void readsAFile(@TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve(".env"), "A=1\r\nB=2\r\n");
        assertEquals(Map.of("A", "1", "B", "2"), DotEnv.read(directory.resolve(".env")));
    }
}
