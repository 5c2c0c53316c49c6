package ai.demeter.migrations.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
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
            EmbeddedDevDatabase noBinaries = new EmbeddedDevDatabase(projectRoot, OptionalInt.of(port),
                    EmbeddedDevDatabase.DEFAULT_PORT, () -> { throw new AssertionError("binaries looked for"); },
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

    @Test
    void withoutAChosenPortANewDatabaseTakesTheDefaultOrTheNextFreeOneAndKeepsIt() throws Exception {
        // Two checkouts side by side. Their default port is a free one here, so 15432 stays the developer's.
        Path first = Files.createTempDirectory("demeter-embedded-test-");
        Path second = Files.createTempDirectory("demeter-embedded-test-");
        int defaultPort = LocalProvider.freePort();
        EmbeddedDevDatabase a = unchosen(first, defaultPort);
        EmbeddedDevDatabase b = unchosen(second, defaultPort);
        try {
            EmbeddedDevDatabase.Running createdA = a.ensureRunning();
            assertEquals(EmbeddedDevDatabase.Startup.CREATED, createdA.startup());
            assertEquals("jdbc:postgresql://127.0.0.1:" + defaultPort + "/demeterai", createdA.target().url());
            assertEquals(Optional.empty(), createdA.portNotice());
            assertEquals(defaultPort + "\n", Files.readString(first.resolve(".demeter/port")));
            try (Connection connection = Connections.open(createdA.target())) {
                connection.createStatement().execute("create table kept (id int)");
            }

            // The second checkout's database finds the default port taken by the first one's, and takes another.
            EmbeddedDevDatabase.Running createdB = b.ensureRunning();
            int portB = b.port();
            assertNotEquals(defaultPort, portB);
            assertEquals("jdbc:postgresql://127.0.0.1:" + portB + "/demeterai", createdB.target().url());
            assertTrue(createdB.portNotice().orElseThrow().startsWith("Port " + defaultPort
                    + " is taken by another process"), createdB.portNotice().toString());
            assertTrue(createdB.portNotice().orElseThrow().contains("so the new embedded dev database listens on " + portB + " "),
                    createdB.portNotice().toString());
            assertEquals(portB + "\n", Files.readString(second.resolve(".demeter/port")));
            assertEquals("psql -h 127.0.0.1 -p " + portB + " -U postgres demeterai", b.psqlCommand());
            try (Connection connection = Connections.open(createdB.target())) {
                assertTrue(connection.isValid(5));
            }
            // Later goals, with no port chosen either, find each where it runs.
            assertEquals(createdA.target().url(), unchosen(first, defaultPort).ensureRunning().target().url());
            assertEquals(EmbeddedDevDatabase.Startup.ALREADY_RUNNING,
                    unchosen(second, defaultPort).ensureRunning().startup());

            // Stopped, each starts again on the port it remembers, though the default port is free again.
            assertTrue(a.stop());
            assertTrue(b.stop());
            assertEquals(portB, b.port());
            EmbeddedDevDatabase.Running restartedB = unchosen(second, defaultPort).ensureRunning();
            assertEquals(EmbeddedDevDatabase.Startup.STARTED, restartedB.startup());
            assertEquals(Optional.empty(), restartedB.portNotice());
            assertEquals(portB, b.port());
            assertTrue(b.stop());

            // The remembered port taken meanwhile: the database moves to a free port, keeps its data, says so and
            // remembers the new port.
            try (ServerSocket taken = new ServerSocket(defaultPort, 1, InetAddress.getLoopbackAddress())) {
                EmbeddedDevDatabase.Running moved = unchosen(first, defaultPort).ensureRunning();
                int movedTo = a.port();
                assertNotEquals(defaultPort, movedTo);
                assertEquals(EmbeddedDevDatabase.Startup.STARTED, moved.startup());
                assertTrue(moved.portNotice().orElseThrow().startsWith("Port " + defaultPort + ", where the embedded"
                        + " dev database listened before, is taken by another process"), moved.portNotice().toString());
                assertEquals(movedTo + "\n", Files.readString(first.resolve(".demeter/port")));
                try (Connection connection = Connections.open(moved.target())) {
                    connection.createStatement().executeQuery("select * from kept").close();
                }
            }
            assertTrue(a.stop());

            // A chosen port is used as it is, and remembered for the goals that choose none.
            int chosen = LocalProvider.freePort();
            EmbeddedDevDatabase.Running onChosen = EmbeddedDevDatabase.at(first, chosen, System.getenv()).ensureRunning();
            assertEquals("jdbc:postgresql://127.0.0.1:" + chosen + "/demeterai", onChosen.target().url());
            assertEquals(Optional.empty(), onChosen.portNotice());
            assertTrue(a.stop());
            assertEquals(chosen, a.port());
            assertEquals("jdbc:postgresql://127.0.0.1:" + chosen + "/demeterai",
                    unchosen(first, defaultPort).ensureRunning().target().url());
        } finally {
            a.stop();
            b.stop();
            LocalCluster.deleteRecursively(first);
            LocalCluster.deleteRecursively(second);
        }
    }

    @Test
    void withoutAChosenPortANewDatabaseStartsLookingAt15432() throws Exception {
        Path projectRoot = Files.createTempDirectory("demeter-embedded-test-");
        try {
            EmbeddedDevDatabase embedded = EmbeddedDevDatabase.at(projectRoot, Map.of());
            assertEquals(15432, embedded.port());
            assertEquals("psql -h 127.0.0.1 -p 15432 -U postgres demeterai", embedded.psqlCommand());
            // A damaged port file is not a port: the database looks for one as if it were new.
            Files.createDirectories(projectRoot.resolve(".demeter"));
            Files.writeString(projectRoot.resolve(".demeter/port"), "fifteen\n");
            assertEquals(OptionalInt.empty(), embedded.rememberedPort());
            Files.writeString(projectRoot.resolve(".demeter/port"), "15433\n");
            assertEquals(15433, embedded.port());
            assertEquals(15440, EmbeddedDevDatabase.at(projectRoot, 15440, Map.of()).port());
        } finally {
            LocalCluster.deleteRecursively(projectRoot);
        }
    }

    /** The database of the checkout at {@code projectRoot} with no port chosen, starting at {@code defaultPort}. */
    private static EmbeddedDevDatabase unchosen(Path projectRoot, int defaultPort) {
        Map<String, String> environment = System.getenv();
        return new EmbeddedDevDatabase(projectRoot, OptionalInt.empty(), defaultPort,
                () -> PostgresInstallation.find(environment).filter(PostgresInstallation::hasPostgis).orElseThrow(),
                ServerUser::detect);
    }
}
