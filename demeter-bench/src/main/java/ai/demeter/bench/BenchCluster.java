package ai.demeter.bench;

import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.database.LocalProvider;
import ai.demeter.migrations.database.PostgresInstallation;
import ai.demeter.migrations.database.ThrowawayDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's PostgreSQL + PostGIS cluster: a throwaway cluster from the library's {@link LocalProvider}, restarted
 * once with room for more locks, so that {@code psql -1} can create a thousand tables (each with its indexes, TOAST
 * table and sequence) in one transaction. PostgreSQL's default, 64 per connection, fits about 700 such tables. The
 * engine is unaffected: it commits each migration on its own. Every measured database is a new one, dropped after.
 */
final class BenchCluster implements AutoCloseable {
    private static final int MAX_LOCKS_PER_TRANSACTION = 1024;

    private final ThrowawayDatabase server;
    private final String description;
    private int databases;

    private BenchCluster(ThrowawayDatabase server, String description) {
        this.server = server;
        this.description = description;
    }

    static BenchCluster start(PostgresInstallation installation) throws Exception {
        LocalProvider provider = LocalProvider.of(installation);
        ThrowawayDatabase server = provider.start();
        try {
            String dataDirectory;
            try (Connection connection = Connections.open(server.target());
                 Statement statement = connection.createStatement()) {
                statement.execute("alter system set max_locks_per_transaction = " + MAX_LOCKS_PER_TRANSACTION);
                dataDirectory = single(statement, "show data_directory");
            }
            List<String> restart = new ArrayList<>(provider.serverUser().prefix());
            // The server's log goes to a file: a server started by pg_ctl keeps its output open for as long as it runs.
            Path log = Path.of(dataDirectory).resolveSibling("server-restarted.log");
            restart.addAll(List.of(installation.binary("pg_ctl").toString(), "-D", dataDirectory, "-l", log.toString(),
                    "-m", "fast", "-w", "-t", "60", "restart"));
            Path output = Files.createTempFile("demeter-bench-pg_ctl", ".log");
            Process process = new ProcessBuilder(restart).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("Cannot restart the benchmark's cluster with max_locks_per_transaction="
                        + MAX_LOCKS_PER_TRANSACTION + ": " + Files.readString(output));
            }
            Files.deleteIfExists(output);
            return new BenchCluster(server, provider.describe() + ", max_locks_per_transaction="
                    + MAX_LOCKS_PER_TRANSACTION + ", fsync, synchronous commit and full-page writes off (the"
                    + " throwaway clusters' settings: a commit costs no disk flush, for the engine's one commit per"
                    + " migration as for psql's one)");
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    String describe() {
        return description;
    }

    /** A new, empty database. */
    DatabaseTarget createDatabase() throws SQLException {
        String name = "bench_" + (++databases);
        execute("create database " + name);
        return server.target().withDatabase(name, "benchmark database " + name);
    }

    void drop(DatabaseTarget database) throws SQLException {
        execute("drop database if exists " + database.databaseName() + " with (force)");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = Connections.open(server.target());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
