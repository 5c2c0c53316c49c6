package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.api.DemeterMigration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
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
import java.util.Optional;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Finds the migrations in the code with no database: the {@code V<version>__<description>} classes under each
 * {@code classpath:} location, named as Flyway names them, oldest first. Used where nothing may connect
 * (offline SQL).
 */
public final class MigrationScan {
    static final Pattern NAME = Pattern.compile("V([0-9]+(?:[._][0-9]+)*)__(\\w+)");
    private static final Pattern REPEATABLE = Pattern.compile("R__\\w+");

    private MigrationScan() {
    }

    public static List<CodeMigration> resolve(ClassLoader loader, List<String> locations) {
        List<CodeMigration> migrations = new ArrayList<>();
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
                migrations.add(CodeMigration.created(version, name.group(2).replace('_', ' '), className,
                        instantiate(loader, className)));
            }
        }
        migrations.sort(Comparator.comparing(CodeMigration::version));
        return List.copyOf(migrations);
    }

    /**
     * The DemeterMigration of class {@code script} (what Flyway's history calls a Java migration), created anew;
     * empty for an SQL script, another kind of class, or one that cannot be loaded or created.
     */
    static Optional<DemeterMigration> instance(ClassLoader loader, String script) {
        if (script == null || script.endsWith(".sql")) {
            return Optional.empty();
        }
        try {
            Class<?> type = Class.forName(script, true, loader);
            if (!DemeterMigration.class.isAssignableFrom(type)) {
                return Optional.empty();
            }
            return Optional.of((DemeterMigration) type.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static DemeterMigration instantiate(ClassLoader loader, String className) {
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw DemeterException.userMistake("Cannot load the migration " + className + ": " + e + ".", e);
        }
        if (!DemeterMigration.class.isAssignableFrom(type)) {
            throw DemeterException.userMistake(className + " is named like a migration but does not extend"
                    + " DemeterMigration, so its SQL cannot be rendered with no database.");
        }
        String problem = instantiationProblem(type);
        if (problem != null) {
            throw DemeterException.userMistake(problem);
        }
        try {
            return (DemeterMigration) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(className + " could be created a moment ago", e);
        }
    }

    /**
     * Classes in the {@code classpath:} locations that Flyway would skip with no more than a warning, so that they
     * would never run: a Java migration whose name is not {@code V<version>__<description>} (nor a repeatable
     * {@code R__<description>}), or one that cannot be created. One sentence each, naming the class; empty when
     * there are none. Other locations are not looked at.
     */
    public static List<String> unusable(ClassLoader loader, List<String> locations) {
        List<String> problems = new ArrayList<>();
        for (String location : locations) {
            if (!location.startsWith("classpath:")) {
                continue;
            }
            String folder = location.substring("classpath:".length()).replaceAll("^/+", "").replaceAll("/+$", "");
            for (String className : classNames(loader, folder)) {
                Class<?> type;
                try {
                    type = Class.forName(className, false, loader);
                } catch (ReflectiveOperationException | LinkageError e) {
                    problems.add(className + " cannot be loaded (" + e + "). Rebuild it, or remove it.");
                    continue;
                }
                if (!JavaMigration.class.isAssignableFrom(type) || type.isInterface()
                        || Modifier.isAbstract(type.getModifiers())) {
                    continue;
                }
                String simple = type.getSimpleName();
                if (!NAME.matcher(simple).matches() && !REPEATABLE.matcher(simple).matches()) {
                    problems.add(className + " is a migration whose name is not V<version>__<description> (two"
                            + " underscores), so Flyway would skip it and it would never run. Rename it, e.g."
                            + " V" + suggestedVersion(simple) + "__" + suggestedDescription(simple) + ".");
                    continue;
                }
                String problem = instantiationProblem(type);
                if (problem != null) {
                    problems.add(problem);
                }
            }
        }
        return problems;
    }

    /** Why {@code type} cannot be created with its public no-argument constructor; null when it can. */
    private static String instantiationProblem(Class<?> type) {
        try {
            type.getDeclaredConstructor().newInstance();
            return null;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            return type.getName() + " cannot be created: its constructor threw " + cause.getClass().getSimpleName()
                    + ": " + cause.getMessage() + ". A migration is created on every scan (status, validate, the"
                    + " checksum): keep its constructor free of configuration and I/O.";
        } catch (ReflectiveOperationException | LinkageError e) {
            return type.getName() + " cannot be created (" + e + "). A migration needs a public no-argument"
                    + " constructor.";
        }
    }

    private static String suggestedVersion(String simpleName) {
        Matcher version = Pattern.compile("^[Vv]?([0-9]+(?:[._][0-9]+)*)").matcher(simpleName);
        return version.find() ? version.group(1) : "<version>";
    }

    private static String suggestedDescription(String simpleName) {
        return simpleName.replaceFirst("^[Vv]?[0-9]+(?:[._][0-9]+)*_*", "");
    }

    /**
     * The top-level classes directly in {@code folder}, sorted; empty when the folder holds anything else Flyway
     * would scan (a subfolder, an SQL file, any other resource), or lies where it cannot be listed (neither a
     * directory nor a jar).
     */
    static Optional<List<String>> onlyClasses(ClassLoader loader, String folder) {
        List<String> names = new ArrayList<>();
        try {
            Listing listing = list(loader, folder);
            if (!listing.complete()) {
                return Optional.empty();
            }
            for (Child child : listing.children()) {
                if (!child.file() || !child.name().endsWith(".class")) {
                    return Optional.empty();
                }
                if (isTopLevelClass(child.name())) {
                    names.add(className(folder, child.name()));
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
        names.sort(null);
        return Optional.of(names);
    }

    /** Top-level classes directly in {@code folder}, from directories and jars alike, sorted. */
    private static TreeSet<String> classNames(ClassLoader loader, String folder) {
        TreeSet<String> names = new TreeSet<>();
        try {
            for (Child child : list(loader, folder).children()) {
                if (child.file() && isTopLevelClass(child.name())) {
                    names.add(className(folder, child.name()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the migrations in " + folder, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot list the migrations in " + folder, e);
        }
        return names;
    }

    /** An entry directly in a folder: its name, and whether it is a file (else a subfolder). */
    private record Child(String name, boolean file) {
    }

    /** What is directly in a folder; not complete when a part of it is neither in a directory nor in a jar. */
    private record Listing(List<Child> children, boolean complete) {
    }

    /** What is directly in {@code folder} in every directory and jar of the class path that has it. */
    private static Listing list(ClassLoader loader, String folder) throws IOException, URISyntaxException {
        List<Child> children = new ArrayList<>();
        boolean complete = true;
        for (URL url : Collections.list(loader.getResources(folder))) {
            if (url.getProtocol().equals("file")) {
                try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                    files.forEach(file -> children.add(new Child(file.getFileName().toString(),
                            Files.isRegularFile(file))));
                }
            } else if (url.getProtocol().equals("jar")) {
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                connection.setUseCaches(false); // a JarFile of our own, closed here; the class loader keeps its own
                try (JarFile jar = connection.getJarFile()) {
                    String prefix = folder + "/";
                    for (JarEntry entry : Collections.list(jar.entries())) {
                        String name = entry.getName();
                        if (name.startsWith(prefix) && name.length() > prefix.length()) {
                            int slash = name.indexOf('/', prefix.length());
                            children.add(slash < 0 ? new Child(name.substring(prefix.length()), true)
                                    : new Child(name.substring(prefix.length(), slash), false));
                        }
                    }
                }
            } else {
                complete = false;
            }
        }
        return new Listing(children, complete);
    }

    private static String className(String folder, String file) {
        return folder.replace('/', '.') + "." + file.substring(0, file.length() - ".class".length());
    }

    private static boolean isTopLevelClass(String file) {
        return file.endsWith(".class") && !file.contains("$");
    }
}
