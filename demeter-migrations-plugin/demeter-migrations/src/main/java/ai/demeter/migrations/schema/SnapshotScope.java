package ai.demeter.migrations.schema;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link SchemaSnapshot} reads: one schema, without the tables that record migrations rather than being
 * made by them (and without their columns, constraints, indexes, triggers, sequences and comments).
 */
public record SnapshotScope(String schema, List<String> excludedTables) {
    public static final String DEFAULT_SCHEMA = "public";
    /** Flyway's history table and Demeter's rollback journal, under their default names. */
    public static final List<String> HISTORY_TABLES = List.of("flyway_schema_history", "demeter_rollback_history");

    public SnapshotScope {
        Objects.requireNonNull(schema, "schema");
        excludedTables = List.copyOf(excludedTables);
    }

    /** Schema {@code public} without the history tables. */
    public static SnapshotScope defaults() {
        return new SnapshotScope(DEFAULT_SCHEMA, HISTORY_TABLES);
    }
}
