package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.api.DemeterMigration;
import ai.demeter.migrations.api.RenderedMigrations;
import ai.demeter.migrations.internal.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * What each migration's up (and down) renders, packaged with the module's classes ({@value #RESOURCE}), so that a
 * JVM started from the packaged module (the runnable migrations jar, an application migrating at start-up) knows
 * every checksum without rendering. Such a JVM has no checksum cache between runs, and rendering every migration
 * with jOOQ in it is most of a command's own time.
 * <p>
 * The file names the files it was rendered from (the module's classes and resources, and Demeter's authoring API)
 * and holds a fingerprint of their bytes and of jOOQ's version. A JVM takes the renderings only when the same
 * names, read through the migrations' own class loader, give the same fingerprint: an edited migration or helper, a
 * class shadowed by another jar, another Demeter or jOOQ, and everything is rendered as without the file. The file
 * only ever saves time.
 */
public final class PackagedRenderings {
    /** Where the renderings are, relative to the module's classes: in its jar, beside the migrations. */
    public static final String RESOURCE = "META-INF/demeter/renderings.txt";

    private static final String HEADER = "# Demeter packaged renderings: the SQL each migration's up and down"
            + " render, one statement a line (\\n for a line break), valid for the files listed, as"
            + " fingerprinted. Written by demeter:checksums.";
    private static final String FINGERPRINT = "fingerprint ";
    private static final String COVERS = "covers ";
    private static final String API_FOLDER = "ai/demeter/migrations/api/";
    /** Class loaders already looked at: a JVM reads the file once per migration class loader. */
    private static final Set<ClassLoader> PRIMED = Collections.newSetFromMap(new WeakHashMap<>());

    private PackagedRenderings() {
    }

    /** What {@link #write} wrote: the file, and how many migrations' up renderings it holds. */
    public record Written(Path file, int migrations) {
    }

    /**
     * Renders every migration at {@code locations} as {@code loader} loads them and writes the renderings into
     * {@code classes} (the module's build output, which {@code loader} must load the module from), fingerprinted
     * with every file there. A migration whose up cannot be rendered offline is left out; it is rendered when
     * it is used, as without the file.
     */
    public static Written write(Path classes, ClassLoader loader, List<String> locations) {
        Map<String, List<String>> renderings = new TreeMap<>();
        int ups = 0;
        for (CodeMigration migration : MigrationScan.resolve(loader, locations)) {
            // A migration that cannot be rendered offline (or has no down) says why when it is used; packaging its
            // rendering is only a saving.
            try {
                renderings.put(ChecksumCache.MIGRATION + " " + migration.script(),
                        RenderedMigrations.render(migration.migration()).statements());
            } catch (RuntimeException e) {
                continue;
            }
            ups++;
            try {
                renderings.put(ChecksumCache.DOWN + " " + migration.script(),
                        RenderedMigrations.downOf(migration.migration()).statements());
            } catch (RuntimeException e) {
                // irreversible, or its down reads the database
            }
        }
        TreeSet<String> covered = new TreeSet<>(moduleFiles(classes));
        covered.addAll(apiClassFiles());
        StringBuilder text = new StringBuilder(HEADER).append('\n')
                .append(FINGERPRINT).append(fingerprint(covered, loader)).append('\n')
                .append(COVERS).append(covered.size()).append('\n');
        covered.forEach(name -> text.append(name).append('\n'));
        ChecksumCache.appendBlocks(text, renderings);
        Path file = classes.resolve(RESOURCE);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw DemeterException.fault("Cannot write " + file + ": " + e.getMessage(), e);
        }
        return new Written(file, ups);
    }

    /**
     * Once per class loader: when {@code loader} finds the file and the files it lists are the ones it was
     * rendered from, makes its renderings known for the classes {@code loader} loads.
     */
    static void prime(ClassLoader loader, MigrationListener listener) {
        synchronized (PRIMED) {
            if (!PRIMED.add(loader)) {
                return;
            }
        }
        Enumeration<URL> resources;
        try {
            resources = loader.getResources(RESOURCE);
        } catch (IOException e) {
            listener.debug("Cannot look for " + RESOURCE + ": " + e.getMessage());
            return;
        }
        // One file per module that packaged its renderings; each fingerprints its own classes.
        while (resources.hasMoreElements()) {
            primeFrom(resources.nextElement(), loader, listener);
        }
    }

    private static void primeFrom(URL resource, ClassLoader loader, MigrationListener listener) {
        long started = System.nanoTime();
        List<String> lines;
        try (InputStream in = resource.openStream()) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            listener.debug("Cannot read " + resource + ": " + e.getMessage());
            return;
        }
        int used = 0;
        String why = "out of shape";
        if (lines.size() >= 3 && lines.get(1).startsWith(FINGERPRINT) && lines.get(2).startsWith(COVERS)) {
            int count = parseCount(lines.get(2).substring(COVERS.length()));
            if (count >= 0 && 3 + count <= lines.size()) {
                List<String> covered = lines.subList(3, 3 + count);
                if (fingerprint(covered, loader).equals(lines.get(1).substring(FINGERPRINT.length()))) {
                    used = ChecksumCache.remember(loader, ChecksumCache.blocks(lines, 3 + count));
                    why = null;
                } else {
                    why = "written for other files, or another Demeter or jOOQ";
                }
            }
        }
        listener.debug("Packaged renderings " + resource + ": "
                + (why == null ? used + " checksums" : "not used, " + why) + " (checked in "
                + (System.nanoTime() - started) / 1_000_000 + " ms)");
    }

    private static int parseCount(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The format, jOOQ's version, then each listed file's name and bytes as {@code loader} finds them. */
    static String fingerprint(Iterable<String> files, ClassLoader loader) {
        MessageDigest digest = Digests.sha256();
        Digests.addLine(digest, "demeter packaged renderings 1; jooq " + jooqVersion(loader));
        for (String name : files) {
            try (InputStream in = loader.getResourceAsStream(name)) {
                if (in == null) {
                    Digests.addLine(digest, "absent " + name);
                } else {
                    byte[] bytes = in.readAllBytes();
                    Digests.addLine(digest, name + " " + bytes.length);
                    digest.update(bytes);
                }
            } catch (IOException e) {
                // Unreadable now: a fingerprint no build can have written, so nothing packaged is used.
                Digests.addLine(digest, "unreadable " + name + " " + System.nanoTime());
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** jOOQ's version as {@code loader} sees it, read at run time (the constant would be compiled in). */
    private static String jooqVersion(ClassLoader loader) {
        try {
            return String.valueOf(Class.forName("org.jooq.Constants", true, loader).getField("FULL_VERSION").get(null));
        } catch (ReflectiveOperationException | LinkageError e) {
            return "unknown";
        }
    }

    /**
     * Every file under {@code classes} but the renderings themselves, by resource name: classes, and resources a
     * migration may read while it renders.
     */
    private static List<String> moduleFiles(Path classes) {
        try (Stream<Path> walk = Files.walk(classes)) {
            return walk.filter(Files::isRegularFile)
                    .map(file -> classes.relativize(file).toString().replace('\\', '/'))
                    .filter(name -> !name.equals(RESOURCE))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw DemeterException.fault("Cannot list the classes under " + classes + ": " + e.getMessage(), e);
        }
    }

    /** The class files of Demeter's authoring API (what renders a migration), by resource name. */
    private static List<String> apiClassFiles() {
        CodeSource source = DemeterMigration.class.getProtectionDomain().getCodeSource();
        try {
            Path code = Path.of(source.getLocation().toURI());
            if (Files.isDirectory(code)) {
                return moduleFiles(code).stream()
                        .filter(name -> name.startsWith(API_FOLDER) && name.endsWith(".class")).toList();
            }
            try (JarFile jar = new JarFile(code.toFile())) {
                return jar.stream().map(entry -> entry.getName())
                        .filter(name -> name.startsWith(API_FOLDER) && name.endsWith(".class")).toList();
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            throw DemeterException.fault("Cannot list Demeter's own classes (" + e.getMessage() + ")", e);
        }
    }
}
