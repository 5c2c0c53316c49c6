package ai.demeter.migrations.safety;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Sees the locks of a statement that runs outside a transaction (CREATE INDEX CONCURRENTLY in a non-transactional
 * migration): its backend releases them as it returns, so they are read from a second connection while it runs.
 * Before the statement starts, that connection takes SHARE UPDATE EXCLUSIVE on every followed table, so the first
 * lock of SHARE UPDATE EXCLUSIVE or stronger the statement asks for on one of them makes it wait; the watch then
 * records that lock and those the statement already holds, and lets it go on. What is recorded therefore does not
 * depend on timing. Weaker locks (ACCESS SHARE, ROW EXCLUSIVE), which block nobody, and locks taken after that
 * first wait are not seen.
 */
final class OutsideTransactionWatch implements AutoCloseable {
    private static final long POLL_MILLIS = 1;

    private final Supplier<Connection> connections;
    private Connection observer;
    private Thread poller;
    private volatile boolean statementDone;
    private volatile SQLException failure;
    private final Map<Long, LockMode> seen = new LinkedHashMap<>();

    OutsideTransactionWatch(Supplier<Connection> connections) {
        this.connections = connections;
    }

    /** Takes the blocking locks and starts watching {@code pid}, the backend about to run the statement. */
    void begin(int pid, TracedTables tables) throws SQLException {
        seen.clear();
        statementDone = false;
        failure = null;
        if (tables.isEmpty()) {
            return;
        }
        if (observer == null) {
            observer = connections.get();
        }
        observer.setAutoCommit(false);
        try (Statement lock = observer.createStatement()) {
            lock.execute("lock table " + String.join(", ", tables.quotedNames()) + " in share update exclusive mode");
        }
        Map<Long, String> followed = tables.names();
        poller = new Thread(() -> watch(pid, followed), "demeter-lock-watch");
        poller.setDaemon(true);
        poller.start();
    }

    /** Stops watching once the statement has returned (or failed); the locks it was seen to need. */
    Map<Long, LockMode> end() throws SQLException {
        statementDone = true;
        if (poller != null) {
            try {
                poller.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            poller = null;
        }
        if (observer != null && !observer.getAutoCommit()) {
            observer.rollback();
            observer.setAutoCommit(true);
        }
        if (failure != null) {
            throw failure;
        }
        return Map.copyOf(seen);
    }

    private void watch(int pid, Map<Long, String> followed) {
        String sql = "select l.locktype, l.relation::bigint, l.mode, l.granted from pg_locks l where l.pid = ?";
        try (PreparedStatement query = observer.prepareStatement(sql)) {
            query.setInt(1, pid);
            while (!statementDone) {
                Map<Long, LockMode> granted = new LinkedHashMap<>();
                boolean waiting = false;
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        long relation = rows.getLong(2);
                        boolean relationLock = "relation".equals(rows.getString(1)) && followed.containsKey(relation)
                                && LockMode.isTableMode(rows.getString(3));
                        if (!rows.getBoolean(4)) {
                            waiting = true;
                        }
                        if (relationLock) {
                            granted.merge(relation, LockMode.fromCatalog(rows.getString(3)), LockMode::strongest);
                        }
                    }
                }
                if (waiting) {
                    // Waiting for our locks (or, for CONCURRENTLY, for our transaction): record, then let it go on.
                    seen.putAll(granted);
                    observer.rollback();
                    observer.setAutoCommit(true);
                    return;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (SQLException e) {
            failure = e;
            releaseQuietly();
        } catch (InterruptedException e) {
            releaseQuietly();
        }
    }

    private void releaseQuietly() {
        try {
            observer.rollback();
        } catch (SQLException e) {
            // The statement must not wait for us: closing the connection ends the transaction either way.
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            if (observer != null) {
                observer.close();
            }
        } catch (SQLException e) {
            // nothing left to release
        }
        observer = null;
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
