package ai.demeter.migrations.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real throwaway clusters from this machine's PostgreSQL binaries. */
class LocalProviderTest {

    private static PostgresInstallation installation() {
        return PostgresInstallation.find(System.getenv()).filter(PostgresInstallation::hasPostgis)
                .orElseThrow(() -> new AssertionError("These tests need PostgreSQL with PostGIS (.ci/run installs it)"));
    }

    @Test
    void startsAClusterWithPostgisAndDeletesItOnClose() throws Exception {
        Path directory;
        try (ThrowawayDatabase database = LocalProvider.of(installation()).start();
             Connection connection = Connections.open(database.target())) {
            String source = database.target().source();
            directory = Path.of(source.substring(source.indexOf('/')));
            assertTrue(Files.isDirectory(directory.resolve("data")), directory.toString());
            connection.createStatement().execute("create extension postgis");
            ResultSet version = connection.createStatement().executeQuery("select postgis_lib_version()");
            assertTrue(version.next());
            assertTrue(version.getString(1).startsWith("3."), version.getString(1));
        }
        assertFalse(Files.exists(directory), "cluster directory left behind: " + directory);
    }

    @Test
    void failedStartReportsTheServerLogTail(@TempDir Path temporary) throws Exception {
        LocalProvider provider = new LocalProvider(installation(), ServerUser.detect(),
                Path.of(System.getProperty("java.io.tmpdir")));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            LocalCluster cluster = new LocalCluster(provider.installation(), provider.serverUser(),
                    Files.createTempDirectory(provider.temporaryRoot(), "demeter-pg-test-"), taken.getLocalPort(), false);
            try {
                cluster.initialize();
                DemeterException e = assertThrows(DemeterException.class, cluster::start);
                assertFalse(e.isUserMistake());
                assertTrue(e.getMessage().contains("did not start on port " + taken.getLocalPort()), e.getMessage());
                assertTrue(e.getMessage().contains("could not bind"), e.getMessage());
            } finally {
                cluster.destroy();
            }
        }
    }

    @Test
    void findsDebianBinariesWithPostgis() {
        PostgresInstallation found = PostgresInstallation.find(java.util.Map.of("PATH", "/nonexistent")).orElseThrow();
        assertTrue(found.hasPostgis());
        for (String binary : List.of("initdb", "pg_ctl", "postgres")) {
            assertTrue(Files.isExecutable(found.binary(binary)), binary);
        }
    }

    @Test
    void serverUserAsRootIsANamespaceOrPostgres() {
        ServerUser user = ServerUser.detect();
        assertEquals(user.prefix().isEmpty(), user instanceof ServerUser.Self);
    }

    @Test
    void clustersGoToSharedMemoryOnlyWhenItIsThereWithRoomElseToTheTemporaryDirectory(@TempDir Path small)
            throws Exception {
        Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
        assertEquals(temporary, LocalProvider.fastTemporaryRoot(small.resolve("no-such-directory")));
        Path chosen = LocalProvider.fastTemporaryRoot(small);
        boolean roomy = Files.getFileStore(small).getUsableSpace() >= LocalProvider.MEMORY_NEEDED;
        assertEquals(roomy ? small : temporary, chosen);

        LocalProvider provider = LocalProvider.of(installation()).under(small);
        assertEquals(small, provider.temporaryRoot());
    }
}
