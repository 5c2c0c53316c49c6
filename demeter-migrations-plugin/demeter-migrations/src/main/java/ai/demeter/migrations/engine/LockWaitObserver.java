package ai.demeter.migrations.engine;

import ai.demeter.migrations.database.Secrets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * Watches the backend a migration runs on, from a connection of its own, and remembers the sessions that block it.
 * When a statement's lock timeout expires, the wait is over, and {@code pg_blocking_pids()} no longer says who was
 * in the way; what this saw while the statement waited does. Polls only while a backend is being watched, a few
 * times per lock timeout, and only once the migration watched has run for one polling interval: most migrations end
 * sooner, and then the observer never connects.
 */
final class LockWaitObserver implements AutoCloseable {
    private static final String BLOCKERS = """
            select a.pid, a.application_name, a.state, extract(epoch from now() - a.xact_start)::bigint, a.query
            from pg_stat_activity a where a.pid = any(pg_blocking_pids(?)) order by a.pid
            """;

    /** How much of a blocker's query a message shows. */
    private static final int QUERY_LENGTH = 200;

    private final EngineSettings settings;
    private final String password;
    private final Thread thread;
    /** How often to look, a fifth of the watched migration's lock timeout (50-500 ms). */
    private volatile long intervalMillis;
    private volatile int watched;
    /** When the migration now watched began ({@link System#nanoTime()}). */
    private volatile long watchedSince;
    private volatile List<String> blockers = List.of();
    private volatile boolean closed;

    private LockWaitObserver(EngineSettings settings) {
        this.settings = settings;
        this.password = settings.target().password();
        this.intervalMillis = intervalFor(settings.statementLockTimeout());
        this.thread = new Thread(this::observe, "demeter-lock-wait-observer");
        thread.setDaemon(true);
    }

    /** An observer for the database of {@code settings}; it connects when it is first given a backend to watch. */
    static LockWaitObserver start(EngineSettings settings) {
        LockWaitObserver observer = new LockWaitObserver(settings);
        observer.thread.start();
        return observer;
    }

    private static long intervalFor(Duration lockTimeout) {
        return Math.max(50, Math.min(500, (lockTimeout.isZero() ? 2500 : lockTimeout.toMillis()) / 5));
    }

    /**
     * Watches the backend {@code pid} from now on, for a migration whose statements wait at most {@code lockTimeout}
     * for a lock, forgetting what blocked the one before.
     */
    void watch(int pid, Duration lockTimeout) {
        blockers = List.of();
        intervalMillis = intervalFor(lockTimeout);
        watchedSince = System.nanoTime();
        watched = pid;
        synchronized (this) {
            notifyAll();
        }
    }

    /** Watches the backend behind {@code connection}, for a migration with {@code lockTimeout}. */
    void watch(Connection connection, Duration lockTimeout) throws SQLException {
        if (connection.isWrapperFor(PGConnection.class)) {
            // known to the driver: no round trip
            watch(connection.unwrap(PGConnection.class).getBackendPID(), lockTimeout);
            return;
        }
        try (PreparedStatement query = connection.prepareStatement("select pg_backend_pid()");
             ResultSet result = query.executeQuery()) {
            result.next();
            watch(result.getInt(1), lockTimeout);
        }
    }

    /**
     * The sessions last seen blocking the watched backend: "pid 1234 (application 'report', state idle in
     * transaction, in its transaction for 42 s): <its query>", queries masked. Empty when none was seen.
     */
    List<String> blockers() {
        return blockers;
    }

    private void observe() {
        Connection connection = null;
        try {
            while (!closed) {
                int pid = watched;
                long notYet = pid == 0 ? intervalMillis
                        : intervalMillis - (System.nanoTime() - watchedSince) / 1_000_000;
                if (notYet > 0) {
                    synchronized (this) {
                        wait(notYet);
                    }
                    continue;
                }
                if (connection == null) {
                    connection = settings.connect();
                }
                List<String> seen = blockersOf(connection, pid);
                if (!seen.isEmpty() && pid == watched) {
                    blockers = seen;
                }
                Thread.sleep(intervalMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | SQLException e) {
            // Observing is a courtesy for the error message; a migration never fails because of it.
        } finally {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    // closing anyway
                }
            }
        }
    }

    private List<String> blockersOf(Connection connection, int pid) throws SQLException {
        List<String> seen = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(BLOCKERS)) {
            query.setInt(1, pid);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String statement = rows.getString(5) == null ? "" : rows.getString(5).strip().replaceAll("\\s+", " ");
                    if (statement.length() > QUERY_LENGTH) {
                        statement = statement.substring(0, QUERY_LENGTH) + " ...";
                    }
                    seen.add("pid " + rows.getInt(1) + " (application '" + rows.getString(2) + "', state "
                            + rows.getString(3) + (rows.getObject(4) == null ? "" : ", in its transaction for "
                            + rows.getLong(4) + " s") + "): " + Secrets.mask(statement, password));
                }
            }
        }
        return seen;
    }

    /** Stops observing and closes the observer's connection before returning (at most a second's wait). */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
