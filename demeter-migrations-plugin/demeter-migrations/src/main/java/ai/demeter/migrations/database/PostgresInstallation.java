package ai.demeter.migrations.database;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * PostgreSQL server binaries on this machine, and whether PostGIS is installed for them. Looked for on
 * {@code PATH}, where {@code pg_config --bindir} points, and in Debian's {@code /usr/lib/postgresql/<major>/bin}
 * (newest first). An installation with PostGIS is preferred over one without.
 */
public record PostgresInstallation(Path binDirectory, boolean hasPostgis) {

    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");

    public Path binary(String name) {
        return binDirectory.resolve(name);
    }

    /** The best installation found, searching {@code PATH} from the given environment. */
    public static Optional<PostgresInstallation> find(Map<String, String> environment) {
        List<PostgresInstallation> found = new ArrayList<>();
        for (Path candidate : candidates(environment)) {
            if (isServerBinDirectory(candidate)) {
                found.add(new PostgresInstallation(candidate, postgisControlFile(candidate).isPresent()));
            }
        }
        return found.stream().filter(PostgresInstallation::hasPostgis).findFirst()
                .or(() -> found.stream().findFirst());
    }

    private static Set<Path> candidates(Map<String, String> environment) {
        Set<Path> candidates = new LinkedHashSet<>();
        String path = environment.getOrDefault("PATH", "");
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                candidates.add(Path.of(entry).toAbsolutePath().normalize());
            }
        }
        for (String entry : path.split(File.pathSeparator)) {
            Path pgConfig = Path.of(entry.isBlank() ? "." : entry, "pg_config");
            if (Files.isExecutable(pgConfig)) {
                ProcessOutput.firstLine(List.of(pgConfig.toString(), "--bindir")).map(Path::of).ifPresent(candidates::add);
            }
        }
        if (Files.isDirectory(DEBIAN_ROOT)) {
            try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
                versions.sorted(Comparator.comparing(PostgresInstallation::majorVersion).reversed())
                        .map(version -> version.resolve("bin"))
                        .forEach(candidates::add);
            } catch (java.io.IOException e) {
                // An unreadable directory is simply not a candidate.
            }
        }
        return candidates;
    }

    private static int majorVersion(Path versionDirectory) {
        try {
            return Integer.parseInt(versionDirectory.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isServerBinDirectory(Path directory) {
        return Stream.of("initdb", "pg_ctl", "postgres").allMatch(name -> Files.isExecutable(directory.resolve(name)));
    }

    /** {@code postgis.control} in the installation's share directory, as the server will look for it. */
    static Optional<Path> postgisControlFile(Path binDirectory) {
        List<Path> shareDirectories = new ArrayList<>();
        Path pgConfig = binDirectory.resolve("pg_config");
        if (Files.isExecutable(pgConfig)) {
            ProcessOutput.firstLine(List.of(pgConfig.toString(), "--sharedir")).map(Path::of).ifPresent(shareDirectories::add);
        }
        Path prefix = binDirectory.getParent();
        if (prefix != null) {
            // Debian: /usr/lib/postgresql/15/bin -> /usr/share/postgresql/15
            if (prefix.getParent() != null && prefix.getParent().equals(DEBIAN_ROOT)) {
                shareDirectories.add(Path.of("/usr/share/postgresql").resolve(prefix.getFileName()));
            }
            shareDirectories.add(prefix.resolve("share/postgresql"));
            shareDirectories.add(prefix.resolve("share"));
        }
        return shareDirectories.stream()
                .map(share -> share.resolve("extension/postgis.control"))
                .filter(Files::isRegularFile)
                .findFirst();
    }
}
