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
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedDevDatabaseTest {

    @Test
    void createdOnFirstUseKeptBetweenStartsAndStopped() throws Exception {
        // Under the temporary directory, which the server user can reach also when it is 'postgres' via runuser.
        Path projectRoot = Files.createTempDirectory("demeter-embedded-test-");
        int port = LocalProvider.freePort();
        EmbeddedDevDatabase embedded = EmbeddedDevDatabase.at(projectRoot, port, System.getenv());
        try {
            EmbeddedDevDatabase.Running first = embedded.ensureRunning();
            assertEquals(EmbeddedDevDatabase.Startup.CREATED, first.startup());
            assertEquals("jdbc:postgresql://127.0.0.1:" + port + "/demeterai", first.target().url());
            assertTrue(Files.isDirectory(projectRoot.resolve(".demeter/postgres/data")));
            try (Connection connection = Connections.open(first.target())) {
                connection.createStatement().execute("create table kept (id int)");
            }
            assertEquals(EmbeddedDevDatabase.Startup.ALREADY_RUNNING, embedded.ensureRunning().startup());
            // A running server is seen from its postmaster.pid: neither binaries nor the server user are looked for.
            EmbeddedDevDatabase noBinaries = new EmbeddedDevDatabase(projectRoot, port,
                    () -> { throw new AssertionError("binaries looked for"); },
                    () -> { throw new AssertionError("server user looked for"); });
            assertEquals(EmbeddedDevDatabase.Startup.ALREADY_RUNNING, noBinaries.ensureRunning().startup());

            assertTrue(embedded.stop());
            assertFalse(embedded.isRunning());
            assertFalse(embedded.stop());
            // A pid file left behind by a server that died, naming a process that is gone, reads as stopped.
            Path pidFile = projectRoot.resolve(".demeter/postgres/data/postmaster.pid");
            Process gone = new ProcessBuilder("true").start();
            gone.waitFor();
            Files.writeString(pidFile, gone.pid() + "\n/data\n0\n" + port + "\n");
            assertFalse(embedded.isRunning());
            Files.delete(pidFile);

            EmbeddedDevDatabase.Running again = embedded.ensureRunning();
            assertEquals(EmbeddedDevDatabase.Startup.STARTED, again.startup());
            try (Connection connection = Connections.open(again.target())) {
                assertTrue(connection.createStatement().executeQuery("select * from kept").getMetaData()
                        .getColumnCount() == 1);
            }
            assertEquals("psql -h 127.0.0.1 -p " + port + " -U postgres demeterai", embedded.psqlCommand());

            EmbeddedDevDatabase otherPort = EmbeddedDevDatabase.at(projectRoot, LocalProvider.freePort(), Map.of());
            DemeterException e = assertThrows(DemeterException.class, otherPort::ensureRunning);
            assertTrue(e.getMessage().contains("already runs on port " + port), e.getMessage());
        } finally {
            embedded.stop();
            LocalCluster.deleteRecursively(projectRoot);
        }
    }

    @Test
    void aPortTakenByAnotherProcessIsRefusedBeforeAnythingIsCreated() throws Exception {
        Path projectRoot = Files.createTempDirectory("demeter-embedded-test-");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            DemeterException e = assertThrows(DemeterException.class,
                    () -> EmbeddedDevDatabase.at(projectRoot, port, System.getenv()).ensureRunning());
            assertTrue(e.isUserMistake());
            assertTrue(e.getMessage().startsWith("Port " + port + " on 127.0.0.1, where the embedded dev database"
                    + " listens, is taken by another process"), e.getMessage());
            assertTrue(e.getMessage().contains("-Ddemeter.embeddedPort=" + (port + 1)), e.getMessage());
            assertFalse(Files.exists(projectRoot.resolve(".demeter/postgres/data")));
        } finally {
            LocalCluster.deleteRecursively(projectRoot);
        }
    }
}
