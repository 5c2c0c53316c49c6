package ai.demeter.migrations.internal;

/**
 * A value the engine gives the migrations it runs on the calling thread for the length of a call (an observer, where
 * backfills report), restored to the outer one afterwards, so that calls may nest.
 */
public final class ThreadScoped<T> {
    private final ThreadLocal<T> current = new ThreadLocal<>();

    /** Runs {@code body} with {@code value} current on this thread. */
    public void during(T value, Runnable body) {
        T outer = current.get();
        current.set(value);
        try {
            body.run();
        } finally {
            if (outer == null) {
                current.remove();
            } else {
                current.set(outer);
            }
        }
    }

    /** The current value; null outside {@link #during}. */
    public T get() {
        return current.get();
    }
}
