package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.DemeterException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Holds Flyway's advisory lock for a whole rollback, on the rollback's own connection, so no {@code migrate}
 * (which takes the same key) interleaves with its steps. Waits up to a timeout, then names who holds it.
 */
final class LockHolder implements AutoCloseable {
    private static final long POLL_MILLIS = 200;

    private final Connection connection;
    private final long key;

    private LockHolder(Connection connection, long key) {
        this.connection = connection;
        this.key = key;
    }

    static LockHolder acquire(Connection connection, long key, Duration timeout, MigrationListener listener)
            throws SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean announced = false;
        while (true) {
            try (PreparedStatement attempt = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
                attempt.setLong(1, key);
                try (ResultSet result = attempt.executeQuery()) {
                    result.next();
                    if (result.getBoolean(1)) {
                        return new LockHolder(connection, key);
                    }
                }
            }
            if (!announced) {
                listener.info("Waiting for the migration lock, held by " + holder(connection, key) + " ...");
                announced = true;
            }
            if (System.nanoTime() > deadline) {
                throw DemeterException.userMistake("The migration lock (Flyway's advisory lock " + key + ") is still held"
                        + " after " + timeout.toSeconds() + " s by " + holder(connection, key) + ". Another migrate"
                        + " or rollback is running: wait for it, or end that session (pg_terminate_backend(pid)) if"
                        + " it is stuck. Nothing was changed. demeter.lockTimeout sets how long to wait.");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw DemeterException.fault("Interrupted while waiting for the migration lock", e);
            }
        }
    }

    /** Whether any session holds the advisory lock {@code key} now. */
    static boolean isHeld(Connection connection, long key) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                select 1 from pg_locks l
                where l.locktype = 'advisory' and l.granted
                  and l.classid = (? >> 32)::oid and l.objid = (? & 4294967295)::oid and l.objsubid = 1
                """)) {
            query.setLong(1, key);
            query.setLong(2, key);
            try (ResultSet result = query.executeQuery()) {
                return result.next();
            }
        }
    }

    /** "pid 1234 (application demeter, state idle in transaction, since ...)" for the session holding the key. */
    static String holder(Connection connection, long key) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                select a.pid, a.application_name, a.state, a.xact_start
                from pg_locks l join pg_stat_activity a on a.pid = l.pid
                where l.locktype = 'advisory' and l.granted
                  and l.classid = (? >> 32)::oid and l.objid = (? & 4294967295)::oid and l.objsubid = 1
                """)) {
            query.setLong(1, key);
            query.setLong(2, key);
            try (ResultSet result = query.executeQuery()) {
                if (!result.next()) {
                    return "a session that has since released it";
                }
                return "pid " + result.getInt(1) + " (application '" + result.getString(2) + "', state "
                        + result.getString(3) + (result.getTimestamp(4) == null ? "" : ", transaction since "
                        + result.getTimestamp(4)) + ")";
            }
        }
    }

    @Override
    public void close() throws SQLException {
        try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?)")) {
            unlock.setLong(1, key);
            unlock.execute();
        }
    }
}
