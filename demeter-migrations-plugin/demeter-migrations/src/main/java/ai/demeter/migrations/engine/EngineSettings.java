package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.api.StatementLockTimeout;
import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * What the engine needs to work on one database: where it is, where the migration classes are, and where
 * Flyway keeps its history.
 *
 * @param classLoader sees the migration classes (and, through its parent, Demeter's API)
 * @param locations   Flyway locations of the migrations, {@code classpath:db/migration} by default
 * @param schema      the schema holding the history table (Flyway's lock key depends on it)
 * @param historyTable Flyway's history table
 * @param dataSource  where connections come from when an application hands Demeter its own pool; null to connect
 *                    with {@code target}'s URL and credentials. {@code target} then only describes the database.
 * @param statementLockTimeout how long each statement of a migration (up or down) may wait for a lock, unless the
 *                    migration says otherwise ({@link StatementLockTimeout}); zero for no limit
 * @param checksums   where migration checksums are kept between runs; {@link ChecksumCache#NONE} to compute them
 */
public record EngineSettings(DatabaseTarget target, ClassLoader classLoader, List<String> locations, String schema,
        String historyTable, DataSource dataSource, Duration statementLockTimeout, ChecksumCache checksums) {

    public static final String DEFAULT_LOCATION = "classpath:db/migration";
    public static final String DEFAULT_SCHEMA = FlywayHistoryTable.DEFAULT_SCHEMA;
    public static final String DEFAULT_HISTORY_TABLE = FlywayHistoryTable.DEFAULT_TABLE;

    public EngineSettings {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(classLoader, "classLoader");
        locations = List.copyOf(locations);
        Objects.requireNonNull(statementLockTimeout, "statementLockTimeout");
        if (statementLockTimeout.isNegative()) {
            throw DemeterException.userMistake("The statement lock timeout cannot be negative (" + statementLockTimeout
                    + "); use 0 for no limit.");
        }
        checksums = checksums == null ? ChecksumCache.NONE : checksums;
    }

    public EngineSettings(DatabaseTarget target, ClassLoader classLoader, List<String> locations, String schema,
            String historyTable, DataSource dataSource) {
        this(target, classLoader, locations, schema, historyTable, dataSource, StatementLockTimeout.DEFAULT,
                ChecksumCache.NONE);
    }

    public EngineSettings(DatabaseTarget target, ClassLoader classLoader, List<String> locations, String schema,
            String historyTable) {
        this(target, classLoader, locations, schema, historyTable, null);
    }

    /** These settings with migration checksums kept in {@code cache} between runs. */
    public EngineSettings withChecksums(ChecksumCache cache) {
        return new EngineSettings(target, classLoader, locations, schema, historyTable, dataSource,
                statementLockTimeout, cache);
    }

    /** These settings with another run-wide statement lock timeout. */
    public EngineSettings withStatementLockTimeout(Duration timeout) {
        return new EngineSettings(target, classLoader, locations, schema, historyTable, dataSource, timeout,
                checksums);
    }

    /** Flyway's history table on this database. */
    public FlywayHistoryTable history() {
        return new FlywayHistoryTable(schema, historyTable);
    }

    /** A new connection to the database; failures say what to check, without the password. */
    public Connection connect() {
        if (dataSource == null) {
            return Connections.open(target);
        }
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw Connections.explain(target, e);
        }
    }

    /** Points Flyway at the same database {@link #connect()} reaches. */
    FluentConfiguration connectFlyway(FluentConfiguration configuration) {
        return dataSource != null ? configuration.dataSource(dataSource)
                : configuration.dataSource(target.url(), target.user(), target.password());
    }

    public static EngineSettings defaults(DatabaseTarget target, ClassLoader classLoader) {
        return new EngineSettings(target, classLoader, List.of(DEFAULT_LOCATION), DEFAULT_SCHEMA, DEFAULT_HISTORY_TABLE);
    }
}
