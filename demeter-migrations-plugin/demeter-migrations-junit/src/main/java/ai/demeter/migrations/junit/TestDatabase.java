package ai.demeter.migrations.junit;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.database.TemplateCluster;
import ai.demeter.migrations.engine.MigrationEngine;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** The database of one test class (or annotated test method): a copy of a migrated template, dropped on close. */
final class TestDatabase implements AutoCloseable {
    private final TemplateCluster cluster;
    private final DatabaseTarget target;
    private final DatabaseRequest request;
    private final ClassLoader classLoader;

    private TestDatabase(TemplateCluster cluster, DatabaseTarget target, DatabaseRequest request, ClassLoader classLoader) {
        this.cluster = cluster;
        this.target = target;
        this.request = request;
        this.classLoader = classLoader;
    }

    /**
     * A copy of the template for {@code request}, migrating the template first if this test run has not yet;
     * an empty database for {@code base}.
     */
    static TestDatabase create(DatabaseRequest request, ClassLoader classLoader, String owner) {
        TemplateCluster cluster = TestRunCluster.get();
        if (request.base()) {
            return new TestDatabase(cluster, cluster.createDatabase(), request, classLoader);
        }
        try {
            DatabaseTarget copy = cluster.copyOf(request.template(), template -> request.migrate(template, classLoader));
            return new TestDatabase(cluster, copy, request, classLoader);
        } catch (DemeterException e) {
            String message = "@MigratedDatabase on " + owner + ": cannot migrate a template database to "
                    + request.describeVersion() + " from " + String.join(", ", request.locations()) + ".\n"
                    + e.getMessage();
            throw e.isUserMistake() ? DemeterException.userMistake(message, e) : DemeterException.fault(message, e);
        }
    }

    DatabaseTarget target() {
        return target;
    }

    /** Each {@code getConnection()} opens a new connection, which the caller closes. */
    DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(target.url());
        dataSource.setUser(target.user());
        if (target.password() != null) {
            dataSource.setPassword(target.password());
        }
        return dataSource;
    }

    /** The engine on this database, with the annotation's locations: for tests that migrate and roll back. */
    MigrationEngine engine() {
        return request.engine(target, classLoader);
    }

    @Override
    public void close() {
        cluster.drop(target);
    }
}
