package ai.demeter.schema;

import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.database.LocalProvider;
import ai.demeter.migrations.database.PostgresInstallation;
import ai.demeter.migrations.database.ThrowawayDatabase;
import ai.demeter.migrations.engine.EngineSettings;
import ai.demeter.migrations.engine.MigrationEngine;
import ai.demeter.migrations.engine.MigrationListener;
import ai.demeter.migrations.engine.RollbackOptions;
import ai.demeter.migrations.engine.RollbackRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One throwaway PostgreSQL + PostGIS cluster for a test class (start it in {@code @BeforeAll}, close it in
 * {@code @AfterAll}); tests that need isolation get fresh databases in it.
 */
final class SchemaTestCluster implements AutoCloseable {
    private final PostgresInstallation installation;
    private final ThrowawayDatabase cluster;
    private int databases;

    private SchemaTestCluster(PostgresInstallation installation, ThrowawayDatabase cluster) {
        this.installation = installation;
        this.cluster = cluster;
    }

    static SchemaTestCluster start() {
        PostgresInstallation installation = PostgresInstallation.find(System.getenv())
                .filter(PostgresInstallation::hasPostgis)
                .orElseThrow(() -> new IllegalStateException("The schema tests need PostgreSQL with PostGIS installed"));
        return new SchemaTestCluster(installation, LocalProvider.of(installation).start());
    }

    /** A new, empty database in the cluster. */
    synchronized DatabaseTarget newDatabase() {
        String name = "schema_test_" + (++databases);
        DatabaseTarget server = cluster.target();
        try (Connection connection = Connections.open(server); Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        String url = server.url().substring(0, server.url().lastIndexOf('/') + 1) + name;
        return new DatabaseTarget(url, server.user(), server.password(), "schema test database " + name);
    }

    /** The engine as the plugin runs it: this module's migrations from {@code classpath:db/migration}. */
    static MigrationEngine engine(DatabaseTarget target) {
        return new MigrationEngine(new EngineSettings(target, SchemaTestCluster.class.getClassLoader(),
                List.of("classpath:db/migration"), "public", "flyway_schema_history"), MigrationListener.SILENT);
    }

    /** Undoes the newest applied migration (its down and its history row, in one transaction). */
    static void rollbackNewest(MigrationEngine engine) {
        engine.rollback(new RollbackRequest.Steps(1), RollbackOptions.defaults());
    }

    /**
     * {@code pg_dump --schema-only --no-owner} of the database, without Flyway's and Demeter's history tables (they
     * record the migrations rather than being made by them) and without the {@code \restrict} lines that carry a
     * random key per run.
     */
    String dump(DatabaseTarget target) {
        String url = target.url();
        String hostPort = url.substring("jdbc:postgresql://".length(), url.lastIndexOf('/'));
        List<String> command = List.of(installation.binary("pg_dump").toString(), "--schema-only", "--no-owner",
                "--exclude-table=flyway_schema_history", "--exclude-table=demeter_*",
                "-h", hostPort.substring(0, hostPort.indexOf(':')), "-p", hostPort.substring(hostPort.indexOf(':') + 1),
                "-U", target.user(), url.substring(url.lastIndexOf('/') + 1));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (target.password() != null) {
                builder.environment().put("PGPASSWORD", target.password());
            }
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("pg_dump failed: " + output);
            }
            return output.lines()
                    .filter(line -> !line.startsWith("\\restrict") && !line.startsWith("\\unrestrict"))
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every row of a query, each column as text. */
    static List<List<String>> rows(DatabaseTarget target, String sql) {
        try (Connection connection = Connections.open(target)) {
            return rows(connection, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<List<String>> rows(Connection connection, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(result.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** A two-column query as an ordered map. */
    static Map<String, String> pairs(DatabaseTarget target, String sql) {
        return rows(target, sql).stream().collect(Collectors.toMap(row -> row.get(0), row -> row.get(1),
                (a, b) -> { throw new IllegalStateException("duplicate key " + a); }, java.util.LinkedHashMap::new));
    }

    static void execute(DatabaseTarget target, String sql) {
        try (Connection connection = Connections.open(target); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        cluster.close();
    }
}
