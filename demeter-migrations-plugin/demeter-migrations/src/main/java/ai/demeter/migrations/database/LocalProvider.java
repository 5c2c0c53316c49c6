package ai.demeter.migrations.database;

import ai.demeter.migrations.api.DemeterException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

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

    /** This provider, making its cluster directories under {@code root} instead. */
    public LocalProvider under(Path root) {
        return new LocalProvider(installation, serverUser, root);
    }

    /** Linux's memory-backed file system, present on most distributions. */
    static final Path SHARED_MEMORY = Path.of("/dev/shm");
    /** What a cluster in memory may come to use with its WAL, templates and copies, with room to spare. */
    static final long MEMORY_NEEDED = 2L << 30;

    /**
     * Where clusters that serve many databases are best made: {@code /dev/shm} when it is there with at least 2 GiB
     * free, else the system temporary directory. Copying a database creates hundreds of files, which on a virtual
     * machine's disk takes several times longer than in memory (docs/performance.md). Container runtimes often give
     * {@code /dev/shm} only 64 MB, hence the free-space check.
     */
    public static Path fastTemporaryRoot() {
        return fastTemporaryRoot(SHARED_MEMORY);
    }

    static Path fastTemporaryRoot(Path sharedMemory) {
        try {
            if (Files.isDirectory(sharedMemory) && Files.isWritable(sharedMemory)
                    && Files.getFileStore(sharedMemory).getUsableSpace() >= MEMORY_NEEDED) {
                return sharedMemory;
            }
        } catch (IOException e) {
            // Not usable: fall back to the temporary directory.
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
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
        return "local " + installation.describe() + " (" + serverUser.describe() + ")";
    }

    @Override
    public Optional<DatabaseProvider> forMajorVersion(int major) {
        return forMajorVersion(major, System.getenv());
    }

    Optional<DatabaseProvider> forMajorVersion(int major, Map<String, String> environment) {
        if (installation.majorVersion() == major) {
            return Optional.of(this);
        }
        return PostgresInstallation.find(environment, major)
                .map(other -> new LocalProvider(other, serverUser, temporaryRoot));
    }

    @Override
    public int majorVersion() {
        return installation.majorVersion();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw DemeterException.fault("Cannot find a free local port", e);
        }
    }
}
