package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.api.DemeterMigration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Finds the migrations in the code with no database: the {@code V<version>__<description>} classes under each
 * {@code classpath:} location, named as Flyway names them, oldest first. Used where nothing may connect
 * (offline SQL).
 */
public final class MigrationScan {
    private static final Pattern NAME = Pattern.compile("V([0-9]+(?:[._][0-9]+)*)__(\\w+)");

    private MigrationScan() {
    }

    public static List<ResolvedMigration> resolve(ClassLoader loader, List<String> locations) {
        List<ResolvedMigration> migrations = new ArrayList<>();
        Map<MigrationVersion, String> seen = new HashMap<>();
        for (String location : locations) {
            if (!location.startsWith("classpath:")) {
                throw DemeterException.userMistake("Location " + location + " is not on the class path; offline SQL"
                        + " reads Java migrations from classpath: locations only.");
            }
            String folder = location.substring("classpath:".length()).replaceAll("^/+", "").replaceAll("/+$", "");
            for (String className : classNames(loader, folder)) {
                String simple = className.substring(className.lastIndexOf('.') + 1);
                Matcher name = NAME.matcher(simple);
                if (!name.matches()) {
                    continue;
                }
                MigrationVersion version = MigrationVersion.fromVersion(name.group(1).replace('_', '.'));
                String previous = seen.put(version, className);
                if (previous != null) {
                    throw DemeterException.userMistake("Two migrations have version " + version + ": " + previous
                            + " and " + className + ". Give one of them the next free version.");
                }
                migrations.add(new ResolvedMigration(version, name.group(2).replace('_', ' '), className,
                        instantiate(loader, className)));
            }
        }
        migrations.sort(Comparator.comparing(ResolvedMigration::version));
        return List.copyOf(migrations);
    }

    private static DemeterMigration instantiate(ClassLoader loader, String className) {
        try {
            Class<?> type = Class.forName(className, true, loader);
            if (!DemeterMigration.class.isAssignableFrom(type)) {
                throw DemeterException.userMistake(className + " is named like a migration but does not extend"
                        + " DemeterMigration, so its SQL cannot be rendered with no database.");
            }
            return (DemeterMigration) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw DemeterException.userMistake("Cannot load the migration " + className + ": " + e
                    + ". It needs a public no-argument constructor.", e);
        }
    }

    /** Top-level classes directly in {@code folder}, from directories and jars alike, sorted. */
    private static TreeSet<String> classNames(ClassLoader loader, String folder) {
        TreeSet<String> names = new TreeSet<>();
        String packageName = folder.replace('/', '.');
        try {
            for (URL url : Collections.list(loader.getResources(folder))) {
                if (url.getProtocol().equals("file")) {
                    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                        files.map(file -> file.getFileName().toString()).filter(MigrationScan::isTopLevelClass)
                                .forEach(file -> names.add(packageName + "." + file.replace(".class", "")));
                    }
                } else if (url.getProtocol().equals("jar")) {
                    JarURLConnection connection = (JarURLConnection) url.openConnection();
                    connection.setUseCaches(false);
                    try (JarFile jar = connection.getJarFile()) {
                        for (JarEntry entry : Collections.list(jar.entries())) {
                            String name = entry.getName();
                            if (name.startsWith(folder + "/") && name.indexOf('/', folder.length() + 1) < 0
                                    && isTopLevelClass(name.substring(folder.length() + 1))) {
                                names.add(name.replace(".class", "").replace('/', '.'));
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the migrations in " + folder, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot list the migrations in " + folder, e);
        }
        return names;
    }

    private static boolean isTopLevelClass(String file) {
        return file.endsWith(".class") && !file.contains("$");
    }
}
