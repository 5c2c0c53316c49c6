package ai.demeter.migrations.codegen;

import ai.demeter.migrations.internal.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Generator;
import org.jooq.util.jaxb.tools.MiniJAXB;

/**
 * What the generated classes depend on, as one SHA-256: the bytes of every file in the migration locations (the
 * compiled migration classes) and, when the migrations' module is part of the project, of everything it compiled
 * to (the helpers the migrations call), the effective generator configuration, and the versions of the tools that turn
 * one into the other (Demeter, jOOQ, Flyway, pgjdbc). Equal fingerprints mean regenerating would write the same
 * code, so {@code generate} can skip the database altogether.
 */
final class InputFingerprint {
    private InputFingerprint() {
    }

    /**
     * @param migrations    sees the migration classes
     * @param module        class path entries of the migrations' module to fingerprint whole (may be empty)
     * @param locations     Flyway locations: {@code classpath:db/migration} or {@code filesystem:/path}
     * @param effective     the generator configuration after defaults (target directory included)
     * @param pluginVersion the Demeter version doing the generation
     */
    public static String compute(ClassLoader migrations, List<Path> module, List<String> locations,
            Generator effective, String pluginVersion) {
        MessageDigest digest = Digests.sha256();
        for (Map.Entry<String, String> version : toolVersions(pluginVersion).entrySet()) {
            Digests.addLine(digest, "version " + version.getKey() + "=" + version.getValue());
        }
        Digests.addLine(digest, "generator " + MiniJAXB.marshal(new Configuration().withGenerator(effective)));
        for (Path entry : module) {
            Map<String, byte[]> files = new TreeMap<>();
            try {
                readDirectory(entry, files);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the migrations' module at " + entry, e);
            }
            Digests.addLine(digest, "module " + files.size());
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Digests.addLine(digest, "file " + file.getKey() + " " + file.getValue().length);
                digest.update(file.getValue());
            }
        }
        for (String location : locations) {
            Digests.addLine(digest, "location " + location);
            for (Map.Entry<String, byte[]> file : migrationFiles(migrations, location).entrySet()) {
                Digests.addLine(digest, "file " + file.getKey() + " " + file.getValue().length);
                digest.update(file.getValue());
            }
        }
        return Digests.hex(digest);
    }

    /** Versions of the tools that shape the generated code; a SNAPSHOT Demeter also contributes its jar's bytes. */
    static Map<String, String> toolVersions(String pluginVersion) {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("demeter", pluginVersion);
        if (pluginVersion != null && pluginVersion.endsWith("-SNAPSHOT")) {
            versions.put("demeter-build", ownBuild());
        }
        versions.put("jooq", org.jooq.Constants.FULL_VERSION);
        versions.put("flyway", flywayVersion());
        versions.put("pgjdbc", org.postgresql.util.DriverInfo.DRIVER_VERSION);
        return versions;
    }

    /** The files under one location, by path relative to it, in a stable order. */
    static Map<String, byte[]> migrationFiles(ClassLoader loader, String location) {
        Map<String, byte[]> files = new TreeMap<>();
        try {
            if (location.startsWith("filesystem:")) {
                readDirectory(Path.of(location.substring("filesystem:".length())), files);
                return files;
            }
            String folder = (location.startsWith("classpath:") ? location.substring("classpath:".length()) : location)
                    .replaceAll("^/+", "").replaceAll("/+$", "");
            for (URL url : Collections.list(loader.getResources(folder))) {
                switch (url.getProtocol()) {
                    case "file" -> readDirectory(Path.of(url.toURI()), files);
                    case "jar" -> readJar(url, folder, files);
                    default -> throw new IllegalStateException("Cannot read migrations from " + url);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the migrations at " + location, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot read the migrations at " + location, e);
        }
        return files;
    }

    private static void readDirectory(Path root, Map<String, byte[]> files) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
    }

    private static void readJar(URL url, String folder, Map<String, byte[]> files) throws IOException {
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        connection.setUseCaches(false); // our own JarFile, closed here, not the class loader's shared one
        try (JarFile jar = connection.getJarFile()) {
            String prefix = folder + "/";
            for (JarEntry entry : Collections.list(jar.entries())) {
                if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        files.put(entry.getName().substring(prefix.length()), in.readAllBytes());
                    }
                }
            }
        }
    }

    private static String ownBuild() {
        CodeSource source = InputFingerprint.class.getProtectionDomain().getCodeSource();
        try {
            Path location = source == null ? null : Path.of(source.getLocation().toURI());
            if (location == null || !Files.isRegularFile(location)) {
                return "unknown";
            }
            MessageDigest digest = Digests.sha256();
            digest.update(Files.readAllBytes(location));
            return Digests.hex(digest);
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            return "unknown";
        }
    }

    private static String flywayVersion() {
        try (InputStream in = org.flywaydb.core.Flyway.class.getClassLoader()
                .getResourceAsStream("org/flywaydb/core/internal/version.txt")) {
            return in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }


}
