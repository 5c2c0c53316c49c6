package ai.demeter.migrations.api;

import ai.demeter.migrations.internal.ThreadScoped;
import java.sql.Connection;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

/**
 * Lets {@code demeter:verify} watch every statement a migration's up or down executes, on the migration's own
 * connection, to measure the locks it takes. Migration code never uses this; outside verify nothing is watched.
 */
public final class MigrationObservation {
    /** Called when a migration's up or down starts on {@code connection}; the listener sees each statement. */
    @FunctionalInterface
    public interface Observer {
        /** The listener for this run of {@code migration}, or null to leave it unwatched. */
        ExecuteListener observe(DemeterMigration migration, boolean up, Connection connection);
    }

    private static final ThreadScoped<Observer> CURRENT = new ThreadScoped<>();

    private MigrationObservation() {
    }

    /**
     * Runs {@code body} with {@code observer} watching the migrations it runs on this thread (Flyway and the
     * rollback run each migration on the calling thread).
     */
    public static void during(Observer observer, Runnable body) {
        CURRENT.during(observer, body);
    }

    /** Whether an observer watches this thread's migrations: they then run through jOOQ, statement by statement. */
    static boolean watching() {
        return CURRENT.get() != null;
    }

    /** The context a migration runs on: the plain one, or one whose statements the current observer sees. */
    static DSLContext dsl(DemeterMigration migration, boolean up, Connection connection) {
        Observer observer = CURRENT.get();
        ExecuteListener listener = observer == null ? null : observer.observe(migration, up, connection);
        if (listener == null) {
            return Dialect.dsl(connection);
        }
        return DSL.using(new DefaultConfiguration()
                .set(connection)
                .set(SQLDialect.POSTGRES)
                .set(Dialect.settings())
                .set(listener));
    }
}
