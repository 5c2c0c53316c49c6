package ai.demeter.migrations.engine;

import ai.demeter.migrations.database.DatabaseTarget;
import java.util.List;
import java.util.Objects;

/**
 * What the engine needs to work on one database: where it is, where the migration classes are, and where
 * Flyway keeps its history.
 *
 * @param classLoader sees the migration classes (and, through its parent, Demeter's API)
 * @param locations   Flyway locations of the migrations, {@code classpath:db/migration} by default
 * @param schema      the schema holding the history table (Flyway's lock key depends on it)
 * @param historyTable Flyway's history table
 */
public record EngineSettings(DatabaseTarget target, ClassLoader classLoader, List<String> locations, String schema,
        String historyTable) {

    public static final String DEFAULT_LOCATION = "classpath:db/migration";
    public static final String DEFAULT_SCHEMA = "public";
    public static final String DEFAULT_HISTORY_TABLE = "flyway_schema_history";

    public EngineSettings {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(classLoader, "classLoader");
        locations = List.copyOf(locations);
    }

    public static EngineSettings defaults(DatabaseTarget target, ClassLoader classLoader) {
        return new EngineSettings(target, classLoader, List.of(DEFAULT_LOCATION), DEFAULT_SCHEMA, DEFAULT_HISTORY_TABLE);
    }
}
