package ai.demeter.migrations.database;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.internal.Lazy;
import ai.demeter.migrations.internal.SqlText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * One PostgreSQL cluster from local binaries: {@code data/} and {@code server.log} under a base directory,
 * listening on 127.0.0.1 only, with its unix socket in the base directory, trust authentication for the
 * {@code postgres} superuser. Used both for throwaway databases and for the embedded dev database.
 */
final class LocalCluster {
    static final String SUPERUSER = "postgres";
    private static final int LOG_TAIL_LINES = 25;
    // Unix socket paths are limited to 107 bytes; past that the server listens on TCP only.
    private static final int MAX_SOCKET_DIRECTORY_LENGTH = 90;

    private final Supplier<PostgresInstallation> installation;
    private final Supplier<ServerUser> serverUser;
    private final Path baseDirectory;
    private final int port;
    private final boolean durable;

    /**
     * @param durable {@code false} for throwaway clusters: no fsync, no full-page writes, since their data is
     *                discarded anyway and these settings halve start and migrate times
     */
    LocalCluster(PostgresInstallation installation, ServerUser serverUser, Path baseDirectory, int port, boolean durable) {
        this(() -> installation, () -> serverUser, baseDirectory, port, durable);
    }

    /**
     * A cluster whose binaries and server user are looked for only when a command needs them: whether a server runs
     * is read from its {@code postmaster.pid}, so a goal on a running cluster starts no process.
     */
    LocalCluster(Supplier<PostgresInstallation> installation, Supplier<ServerUser> serverUser, Path baseDirectory,
            int port, boolean durable) {
        this.installation = Lazy.of(installation);
        this.serverUser = Lazy.of(serverUser);
        this.baseDirectory = baseDirectory;
        this.port = port;
        this.durable = durable;
    }

    Path dataDirectory() {
        return baseDirectory.resolve("data");
    }

    Path logFile() {
        return baseDirectory.resolve("server.log");
    }

    int port() {
        return port;
    }

    boolean isInitialized() {
        return Files.isRegularFile(dataDirectory().resolve("PG_VERSION"));
    }

    void initialize() {
        try {
            Files.createDirectories(baseDirectory);
        } catch (IOException e) {
            throw DemeterException.fault("Cannot create " + baseDirectory, e);
        }
        serverUser.get().adopt(baseDirectory);
        List<String> command = new ArrayList<>(List.of(installation.get().binary("initdb").toString(),
                "-D", dataDirectory().toString(), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"));
        if (!durable) {
            command.add("--no-sync");
        }
        ProcessOutput result = run(command);
        if (!result.succeeded()) {
            throw DemeterException.fault("initdb failed in " + dataDirectory() + " (" + serverUser.get().describe()
                    + "):\n" + tail(result.output()), null);
        }
    }

    void start() {
        StringBuilder options = new StringBuilder("-p ").append(port).append(" -c listen_addresses=127.0.0.1");
        String socketDirectory = baseDirectory.toAbsolutePath().toString();
        options.append(" -k ").append(socketDirectory.length() <= MAX_SOCKET_DIRECTORY_LENGTH ? socketDirectory : "''");
        if (!durable) {
            options.append(" -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        }
        ProcessOutput result = run(List.of(installation.get().binary("pg_ctl").toString(), "-D",
                dataDirectory().toString(), "-l", logFile().toString(), "-w", "-t", "60", "-o", options.toString(), "start"));
        if (!result.succeeded()) {
            throw DemeterException.fault("PostgreSQL did not start on port " + port + " from " + dataDirectory()
                    + ". pg_ctl said:\n" + tail(result.output()) + "\nLast lines of " + logFile() + ":\n"
                    + tail(readLog()), null);
        }
    }

    /**
     * Whether the server of this data directory runs: its {@code postmaster.pid} names a live process, which is what
     * {@code pg_ctl status} checks, without starting a process for it.
     */
    boolean isRunning() {
        if (!isInitialized()) {
            return false;
        }
        try {
            List<String> lines = Files.readAllLines(dataDirectory().resolve("postmaster.pid"));
            long pid = lines.isEmpty() ? 0 : Long.parseLong(lines.get(0).strip());
            return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false; // no pid file: stopped (a file being written as the server starts reads as stopped)
        }
    }

    /**
     * A streaming standby of this running cluster, in {@code baseDirectory} on {@code port}, not started yet: a base
     * backup by {@code pg_basebackup -R}, which also writes the standby's connection back to this cluster. What a
     * primary with a replica does (a backfill waiting for it, say) is tested against one.
     */
    LocalCluster standby(Path baseDirectory, int port) {
        LocalCluster standby = new LocalCluster(installation, serverUser, baseDirectory, port, durable);
        try {
            Files.createDirectories(baseDirectory);
        } catch (IOException e) {
            throw DemeterException.fault("Cannot create " + baseDirectory, e);
        }
        serverUser.get().adopt(baseDirectory);
        ProcessOutput result = standby.run(List.of(installation.get().binary("pg_basebackup").toString(), "-h",
                "127.0.0.1", "-p", Integer.toString(this.port), "-U", SUPERUSER, "-D", standby.dataDirectory().toString(),
                "-R", "-X", "stream", "-c", "fast"));
        if (!result.succeeded()) {
            throw DemeterException.fault("pg_basebackup of the cluster on port " + this.port + " failed:\n"
                    + tail(result.output()), null);
        }
        return standby;
    }

    /** Stops the server if it runs; fast shutdown (open sessions are cut, nothing half-written is kept). */
    void stop() {
        if (!isRunning()) {
            return;
        }
        ProcessOutput result = run(List.of(installation.get().binary("pg_ctl").toString(), "-D", dataDirectory().toString(),
                "-m", "fast", "-w", "-t", "60", "stop"));
        if (!result.succeeded() && isRunning()) {
            throw DemeterException.fault("PostgreSQL in " + dataDirectory() + " did not stop: " + tail(result.output()),
                    null);
        }
    }

    /** Stops the server and deletes the whole base directory. */
    void destroy() {
        try {
            stop();
        } finally {
            deleteRecursively(baseDirectory);
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    DatabaseTarget target(String database, String source) {
        return new DatabaseTarget(jdbcUrl(database), SUPERUSER, null, source);
    }

    /** Creates {@code database} unless it exists. */
    void ensureDatabase(String database) {
        try (Connection connection = connect("postgres");
             var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                try (var create = connection.createStatement()) {
                    create.execute("create database " + SqlText.quote(database));
                }
            }
        } catch (SQLException e) {
            throw DemeterException.fault("Cannot create database " + database + " on port " + port + ": "
                    + e.getMessage(), e);
        }
    }

    Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", SUPERUSER);
        return Connections.connect(jdbcUrl(database), properties);
    }

    String readLog() {
        try {
            return Files.isRegularFile(logFile()) ? Files.readString(logFile(), StandardCharsets.UTF_8) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private ProcessOutput run(List<String> command) {
        List<String> full = new ArrayList<>(serverUser.get().prefix());
        full.addAll(command);
        // The server inherits the working directory; the base directory is one the server user can reach.
        return ProcessOutput.run(full, baseDirectory, 120);
    }

    static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (var walk = Files.walk(directory)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw DemeterException.fault("Cannot delete " + directory, e);
        }
    }
}
