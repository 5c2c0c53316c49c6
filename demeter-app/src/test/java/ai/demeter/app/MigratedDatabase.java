package ai.demeter.app;

import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.database.DockerProvider;
import ai.demeter.migrations.database.ProviderChoice;
import ai.demeter.migrations.database.ThrowawayDatabase;
import ai.demeter.migrations.engine.EngineSettings;
import ai.demeter.migrations.engine.MigrateTarget;
import ai.demeter.migrations.engine.MigrationEngine;
import ai.demeter.migrations.engine.MigrationListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Databases for the application's tests, through Demeter's own API: one throwaway cluster per test run, one
 * database in it migrated to head once ({@code migrated}), and a fresh copy of it per test class
 * ({@code CREATE DATABASE ... TEMPLATE migrated}, about 0.3 s). The cluster goes when the JVM exits.
 */
final class MigratedDatabase {
    private static final String TEMPLATE = "migrated";
    private static final AtomicInteger COPIES = new AtomicInteger();
    private static ThrowawayDatabase cluster;

    private MigratedDatabase() {
    }

    private static synchronized DatabaseTarget server() {
        if (cluster == null) {
            cluster = ProviderChoice.AUTO.select(System.getenv(), DockerProvider.DEFAULT_IMAGE).start();
            createDatabase(cluster.target(), "create database " + TEMPLATE);
            EngineSettings settings = EngineSettings.defaults(database(TEMPLATE), MigratedDatabase.class.getClassLoader());
            new MigrationEngine(settings, MigrationListener.SILENT).migrate(new MigrateTarget.Head());
        }
        return cluster.target();
    }

    /** A new database at the migrations' head, for one test class. */
    static DatabaseTarget fresh() {
        String name = "app_test_" + COPIES.incrementAndGet();
        createDatabase(server(), "create database " + name + " template " + TEMPLATE);
        return database(name);
    }

    /** A jOOQ context on a new connection to {@code target}; close the connection when done. */
    static DSLContext connect(Connection connection) {
        return DSL.using(connection, SQLDialect.POSTGRES);
    }

    static Connection open(DatabaseTarget target) {
        return Connections.open(target);
    }

    private static DatabaseTarget database(String name) {
        DatabaseTarget server = cluster.target();
        String url = server.url().substring(0, server.url().lastIndexOf('/') + 1) + name;
        return new DatabaseTarget(url, server.user(), server.password(), "app test database " + name);
    }

    private static void createDatabase(DatabaseTarget server, String sql) {
        try (Connection connection = Connections.open(server)) {
            connection.createStatement().execute(sql); // DDL on the server, not on the schema under test
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
