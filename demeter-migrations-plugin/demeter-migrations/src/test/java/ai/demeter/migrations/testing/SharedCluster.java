package ai.demeter.migrations.testing;

import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.database.LocalProvider;
import ai.demeter.migrations.database.PostgresInstallation;
import ai.demeter.migrations.database.ThrowawayDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One throwaway cluster for the whole test run (a cluster costs about 1.5 s, a database 0.3 s); each test
 * gets a fresh database in it. The cluster is stopped and deleted by its shutdown hook when the JVM exits.
 */
public final class SharedCluster {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static ThrowawayDatabase cluster;

    private SharedCluster() {
    }

    private static synchronized ThrowawayDatabase cluster() {
        if (cluster == null) {
            PostgresInstallation installation = PostgresInstallation.find(System.getenv())
                    .filter(PostgresInstallation::hasPostgis)
                    .orElseThrow(() -> new IllegalStateException("Tests need PostgreSQL with PostGIS (.ci/run installs it)"));
            cluster = LocalProvider.of(installation).start();
        }
        return cluster;
    }

    /** A new, empty database on the shared cluster. */
    public static DatabaseTarget newDatabase() {
        DatabaseTarget server = cluster().target();
        String name = "test_" + DATABASES.incrementAndGet();
        try (Connection connection = Connections.open(server)) {
            connection.createStatement().execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        String url = server.url().substring(0, server.url().lastIndexOf('/') + 1) + name;
        return new DatabaseTarget(url, server.user(), server.password(), "test database " + name);
    }
}
