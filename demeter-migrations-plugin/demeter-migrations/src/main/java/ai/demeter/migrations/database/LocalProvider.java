package ai.demeter.migrations.database;

import ai.demeter.migrations.api.DemeterException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** Throwaway clusters from PostgreSQL binaries on this machine: initdb into a temporary directory, a free port. */
public record LocalProvider(PostgresInstallation installation, ServerUser serverUser, Path temporaryRoot)
        implements DatabaseProvider {

    /**
     * @param temporaryRoot where cluster directories are made; it must be reachable by the server user, which is
     *                      why it defaults to the system temporary directory rather than the build directory
     */
    public LocalProvider {
    }

    public static LocalProvider of(PostgresInstallation installation) {
        return new LocalProvider(installation, ServerUser.detect(), Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Attempts at a free port: another process can take the port between choosing it and the server binding it. */
    private static final int PORT_ATTEMPTS = 3;

    @Override
    public ThrowawayDatabase start() {
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            try {
                return startOnce(port);
            } catch (DemeterException e) {
                // Retry only when the port was taken meanwhile; any other failure would fail again.
                if (attempt == PORT_ATTEMPTS || LocalPorts.isFree(port)) {
                    throw e;
                }
            }
        }
    }

    private ThrowawayDatabase startOnce(int port) {
        Path base;
        try {
            base = Files.createTempDirectory(temporaryRoot, "demeter-pg-");
        } catch (IOException e) {
            throw DemeterException.fault("Cannot create a temporary directory under " + temporaryRoot, e);
        }
        LocalCluster cluster = new LocalCluster(installation, serverUser, base, port, false);
        try {
            cluster.initialize();
            cluster.start();
        } catch (RuntimeException e) {
            try {
                cluster.destroy();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return new ThrowawayDatabase(cluster.target("postgres", "throwaway cluster in " + base), cluster::destroy);
    }

    @Override
    public String describe() {
        return "local PostgreSQL from " + installation.binDirectory() + " (" + serverUser.describe() + ")";
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw DemeterException.fault("Cannot find a free local port", e);
        }
    }
}
