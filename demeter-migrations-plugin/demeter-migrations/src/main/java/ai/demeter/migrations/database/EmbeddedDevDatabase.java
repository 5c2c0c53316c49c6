package ai.demeter.migrations.database;

import ai.demeter.migrations.api.DemeterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The developer's own database when no URL is configured: a PostgreSQL + PostGIS cluster under
 * {@code .demeter/postgres} at the project root, on a fixed local port, whose data survives between commands.
 * Once a goal starts it, it keeps running (for the app, for psql) until {@link #stop()}.
 */
public final class EmbeddedDevDatabase {
    public static final int DEFAULT_PORT = 15432;
    public static final String DATABASE = "demeterai";
    static final String DIRECTORY = ".demeter/postgres";

    private final LocalCluster cluster;
    private final Path directory;

    EmbeddedDevDatabase(Path projectRoot, int port, Supplier<PostgresInstallation> installation,
            Supplier<ServerUser> serverUser) {
        this.directory = projectRoot.resolve(DIRECTORY);
        this.cluster = new LocalCluster(installation, serverUser, directory, port, true);
    }

    /**
     * The embedded database of the project at {@code projectRoot}, using this machine's PostgreSQL binaries. They are
     * looked for only when the server must be created, started or stopped: a goal on a running one starts no process.
     */
    public static EmbeddedDevDatabase at(Path projectRoot, int port, Map<String, String> environment) {
        Path dataDirectory = projectRoot.resolve(DIRECTORY).resolve("data");
        Supplier<PostgresInstallation> installation = () -> installationFor(dataDirectory, environment);
        return new EmbeddedDevDatabase(projectRoot, port, installation, ServerUser::detect);
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
                        + " pg_config --bindir, in /usr/lib/postgresql/*/bin and the other usual places). Install them (Debian/Ubuntu:"
                        + " apt-get install postgresql-15-postgis-3), or point Demeter at a database with"
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

    /** The running database and what it took to get there. */
    public record Running(DatabaseTarget target, Startup startup) {
    }

    /** Refuses, before anything is created or started, a port another process listens on. */
    private void requirePortFree() {
        int port = cluster.port();
        if (LocalPorts.isFree(port)) {
            return;
        }
        String byWhom = LocalPorts.listener(port).map(process -> " (" + process + ")").orElse("");
        throw DemeterException.userMistake("Port " + port + " on 127.0.0.1, where the embedded dev database listens,"
                + " is taken by another process" + byWhom + ". Stop that process, or give the embedded dev database"
                + " another port: -Ddemeter.embeddedPort=" + (port + 1) + " (or <demeter.embeddedPort> in the POM's"
                + " properties). Nothing was started.");
    }

    /** Creates the cluster on first use, starts it if it is stopped, and makes sure the database exists. */
    public Running ensureRunning() {
        Startup startup;
        boolean running = cluster.isRunning();
        if (!running) {
            requirePortFree();
        }
        if (!cluster.isInitialized()) {
            cluster.initialize();
            cluster.start();
            startup = Startup.CREATED;
        } else if (!running) {
            cluster.start();
            startup = Startup.STARTED;
        } else {
            startup = Startup.ALREADY_RUNNING;
            int runningPort = runningPort();
            if (runningPort != cluster.port()) {
                throw DemeterException.userMistake("The embedded dev database in " + directory + " already runs on port "
                        + runningPort + ", not on the configured port " + cluster.port() + ". Stop it first"
                        + " (./mvnw demeter:stop) to change its port, or set -Ddemeter.embeddedPort=" + runningPort + ".");
            }
        }
        cluster.ensureDatabase(DATABASE);
        return new Running(cluster.target(DATABASE, "embedded dev database in " + directory), startup);
    }

    /** Stops the server; its data stays. Returns whether it was running. */
    public boolean stop() {
        boolean running = cluster.isRunning();
        cluster.stop();
        return running;
    }

    public boolean isRunning() {
        return cluster.isRunning();
    }

    public Path directory() {
        return directory;
    }

    /** The command that opens a psql session on it. */
    public String psqlCommand() {
        return "psql -h 127.0.0.1 -p " + cluster.port() + " -U " + LocalCluster.SUPERUSER + " " + DATABASE;
    }

    private int runningPort() {
        // postmaster.pid, line 4: the port the running server listens on.
        try {
            List<String> lines = Files.readAllLines(cluster.dataDirectory().resolve("postmaster.pid"));
            return lines.size() >= 4 ? Integer.parseInt(lines.get(3).strip()) : cluster.port();
        } catch (IOException | NumberFormatException e) {
            return cluster.port();
        }
    }
}
