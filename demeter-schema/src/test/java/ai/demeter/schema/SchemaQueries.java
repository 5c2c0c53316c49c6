package ai.demeter.schema;

import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.engine.MigrationEngine;
import ai.demeter.migrations.engine.RollbackOptions;
import ai.demeter.migrations.engine.RollbackRequest;
import ai.demeter.migrations.schema.SchemaSnapshot;
import ai.demeter.migrations.schema.SnapshotScope;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the schema tests ask of a database (which {@code @MigratedDatabase} provides): its catalog snapshot, the
 * rows of a query, and undoing the newest migration.
 */
final class SchemaQueries {
    private SchemaQueries() {
    }

    /** Undoes the newest applied migration (its down and its history row, in one transaction). */
    static void rollbackNewest(MigrationEngine engine) {
        engine.rollback(new RollbackRequest.Steps(1), RollbackOptions.defaults());
    }

    /**
     * The catalog snapshot of the database's {@code public} schema, without Flyway's and Demeter's history tables
     * (they record the migrations rather than being made by them).
     */
    static SchemaSnapshot snapshot(DatabaseTarget target) {
        try (Connection connection = Connections.open(target)) {
            return SchemaSnapshot.read(connection, SnapshotScope.defaults());
        } catch (SQLException e) {
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
