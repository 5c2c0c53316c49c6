package ai.demeter.migrations.testing;

import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.schema.SchemaSnapshot;
import ai.demeter.migrations.schema.SnapshotScope;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The catalog snapshot of a test database's {@code public} schema, for "the schema is exactly as before"
 * assertions; Flyway's and Demeter's history tables are left out, since they record the migrations rather than
 * being made by them.
 */
public final class CatalogSnapshots {
    private CatalogSnapshots() {
    }

    public static SchemaSnapshot of(DatabaseTarget target) {
        try (Connection connection = Connections.open(target)) {
            return SchemaSnapshot.read(connection, SnapshotScope.defaults());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
