package ai.demeter.migrations.internal;

import java.util.function.Supplier;

/** A value asked for once, when first needed, then kept: binaries looked for, a class created, Flyway configured. */
public final class Lazy {
    private Lazy() {
    }

    public static <T> Supplier<T> of(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
