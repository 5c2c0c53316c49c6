package ai.demeter.schema;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.database.PostgresInstallation;
import ai.demeter.migrations.engine.MigrationEngine;
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
 * What the schema tests ask of a database (which {@code @MigratedDatabase} provides): its schema as
 * {@code pg_dump} prints it, the rows of a query, and undoing the newest migration.
 */
final class SchemaQueries {
    private SchemaQueries() {
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
    static String dump(DatabaseTarget target) {
        PostgresInstallation installation = PostgresInstallation.find(System.getenv()).orElse(null);
        assumeTrue(installation != null, "Comparing schemas needs pg_dump from a local PostgreSQL installation"
                + " (Debian/Ubuntu: apt-get install postgresql-15), and none was found");
        String hostAndPort = target.hostAndPort();
        List<String> command = List.of(installation.binary("pg_dump").toString(), "--schema-only", "--no-owner",
                "--exclude-table=flyway_schema_history", "--exclude-table=demeter_*",
                "-h", target.host(), "-p", hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1),
                "-U", target.user(), target.databaseName());
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
}
