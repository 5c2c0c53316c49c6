package ai.demeter.migrations.database;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * PostgreSQL server binaries on this machine, their major version, and whether PostGIS is installed for them. Looked
 * for, in this order: the directories {@code DEMETER_POSTGRES_PATH} names, {@code PATH}, where {@code pg_config
 * --bindir} points, Debian's {@code /usr/lib/postgresql/<major>/bin}, the usual places on Red Hat, macOS (Homebrew,
 * Postgres.app, EnterpriseDB's installer), and installations built by {@code .ci/postgres-from-source} under
 * {@code /var/cache/demeter/postgres}; several versions in one place newest first. An installation with PostGIS is
 * preferred over one without.
 *
 * @param majorVersion 15, 18, ...; 0 when the server would not say
 */
public record PostgresInstallation(Path binDirectory, boolean hasPostgis, int majorVersion) {

    /** More places to look, as a {@code PATH}-like list of bin directories or folders of installations. */
    public static final String SEARCH_PATH_VARIABLE = "DEMETER_POSTGRES_PATH";

    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");
    /** The major version of each server binary asked so far in this JVM, by path and modification time. */
    private static final Map<String, Integer> MAJOR_VERSIONS = new ConcurrentHashMap<>();

    /** Places that hold one installation per major version, as {@code <root>/<name with the version>/bin}. */
    private static final List<Path> VERSIONED_ROOTS = List.of(DEBIAN_ROOT, Path.of("/var/cache/demeter/postgres"),
            Path.of("/Applications/Postgres.app/Contents/Versions"), Path.of("/Library/PostgreSQL"),
            Path.of("/opt/homebrew/opt"), Path.of("/usr/local/opt"), Path.of("/usr"));

    /** An installation whose major version is read from its server binary. */
    public PostgresInstallation(Path binDirectory, boolean hasPostgis) {
        this(binDirectory, hasPostgis, majorVersionOf(binDirectory));
    }

    public Path binary(String name) {
        return binDirectory.resolve(name);
    }

    /** {@code PostgreSQL 18 in /usr/lib/postgresql/18/bin}, for messages. */
    public String describe() {
        return "PostgreSQL " + (majorVersion > 0 ? majorVersion : "of unknown version") + " in " + binDirectory;
    }

    /** The best installation found, searching {@code PATH} from the given environment. */
    public static Optional<PostgresInstallation> find(Map<String, String> environment) {
        List<PostgresInstallation> found = findAll(environment);
        return found.stream().filter(PostgresInstallation::hasPostgis).findFirst()
                .or(() -> found.stream().findFirst());
    }

    /** The first installation with PostGIS of major version {@code major}, in search order. */
    public static Optional<PostgresInstallation> find(Map<String, String> environment, int major) {
        return findAll(environment).stream()
                .filter(installation -> installation.hasPostgis() && installation.majorVersion() == major)
                .findFirst();
    }

    /** Every installation found, in search order. */
    public static List<PostgresInstallation> findAll(Map<String, String> environment) {
        List<PostgresInstallation> found = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        for (Path candidate : candidates(environment)) {
            if (isServerBinDirectory(candidate) && seen.add(realPath(candidate))) {
                found.add(new PostgresInstallation(candidate, postgisControlFile(candidate).isPresent()));
            }
        }
        return found;
    }

    private static Set<Path> candidates(Map<String, String> environment) {
        Set<Path> candidates = new LinkedHashSet<>();
        for (String entry : environment.getOrDefault(SEARCH_PATH_VARIABLE, "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                Path named = Path.of(entry).toAbsolutePath().normalize();
                candidates.add(named);
                candidates.add(named.resolve("bin"));
                versionedBinDirectories(named).forEach(candidates::add);
            }
        }
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
        VERSIONED_ROOTS.forEach(root -> versionedBinDirectories(root).forEach(candidates::add));
        return candidates;
    }

    /**
     * {@code <root>/<name>/bin} for each folder of {@code root} whose name holds a major version ({@code 18},
     * {@code postgresql@17}, {@code pgsql-16}, {@code 18.6-postgis-3.6.4}), newest first.
     */
    private static List<Path> versionedBinDirectories(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(child -> versionInName(child) > 0)
                    .sorted(Comparator.comparingInt(PostgresInstallation::versionInName).reversed())
                    .map(child -> child.resolve("bin"))
                    .toList();
        } catch (IOException e) {
            return List.of(); // an unreadable directory is simply not a candidate
        }
    }

    private static final Pattern VERSIONED_NAME = Pattern.compile("(?:postgresql@|pgsql-)?(\\d+)(?:[.-].*)?");

    private static int versionInName(Path directory) {
        Matcher name = VERSIONED_NAME.matcher(directory.getFileName().toString());
        return name.matches() ? Integer.parseInt(name.group(1)) : -1;
    }

    private static Path realPath(Path directory) {
        try {
            return directory.toRealPath();
        } catch (IOException e) {
            return directory;
        }
    }

    private static boolean isServerBinDirectory(Path directory) {
        return Stream.of("initdb", "pg_ctl", "postgres").allMatch(name -> Files.isExecutable(directory.resolve(name)));
    }

    /**
     * The major version {@code postgres --version} prints ({@code postgres (PostgreSQL) 18.6}); 0 if it says none.
     * Asked once per binary (and its modification time) in a JVM: every choice of a throwaway server looks at every
     * installation, and starting {@code postgres} for each is the slow part.
     */
    static int majorVersionOf(Path binDirectory) {
        Path postgres = binDirectory.resolve("postgres");
        long modified;
        try {
            modified = Files.getLastModifiedTime(postgres).toMillis();
        } catch (IOException e) {
            return 0;
        }
        return MAJOR_VERSIONS.computeIfAbsent(postgres + "@" + modified, key -> ProcessOutput.firstLine(
                        List.of(postgres.toString(), "--version"))
                .map(VERSION::matcher)
                .filter(Matcher::find)
                .map(version -> Integer.parseInt(version.group(1)))
                .orElse(0));
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
