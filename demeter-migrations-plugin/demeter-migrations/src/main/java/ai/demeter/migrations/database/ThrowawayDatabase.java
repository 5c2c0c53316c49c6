package ai.demeter.migrations.database;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A PostgreSQL + PostGIS database that exists for one build step or test run. {@link #close()} stops and deletes
 * it; a JVM shutdown hook does the same if the build dies first, so no server is left behind.
 */
public final class ThrowawayDatabase implements AutoCloseable {
    private final DatabaseTarget target;
    private final Runnable discard;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    ThrowawayDatabase(DatabaseTarget target, Runnable discard) {
        this.target = target;
        this.discard = discard;
        this.shutdownHook = new Thread(this::discardOnce, "demeter-throwaway-database-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public DatabaseTarget target() {
        return target;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook runs, or has run, anyway.
        }
        discardOnce();
    }

    private void discardOnce() {
        if (closed.compareAndSet(false, true)) {
            discard.run();
        }
    }

    @Override
    public String toString() {
        return "ThrowawayDatabase[" + target + "]";
    }
}
