package ai.demeter.migrations.api;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.zip.CRC32;

/**
 * The checksums of Demeter migrations: the CRC32 of the SQL each one's up renders with no database. Rendering is the
 * costly part of a Flyway scan (jOOQ loaded and run cold in a fresh JVM), and a class renders the same SQL for as long
 * as it is loaded, so each class's checksum is kept here once known: computed, or taken from the engine's checksum
 * cache, which vouches that the class's bytes are those it was computed from. Migration code has no use for this.
 */
public final class RenderedChecksums {
    /** Weak keys: a goal's migration class loader is closed after it, and its classes must be able to go. */
    private static final Map<Class<?>, Integer> KNOWN = Collections.synchronizedMap(new WeakHashMap<>());

    private RenderedChecksums() {
    }

    /** The checksum of {@code migration}'s class, rendering its up only when it is not known yet. */
    static int of(DemeterMigration migration) {
        Integer known = KNOWN.get(migration.getClass());
        if (known != null) {
            return known;
        }
        int computed = render(migration);
        KNOWN.put(migration.getClass(), computed);
        return computed;
    }

    /** Renders {@code migration}'s up now, ignoring what is known: the value a cached checksum must equal. */
    public static int render(DemeterMigration migration) {
        CRC32 crc = new CRC32();
        for (String statement : migration.renderUp()) {
            crc.update(statement.getBytes(StandardCharsets.UTF_8));
            crc.update('\n');
        }
        return (int) crc.getValue();
    }

    /**
     * Takes {@code checksum} as the checksum of {@code type} without rendering it. Only for a value computed from the
     * very bytes {@code type} was loaded from: a wrong value hides an edited migration from validation.
     */
    public static void remember(Class<? extends DemeterMigration> type, int checksum) {
        KNOWN.putIfAbsent(type, checksum);
    }

    /** The checksum of {@code type} if it is known, without rendering. */
    public static OptionalInt known(Class<?> type) {
        Integer known = KNOWN.get(type);
        return known == null ? OptionalInt.empty() : OptionalInt.of(known);
    }

    /** Every known checksum of a class that {@code loader} loads, by class name. */
    public static Map<String, Integer> knownIn(ClassLoader loader) {
        Map<String, Integer> known = new TreeMap<>();
        synchronized (KNOWN) {
            KNOWN.forEach((type, checksum) -> {
                if (loadsItself(loader, type)) {
                    known.put(type.getName(), checksum);
                }
            });
        }
        return known;
    }

    private static boolean loadsItself(ClassLoader loader, Class<?> type) {
        if (type.getClassLoader() == loader) {
            return true;
        }
        try {
            return Class.forName(type.getName(), false, loader) == type;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
