package ai.demeter.migrations.database;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.internal.Lazy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * The developer's own database when no URL is configured: a PostgreSQL + PostGIS cluster under
 * {@code .demeter/postgres} at the project root, whose data survives between commands. Once a goal starts it, it
 * keeps running (for the app, for psql) until {@link #stop()}.
 *
 * <p>Its port is the one the user chose ({@code demeter.embeddedPort}), refused when taken. Without a choice it is
 * the port the database remembers in {@code .demeter/port}; a new database takes {@value #DEFAULT_PORT}, or the next
 * free port above it when another process (another checkout's dev database, say) has that one. The port it last
 * started on is written to {@code .demeter/port} either way, so later goals, psql and the app find it there.
 */
public final class EmbeddedDevDatabase {
    public static final int DEFAULT_PORT = 15432;
    public static final String DATABASE = "demeterai";
    static final String DIRECTORY = ".demeter/postgres";
    static final String PORT_FILE = ".demeter/port";
    /** Ports from the default port up that a database without a port of its own tries before any free one. */
    private static final int NEARBY_PORTS = 100;
    /** Starts on a port chosen here: another server may take it between the check and the start. */
    private static final int START_ATTEMPTS = 3;

    private final Path directory;
    private final Path portFile;
    private final OptionalInt chosenPort;
    private final int defaultPort;
    private final Supplier<PostgresInstallation> installation;
    private final Supplier<ServerUser> serverUser;

    /**
     * @param chosenPort  the port the user chose, or empty to use the remembered or a free one
     * @param defaultPort where a new database without a chosen port starts looking: {@value #DEFAULT_PORT}, another
     *                    in tests, which leave that one to the developer's own database
     */
    EmbeddedDevDatabase(Path projectRoot, OptionalInt chosenPort, int defaultPort,
            Supplier<PostgresInstallation> installation, Supplier<ServerUser> serverUser) {
        this.directory = projectRoot.resolve(DIRECTORY);
        this.portFile = projectRoot.resolve(PORT_FILE);
        this.chosenPort = chosenPort;
        this.defaultPort = defaultPort;
        this.installation = Lazy.of(installation);
        this.serverUser = Lazy.of(serverUser);
    }

    /**
     * The embedded database of the project at {@code projectRoot} on the port it remembers, or on a free one when it
     * is new, using this machine's PostgreSQL binaries. They are looked for only when the server must be created,
     * started or stopped: a goal on a running one starts no process.
     */
    public static EmbeddedDevDatabase at(Path projectRoot, Map<String, String> environment) {
        return new EmbeddedDevDatabase(projectRoot, OptionalInt.empty(), DEFAULT_PORT,
                installation(projectRoot, environment), ServerUser::detect);
    }

    /** As {@link #at(Path, Map)}, on {@code port}, which the user chose: refused when another process has it. */
    public static EmbeddedDevDatabase at(Path projectRoot, int port, Map<String, String> environment) {
        return new EmbeddedDevDatabase(projectRoot, OptionalInt.of(port), DEFAULT_PORT,
                installation(projectRoot, environment), ServerUser::detect);
    }

    private static Supplier<PostgresInstallation> installation(Path projectRoot, Map<String, String> environment) {
        Path dataDirectory = projectRoot.resolve(DIRECTORY).resolve("data");
        return () -> installationFor(dataDirectory, environment);
    }

    /**
     * The binaries that can run the dev database: for one already created, those of the major version that created it
     * (its {@code PG_VERSION}), since a server refuses the files of another major version; for a new one, the first
     * installation with PostGIS.
     */
    static PostgresInstallation installationFor(Path dataDirectory, Map<String, String> environment) {
        int created = createdBy(dataDirectory);
        if (created > 0) {
            return PostgresInstallation.find(environment, created).orElseThrow(() -> {
                String found = PostgresInstallation.find(environment).filter(PostgresInstallation::hasPostgis)
                        .map(other -> ", and this machine offers " + other.describe() + ", which cannot read its"
                                + " files")
                        .orElse("");
                return DemeterException.userMistake("The embedded dev database in " + dataDirectory.getParent()
                        + " was created by PostgreSQL " + created + ", but no PostgreSQL " + created + " with PostGIS"
                        + " was found here" + found + ". Nothing was changed. Either make PostgreSQL " + created
                        + " available again (on PATH, or its bin directory in "
                        + PostgresInstallation.SEARCH_PATH_VARIABLE + "); or recreate the dev database on an installed"
                        + " version (./mvnw demeter:stop, delete " + dataDirectory.getParent()
                        + ", ./mvnw demeter:migrate: its data is rebuilt from the migrations, anything else in it is"
                        + " lost); or keep the data by upgrading the cluster with pg_upgrade.");
            });
        }
        return PostgresInstallation.find(environment).filter(PostgresInstallation::hasPostgis)
                .orElseThrow(() -> DemeterException.userMistake("No database URL is configured, so Demeter uses the"
                        + " embedded dev database, which needs PostgreSQL server binaries with PostGIS on this machine;"
                        + " none were found (looked in " + PostgresInstallation.SEARCH_PATH_VARIABLE + ", on PATH, at"
                        + " pg_config --bindir, in /usr/lib/postgresql/*/bin and the other usual places). Install them"
                        + " (Debian/Ubuntu: apt-get install postgresql-15-postgis-3), or point Demeter at a database with"
                        + " -Ddemeter.url=jdbc:postgresql://host:5432/db or DEMETER_DB_URL."));
    }

    /** The major version in the data directory's {@code PG_VERSION}; 0 when there is none. */
    private static int createdBy(Path dataDirectory) {
        try {
            return Integer.parseInt(Files.readString(dataDirectory.resolve("PG_VERSION")).strip());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** What {@link #ensureRunning()} had to do, for the log. */
    public enum Startup { CREATED, STARTED, ALREADY_RUNNING }

    /**
     * The running database and what it took to get there.
     *
     * @param portNotice why it does not listen where the user would expect (15432, or the port it had before): the
     *                   port was taken, so it took another; empty when it is where it was
     */
    public record Running(DatabaseTarget target, Startup startup, Optional<String> portNotice) {
    }

    /** Refuses, before anything is created or started, a port another process listens on. */
    private static void requirePortFree(int port) {
        if (LocalPorts.isFree(port)) {
            return;
        }
        throw DemeterException.userMistake("Port " + port + " on 127.0.0.1, where the embedded dev database listens,"
                + " is taken by another process" + byWhom(port) + ". Stop that process, or give the embedded dev"
                + " database another port: -Ddemeter.embeddedPort=" + (port + 1) + " (or <demeter.embeddedPort> in the"
                + " POM's properties), or set none: then it takes a free port and remembers it in " + PORT_FILE
                + ". Nothing was started.");
    }

    private static String byWhom(int port) {
        return LocalPorts.listener(port).map(process -> " (" + process + ")").orElse("");
    }

    /** Creates the cluster on first use, starts it if it is stopped, and makes sure the database exists. */
    public Running ensureRunning() {
        LocalCluster cluster;
        Startup startup;
        Optional<String> portNotice = Optional.empty();
        if (isRunning()) {
            int runningPort = runningPort();
            if (chosenPort.isPresent() && runningPort != chosenPort.getAsInt()) {
                throw DemeterException.userMistake("The embedded dev database in " + directory + " already runs on port "
                        + runningPort + ", not on the configured port " + chosenPort.getAsInt() + ". Stop it first"
                        + " (./mvnw demeter:stop) to change its port, or set -Ddemeter.embeddedPort=" + runningPort
                        + " (or leave it unset: goals then find it on the port it runs on).");
            }
            cluster = cluster(runningPort);
            startup = Startup.ALREADY_RUNNING;
        } else {
            if (chosenPort.isPresent()) {
                requirePortFree(chosenPort.getAsInt());
            }
            boolean created = !anyPort().isInitialized();
            if (created) {
                anyPort().initialize();
            }
            if (chosenPort.isPresent()) {
                cluster = cluster(chosenPort.getAsInt());
                cluster.start();
            } else {
                OptionalInt remembered = rememberedPort();
                int wanted = remembered.orElse(defaultPort);
                cluster = startOnAFreePort(wanted);
                if (cluster.port() != wanted) {
                    portNotice = Optional.of(remembered.isPresent()
                            ? "Port " + wanted + ", where the embedded dev database listened before, is taken by another"
                                    + " process" + byWhom(wanted) + ", so it listens on " + cluster.port() + " now"
                                    + " (remembered in " + PORT_FILE + "). Point psql and the app at port "
                                    + cluster.port() + "."
                            : "Port " + wanted + " is taken by another process" + byWhom(wanted) + ", so the new"
                                    + " embedded dev database listens on " + cluster.port() + " (remembered in "
                                    + PORT_FILE + ", where later goals start it again).");
                }
            }
            startup = created ? Startup.CREATED : Startup.STARTED;
        }
        remember(cluster.port());
        cluster.ensureDatabase(DATABASE);
        return new Running(cluster.target(DATABASE, "embedded dev database in " + directory), startup, portNotice);
    }

    /**
     * Starts the cluster on {@code wanted} when it is free, else on the first free port from the default port up
     * (else any free one), choosing again when another server takes the port before this one listens on it.
     */
    private LocalCluster startOnAFreePort(int wanted) {
        for (int attempt = 1; ; attempt++) {
            int port = LocalPorts.isFree(wanted) ? wanted : nearbyFreePort();
            LocalCluster cluster = cluster(port);
            try {
                cluster.start();
                return cluster;
            } catch (DemeterException e) {
                // Only a port taken meanwhile is worth another try; any other failure would fail again.
                if (attempt == START_ATTEMPTS || LocalPorts.isFree(port)) {
                    throw e;
                }
            }
        }
    }

    private int nearbyFreePort() {
        for (int port = defaultPort; port < defaultPort + NEARBY_PORTS && port < 65536; port++) {
            if (LocalPorts.isFree(port)) {
                return port;
            }
        }
        return LocalProvider.freePort();
    }

    /** Stops the server; its data stays. Returns whether it was running. */
    public boolean stop() {
        LocalCluster cluster = anyPort();
        boolean running = cluster.isRunning();
        cluster.stop();
        return running;
    }

    public boolean isRunning() {
        return anyPort().isRunning();
    }

    public Path directory() {
        return directory;
    }

    /** The file that holds the port the database last started on, for later goals, scripts and the app. */
    public Path portFile() {
        return portFile;
    }

    /**
     * The port it listens on when it runs; when stopped, the one it would try first: the chosen port, else the
     * remembered one, else the default port ({@value #DEFAULT_PORT}).
     */
    public int port() {
        return isRunning() ? runningPort() : chosenPort.orElse(rememberedPort().orElse(defaultPort));
    }

    /** The command that opens a psql session on it. */
    public String psqlCommand() {
        return "psql -h 127.0.0.1 -p " + port() + " -U " + LocalCluster.SUPERUSER + " " + DATABASE;
    }

    /** The port in {@code .demeter/port}; empty when there is none (a database not started yet, or one from before). */
    OptionalInt rememberedPort() {
        try {
            int port = Integer.parseInt(Files.readString(portFile, StandardCharsets.UTF_8).strip());
            return port > 0 && port < 65536 ? OptionalInt.of(port) : OptionalInt.empty();
        } catch (IOException | NumberFormatException e) {
            // Missing or damaged: Demeter writes the file again once the server listens.
            return OptionalInt.empty();
        }
    }

    private void remember(int port) {
        if (rememberedPort().equals(OptionalInt.of(port))) {
            return;
        }
        try {
            Files.writeString(portFile, port + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw DemeterException.fault("The embedded dev database runs on port " + port + ", but " + portFile
                    + " could not be written to remember that port (" + e.getMessage() + "). Make "
                    + portFile.getParent() + " writable, so that once the database is stopped the next goal starts it"
                    + " on the same port.", e);
        }
    }

    /** The cluster in {@code .demeter/postgres}, listening on {@code port} when it starts. */
    private LocalCluster cluster(int port) {
        return new LocalCluster(installation, serverUser, directory, port, true);
    }

    /** The cluster for what needs no port: whether it exists or runs, creating it, stopping it. */
    private LocalCluster anyPort() {
        return cluster(defaultPort);
    }

    private int runningPort() {
        // postmaster.pid, line 4: the port the running server listens on.
        int fallback = chosenPort.orElse(rememberedPort().orElse(defaultPort));
        try {
            List<String> lines = Files.readAllLines(directory.resolve("data").resolve("postmaster.pid"));
            return lines.size() >= 4 ? Integer.parseInt(lines.get(3).strip()) : fallback;
        } catch (IOException | NumberFormatException e) {
            return fallback;
        }
    }
}
