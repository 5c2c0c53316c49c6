package ai.demeter.migrations.database;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** The Docker path, for machines that have an engine; skipped, with the reason, where none answers. */
class DockerProviderTest {

    @Test
    void startsAPostgisContainer() throws Exception {
        assumeTrue(DockerProvider.isDockerAvailable(),
                "No Docker engine answers on this machine: the Docker provider cannot be exercised here");
        try (ThrowawayDatabase database = new DockerProvider(DockerProvider.DEFAULT_IMAGE).start();
             Connection connection = Connections.open(database.target())) {
            connection.createStatement().execute("create extension if not exists postgis");
            ResultSet version = connection.createStatement().executeQuery("select postgis_lib_version()");
            assertTrue(version.next());
        }
    }
}
