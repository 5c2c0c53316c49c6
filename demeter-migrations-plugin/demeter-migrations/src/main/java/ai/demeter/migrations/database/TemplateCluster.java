package ai.demeter.migrations.database;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.internal.SqlText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One throwaway PostgreSQL + PostGIS cluster that hands out databases quickly. A <em>template</em> is a database
 * built once, by whatever step the caller gives (migrating it to a version, typically), then frozen; every
 * {@link #copyOf copy} of it is {@code CREATE DATABASE ... TEMPLATE}, which copies the template's files instead of
 * running the step again. Copies are independent: what one test writes, no other sees.
 * <p>
 * Templates are known by name: the first {@code copyOf} with a name builds it, later ones only copy it, and a build
 * that failed fails every later request for that name the same way, without building again. Safe for concurrent
 * use. {@link #close()} stops the server and deletes its files; a JVM shutdown hook does the same if nobody does.
 * <p>
 * Used by the JUnit kit (a migrated database per test class) and by anything else that needs many databases at
 * the same migration version, such as parallel test runs.
 */
public final class TemplateCluster implements AutoCloseable {
    private static final String DATABASE_PREFIX = "demeter_test_";
    private static final String TEMPLATE_PREFIX = "demeter_template_";
    /** PostgreSQL 15 added STRATEGY; its default (WAL_LOG) writes every copied page to the WAL, FILE_COPY does not. */
    private static final int FILE_COPY_SINCE = 150000;
    /** DROP DATABASE ... WITH (FORCE), which ends sessions still connected, exists since PostgreSQL 13. */
    private static final int FORCE_DROP_SINCE = 130000;

    private final ThrowawayDatabase server;
    private final String description;
    private final int serverVersion;
    private final AtomicInteger names = new AtomicInteger();
    private final ConcurrentMap<String, Template> templates = new ConcurrentHashMap<>();
    private Connection maintenance;

    private TemplateCluster(ThrowawayDatabase server, String description) {
        this.server = server;
        this.description = description;
        this.serverVersion = Integer.parseInt(query("show server_version_num"));
    }

    /** Starts a cluster from {@code provider} (about 1.5 s for local binaries; a container takes longer). */
    public static TemplateCluster start(DatabaseProvider provider) {
        ThrowawayDatabase server = provider.start();
        try {
            return new TemplateCluster(server, provider.describe());
        } catch (RuntimeException e) {
            try {
                server.close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** The server's maintenance database, as the provider started it. */
    public DatabaseTarget server() {
        return server.target();
    }

    /** What kind of server this is, for messages: the provider's description. */
    public String describe() {
        return description;
    }

    /** A new, empty database: no extension installed, nothing migrated. */
    public DatabaseTarget createDatabase() {
        String name = nextName(DATABASE_PREFIX);
        execute("create database " + SqlText.quote(name));
        return database(name, "empty test database " + name);
    }

    /**
     * A new database copied from the template {@code template}, which {@code build} makes from an empty database
     * the first time the name is asked for (concurrent callers wait for that one build). When {@code build}
     * throws, the half-built template is dropped and the exception is thrown again, to this caller and to every
     * later one asking for the same template.
     */
    public DatabaseTarget copyOf(String template, Consumer<DatabaseTarget> build) {
        Objects.requireNonNull(build, "build");
        String templateName = templates.computeIfAbsent(template, Template::new).built(build);
        String name = nextName(DATABASE_PREFIX);
        execute("create database " + SqlText.quote(name) + " template " + SqlText.quote(templateName)
                + (serverVersion >= FILE_COPY_SINCE ? " strategy file_copy" : ""));
        return database(name, "test database " + name + " (copy of " + template + ")");
    }

    /** Drops a database made by this cluster, ending sessions still connected to it. */
    public void drop(DatabaseTarget database) {
        execute("drop database if exists " + SqlText.quote(database.databaseName())
                + (serverVersion >= FORCE_DROP_SINCE ? " with (force)" : ""));
    }

    /** Stops the server and deletes its files, templates and copies included. */
    @Override
    public void close() {
        synchronized (this) {
            if (maintenance != null) {
                try {
                    maintenance.close();
                } catch (SQLException e) {
                    // The server goes next anyway.
                }
                maintenance = null;
            }
        }
        server.close();
    }

    @Override
    public String toString() {
        return "TemplateCluster[" + description + ", " + server.target().displayUrl() + "]";
    }

    private final class Template {
        private final String key;
        private String name;
        private RuntimeException failure;

        Template(String key) {
            this.key = key;
        }

        synchronized String built(Consumer<DatabaseTarget> build) {
            if (name != null) {
                return name;
            }
            if (failure != null) {
                throw failure;
            }
            String candidate = nextName(TEMPLATE_PREFIX);
            execute("create database " + SqlText.quote(candidate));
            try {
                build.accept(database(candidate, "template " + candidate + " (" + key + ")"));
                freeze(candidate);
            } catch (RuntimeException e) {
                failure = e;
                try {
                    execute("drop database if exists " + SqlText.quote(candidate)
                            + (serverVersion >= FORCE_DROP_SINCE ? " with (force)" : ""));
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
            name = candidate;
            return name;
        }
    }

    /**
     * Makes a built template copyable and keeps it as built: no new connections, and the sessions its build
     * left open ended ({@code CREATE DATABASE ... TEMPLATE} refuses a template anyone is connected to).
     */
    private void freeze(String template) {
        execute("alter database " + SqlText.quote(template) + " with is_template true allow_connections false");
        synchronized (this) {
            try (PreparedStatement terminate = maintenance().prepareStatement(
                    "select pg_terminate_backend(pid) from pg_stat_activity where datname = ?")) {
                terminate.setString(1, template);
                terminate.executeQuery().close();
            } catch (SQLException e) {
                throw failure("end the sessions on template " + template, e);
            }
        }
    }

    private String nextName(String prefix) {
        return prefix + names.incrementAndGet();
    }

    private DatabaseTarget database(String name, String source) {
        return server.target().withDatabase(name, source);
    }

    /** Statements on the server go through one connection to its maintenance database, opened on first use. */
    private synchronized void execute(String sql) {
        try (Statement statement = maintenance().createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw failure("run '" + sql + "'", e);
        }
    }

    private synchronized String query(String sql) {
        try (Statement statement = maintenance().createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        } catch (SQLException e) {
            throw failure("run '" + sql + "'", e);
        }
    }

    private Connection maintenance() throws SQLException {
        if (maintenance == null || maintenance.isClosed()) {
            maintenance = Connections.open(server.target());
        }
        return maintenance;
    }

    private DemeterException failure(String what, SQLException e) {
        return DemeterException.fault("Cannot " + what + " on the throwaway cluster at "
                + server.target().hostAndPort() + " (" + description + "): "
                + Secrets.mask(e.getMessage(), server.target().password()), e);
    }

}
