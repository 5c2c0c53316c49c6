package ai.demeter.migrations.api;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * What each Demeter migration's up renders with no database, kept per loaded class once known: rendered, or taken
 * from the engine's checksum cache, which vouches that the class's bytes are those it was rendered from. Rendering
 * is the costly part of a run in a fresh JVM (jOOQ loaded and run cold), and a class renders the same SQL for as
 * long as it is loaded, since rendering is deterministic (the checksum Flyway stores depends on that already).
 * <p>
 * The statements serve three uses: the checksum (their CRC32), the checks made before a run, and the run itself:
 * a migration whose statements are known and read nothing back runs exactly those statements (see
 * {@link #replayable}), so a run on an unchanged module never loads jOOQ. Migration code has no use for this.
 */
public final class RenderedMigrations {
    /** Weak keys: a goal's migration class loader is closed after it, and its classes must be able to go. */
    private static final Map<Class<?>, Rendering> KNOWN = Collections.synchronizedMap(new WeakHashMap<>());
    /** What each class's down renders, once a rollback (or its plan) has rendered it: rollback's counterpart. */
    private static final Map<Class<?>, Rendering> KNOWN_DOWN = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * Statements whose first word is one of these return no rows the migration could have branched on, so the
     * offline recording is the whole of what up does. Anything else (a select, a call, a returning clause) runs
     * through jOOQ on the live connection, as written.
     */
    private static final Set<String> WRITE_ONLY = Set.of("create", "alter", "drop", "comment", "insert", "update",
            "delete", "grant", "revoke", "truncate", "do", "set", "reset", "lock", "refresh", "reindex", "cluster",
            "vacuum", "analyze", "security");
    private static final Pattern RETURNING = Pattern.compile("\\breturning\\b", Pattern.CASE_INSENSITIVE);

    /** An up as rendered: its statements in order, their checksum, and whether running them is the whole of up. */
    public record Rendering(List<String> statements, int checksum, boolean replayable) {
        static Rendering of(List<String> statements) {
            CRC32 crc = new CRC32();
            boolean replayable = true;
            for (String statement : statements) {
                crc.update(statement.getBytes(StandardCharsets.UTF_8));
                crc.update('\n');
                replayable &= writesOnly(statement);
            }
            return new Rendering(List.copyOf(statements), (int) crc.getValue(), replayable);
        }
    }

    private RenderedMigrations() {
    }

    /** The rendering of {@code migration}'s class, rendering its up only when it is not known yet. */
    public static Rendering of(DemeterMigration migration) {
        Rendering known = KNOWN.get(migration.getClass());
        if (known != null) {
            return known;
        }
        Rendering rendered = render(migration);
        KNOWN.put(migration.getClass(), rendered);
        return rendered;
    }

    /** Renders {@code migration}'s up now, ignoring what is known: what a cached rendering must equal. */
    public static Rendering render(DemeterMigration migration) {
        return Rendering.of(migration.renderUp());
    }

    /**
     * Takes {@code statements} as what {@code type}'s up renders, without rendering it. Only for statements rendered
     * from the very bytes {@code type} was loaded from: anything else hides an edited migration from validation and
     * runs SQL its code no longer says.
     */
    public static void remember(Class<? extends DemeterMigration> type, List<String> statements) {
        KNOWN.putIfAbsent(type, Rendering.of(statements));
    }

    /** The rendering of {@code type} if it is known, without rendering. */
    public static Optional<Rendering> known(Class<?> type) {
        return Optional.ofNullable(KNOWN.get(type));
    }

    /**
     * The rendering of {@code migration}'s down, rendering it only when it is not known yet. Throws what down throws
     * for a migration without one.
     */
    public static Rendering downOf(DemeterMigration migration) {
        Rendering known = KNOWN_DOWN.get(migration.getClass());
        if (known != null) {
            return known;
        }
        Rendering rendered = Rendering.of(migration.renderDown());
        KNOWN_DOWN.put(migration.getClass(), rendered);
        return rendered;
    }

    /** Takes {@code statements} as what {@code type}'s down renders; the same terms as {@link #remember}. */
    public static void rememberDown(Class<? extends DemeterMigration> type, List<String> statements) {
        KNOWN_DOWN.putIfAbsent(type, Rendering.of(statements));
    }

    /** The statements to run instead of down on a live connection: known and reading nothing back; else empty. */
    static Optional<List<String>> replayableDown(Class<?> type) {
        Rendering known = KNOWN_DOWN.get(type);
        return known != null && known.replayable() ? Optional.of(known.statements()) : Optional.empty();
    }

    /** Every known down rendering of a class that {@code loader} loads, by class name. */
    public static Map<String, Rendering> knownDownsIn(ClassLoader loader) {
        return knownIn(loader, KNOWN_DOWN);
    }

    /** The statements to run instead of up on a live connection: known, and reading nothing back; else empty. */
    static Optional<List<String>> replayable(Class<?> type) {
        Rendering known = KNOWN.get(type);
        return known != null && known.replayable() ? Optional.of(known.statements()) : Optional.empty();
    }

    /** Every known rendering of a class that {@code loader} loads, by class name. */
    public static Map<String, Rendering> knownIn(ClassLoader loader) {
        return knownIn(loader, KNOWN);
    }

    private static Map<String, Rendering> knownIn(ClassLoader loader, Map<Class<?>, Rendering> renderings) {
        Map<String, Rendering> known = new TreeMap<>();
        synchronized (renderings) {
            renderings.forEach((type, rendering) -> {
                if (loadsItself(loader, type)) {
                    known.put(type.getName(), rendering);
                }
            });
        }
        return known;
    }

    static boolean writesOnly(String statement) {
        String text = statement.stripLeading();
        int end = 0;
        while (end < text.length() && Character.isLetter(text.charAt(end))) {
            end++;
        }
        String first = text.substring(0, end).toLowerCase(Locale.ROOT);
        return WRITE_ONLY.contains(first) && !RETURNING.matcher(statement).find();
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
