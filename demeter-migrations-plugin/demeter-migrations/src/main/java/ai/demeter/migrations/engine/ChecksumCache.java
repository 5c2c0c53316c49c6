package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.DemeterMigration;
import ai.demeter.migrations.api.RenderedMigrations;
import ai.demeter.migrations.internal.Digests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What each migration's up renders, kept in a file between runs, so that a goal on an unchanged module renders no
 * migration and loads no jOOQ: in a fresh JVM, rendering every migration's up (for the checksum Flyway compares, the
 * checks before a run, and the run) is most of a migrate's own time.
 * <p>
 * The file holds a fingerprint of everything rendering can depend on, and the statements rendered with it: the bytes
 * of every file in the class path's directories (the module's classes and resources), the size and time of each jar
 * on it, and the same for the code that renders (Demeter and jOOQ as the engine loads them). The statements are used
 * only when the fingerprint, computed again on every run, is the same; otherwise every migration is rendered again
 * and the file rewritten. An edited migration changes its class file, hence the fingerprint, so validation sees the
 * new checksum and migrate runs the new statements. Without a file (the runnable jar, the library) or when it cannot
 * be read, everything is rendered as always: the cache only ever saves time.
 */
public final class ChecksumCache {
    /** No cache: every checksum is computed. */
    public static final ChecksumCache NONE = new ChecksumCache(null, List.of());

    private static final String HEADER = "# Demeter checksum cache: the SQL each migration's up renders (and its down,"
            + " once rolled back), one statement a line (\\n for a line break). Valid only for the fingerprint below;"
            + " safe to delete.";
    private static final String FINGERPRINT = "fingerprint ";
    /** A line that starts an up's statements: {@code migration <class> <count>}. */
    static final String MIGRATION = "migration";
    /** A line that starts a down's statements, once a rollback rendered it: {@code down <class> <count>}. */
    static final String DOWN = "down";

    private final Path file;
    private final List<Path> classpath;
    private String fingerprint;
    private Map<String, List<String>> stored = Map.of();
    private boolean primed;

    private ChecksumCache(Path file, List<Path> classpath) {
        this.file = file;
        this.classpath = List.copyOf(classpath);
    }

    /**
     * A cache in {@code file} for migrations loaded from {@code classpath} (every entry of the migration class
     * loader, in order).
     */
    public static ChecksumCache in(Path file, List<Path> classpath) {
        return new ChecksumCache(Objects.requireNonNull(file, "file"), classpath);
    }

    /** Where the checksums are kept, or null for {@link #NONE}. */
    public Path file() {
        return file;
    }

    /**
     * Once per cache: when the file's fingerprint matches the class path as it is now, makes its renderings known for
     * the classes {@code loader} loads, so that neither Flyway's scan nor a run renders any of them.
     */
    synchronized void prime(ClassLoader loader, MigrationListener listener) {
        if (file == null) {
            // No file between runs (the runnable jar, an application): what the module packaged, if anything.
            PackagedRenderings.prime(loader, listener);
            return;
        }
        if (primed) {
            return;
        }
        primed = true;
        long started = System.nanoTime();
        fingerprint = fingerprint(classpath);
        Map<String, List<String>> cached = read(file, fingerprint);
        int used = remember(loader, cached);
        stored = cached;
        listener.debug("Checksum cache " + file + ": " + (cached.isEmpty() ? "nothing usable" : used + " checksums")
                + " (fingerprint checked in " + (System.nanoTime() - started) / 1_000_000 + " ms)");
    }

    /**
     * Makes the renderings in {@code blocks} (by {@code "<kind> <class>"}) known for the classes {@code loader} loads
     * of those names; returns how many ups that was.
     */
    static int remember(ClassLoader loader, Map<String, List<String>> blocks) {
        int used = 0;
        for (Map.Entry<String, List<String>> block : blocks.entrySet()) {
            String[] kindAndClass = block.getKey().split(" ");
            Class<?> type = loadable(loader, kindAndClass[1]);
            if (type == null || !DemeterMigration.class.isAssignableFrom(type)) {
                continue;
            }
            if (kindAndClass[0].equals(DOWN)) {
                RenderedMigrations.rememberDown(type.asSubclass(DemeterMigration.class), block.getValue());
            } else {
                RenderedMigrations.remember(type.asSubclass(DemeterMigration.class), block.getValue());
                used++;
            }
        }
        return used;
    }

    /** Writes the renderings now known for {@code loader}'s classes, when they differ from those in the file. */
    synchronized void keep(ClassLoader loader, MigrationListener listener) {
        if (file == null || fingerprint == null) {
            return;
        }
        // Keyed "<kind> <class>": ups first, then the downs a rollback rendered.
        Map<String, List<String>> known = new TreeMap<>();
        RenderedMigrations.knownIn(loader).forEach((name, rendering) ->
                known.put(MIGRATION + " " + name, rendering.statements()));
        RenderedMigrations.knownDownsIn(loader).forEach((name, rendering) ->
                known.put(DOWN + " " + name, rendering.statements()));
        if (known.isEmpty() || known.equals(stored)) {
            return;
        }
        StringBuilder text = new StringBuilder(HEADER).append('\n').append(FINGERPRINT).append(fingerprint).append('\n');
        appendBlocks(text, known);
        try {
            Files.createDirectories(file.getParent());
            Path staging = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.writeString(staging, text, StandardCharsets.UTF_8);
            try {
                Files.move(staging, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, file, StandardCopyOption.REPLACE_EXISTING);
            }
            stored = known;
        } catch (IOException e) {
            // A cache that cannot be written costs the next run its time, nothing else.
            listener.debug("Cannot write the checksum cache " + file + ": " + e.getMessage());
        }
    }

    /**
     * The statements in {@code file} by {@code "<kind> <class>"} (kind {@code migration} for an up, {@code down}),
     * when it was written for {@code fingerprint}; empty otherwise.
     */
    static Map<String, List<String>> read(Path file, String fingerprint) {
        List<String> lines;
        try {
            lines = Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException | UncheckedIOException e) {
            return Map.of();
        }
        if (lines.size() < 2 || !lines.get(1).equals(FINGERPRINT + fingerprint)) {
            return Map.of();
        }
        return blocks(lines, 2);
    }

    /**
     * The blocks of statements from line {@code next} to the end, by {@code "<kind> <class>"}; empty when any line
     * is out of shape.
     */
    static Map<String, List<String>> blocks(List<String> lines, int next) {
        Map<String, List<String>> renderings = new LinkedHashMap<>();
        while (next < lines.size()) {
            String[] parts = lines.get(next).split(" ");
            if (parts.length != 3 || !(parts[0].equals(MIGRATION) || parts[0].equals(DOWN))) {
                return Map.of();
            }
            int count;
            try {
                count = Integer.parseInt(parts[2]);
            } catch (NumberFormatException e) {
                return Map.of();
            }
            if (count < 0 || next + 1 + count > lines.size()) {
                return Map.of();
            }
            List<String> statements = new ArrayList<>(count);
            for (String line : lines.subList(next + 1, next + 1 + count)) {
                statements.add(unescape(line));
            }
            renderings.put(parts[0] + " " + parts[1], List.copyOf(statements));
            next += 1 + count;
        }
        return renderings;
    }

    /** Appends each {@code "<kind> <class>"} with its statement count, then the statements, one a line. */
    static void appendBlocks(StringBuilder text, Map<String, List<String>> blocks) {
        blocks.forEach((kindAndClass, statements) -> {
            text.append(kindAndClass).append(' ').append(statements.size()).append('\n');
            statements.forEach(statement -> text.append(escape(statement)).append('\n'));
        });
    }

    /** One statement on one line: backslashes doubled, line breaks as {@code \\n} and {@code \\r}. */
    static String escape(String statement) {
        return statement.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String line) {
        StringBuilder statement = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                char escaped = line.charAt(++i);
                statement.append(escaped == 'n' ? '\n' : escaped == 'r' ? '\r' : escaped);
            } else {
                statement.append(c);
            }
        }
        return statement.toString();
    }

    /**
     * A digest of what rendering depends on: the format of this file, the renderer's code (Demeter's API and jOOQ as
     * loaded here), then each class path entry: for a directory the path and bytes of every file under it, for a
     * jar its path, size and modification time.
     */
    static String fingerprint(List<Path> classpath) {
        MessageDigest digest = Digests.sha256();
        Digests.addLine(digest, "demeter checksum cache 3; java " + Runtime.version().feature());
        List<Path> entries = new ArrayList<>();
        entries.add(codeOf(DemeterMigration.class));
        // Found by its class file, not loaded: a run that finds everything cached never loads jOOQ.
        entries.add(codeOf(DemeterMigration.class.getClassLoader(), "org/jooq/impl/DSL.class"));
        entries.addAll(classpath);
        for (Path entry : entries) {
            try {
                if (entry == null) {
                    Digests.addLine(digest, "unknown code source");
                } else if (Files.isDirectory(entry)) {
                    Digests.addLine(digest, "directory " + entry);
                    directory(digest, entry);
                } else if (Files.isRegularFile(entry)) {
                    Digests.addLine(digest, "file " + entry + " " + Files.size(entry) + " "
                            + Files.getLastModifiedTime(entry).toMillis());
                } else {
                    Digests.addLine(digest, "absent " + entry);
                }
            } catch (IOException | UncheckedIOException e) {
                // Unreadable now: a fingerprint no earlier run can have written, so nothing cached is used.
                Digests.addLine(digest, "unreadable " + entry + " " + System.nanoTime());
            }
        }
        return Digests.hex(digest);
    }

    private static void directory(MessageDigest digest, Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            Digests.addLine(digest, root.relativize(file).toString().replace('\\', '/') + " " + Files.size(file));
            digest.update(Files.readAllBytes(file));
        }
    }

    /** The jar or directory holding {@code resource}, as {@code loader} finds it. */
    private static Path codeOf(ClassLoader loader, String resource) {
        java.net.URL url = loader == null ? null : loader.getResource(resource);
        if (url == null) {
            return null;
        }
        String location = url.toString();
        try {
            if (location.startsWith("jar:")) {
                return Path.of(new java.net.URI(location.substring(4, location.indexOf("!/"))));
            }
            if (location.startsWith("file:") && location.endsWith(resource)) {
                return Path.of(new java.net.URI(location.substring(0, location.length() - resource.length())));
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    private static Path codeOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        try {
            return source == null || source.getLocation() == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static Class<?> loadable(ClassLoader loader, String name) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }


}
