package ai.demeter.migrations.sources;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.internal.Digests;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Makes sure a goal runs the migrations as their sources are now. The build's output is used while it is
 * current (every source has a class at least as new, and no migration class outlived its source); otherwise the
 * sources are compiled with the JDK's compiler into a directory of Demeter's own, which is reused for as long as
 * the sources and class path stay byte for byte the same. There is no fallback to older classes: sources that do
 * not compile fail the goal with the compiler's messages.
 */
public final class MigrationCompiler {
    private static final String STAMP = ".demeter-sources";

    private MigrationCompiler() {
    }

    public static MigrationClasses current(MigrationModule module) {
        Map<String, Path> sources = sources(module.sourceRoots());
        if (sources.isEmpty()) {
            return new MigrationClasses(module.classesDirectory(), List.of(), new MigrationClasses.BuildOutput());
        }
        Optional<String> outdated = outdated(module, sources);
        if (outdated.isEmpty()) {
            return new MigrationClasses(module.classesDirectory(), List.of(), new MigrationClasses.BuildOutput());
        }
        String stamp = stamp(module, sources);
        Path stampFile = module.workDirectory().resolve(STAMP);
        if (stamp.equals(read(stampFile))) {
            return new MigrationClasses(module.workDirectory(), existing(module.resourceRoots()),
                    new MigrationClasses.Reused());
        }
        long started = System.nanoTime();
        compile(module, sources.values());
        write(stampFile, stamp);
        return new MigrationClasses(module.workDirectory(), existing(module.resourceRoots()),
                new MigrationClasses.Compiled(sources.size(), Duration.ofNanos(System.nanoTime() - started),
                        outdated.get()));
    }

    /** Java sources by path relative to their root; {@code package-info} and {@code module-info} have no class. */
    static Map<String, Path> sources(List<Path> roots) {
        Map<String, Path> sources = new TreeMap<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(file -> file.toString().endsWith(".java") && Files.isRegularFile(file))
                        .filter(file -> !file.getFileName().toString().matches("(package|module)-info\\.java"))
                        .forEach(file -> sources.putIfAbsent(relative(root, file), file));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list the sources under " + root, e);
            }
        }
        return sources;
    }

    /** Why the build's output cannot be used, or empty when it is current. */
    static Optional<String> outdated(MigrationModule module, Map<String, Path> sources) {
        Path classes = module.classesDirectory();
        if (!Files.isDirectory(classes)) {
            return Optional.of("the module is not compiled yet");
        }
        for (Map.Entry<String, Path> source : sources.entrySet()) {
            Path compiled = classes.resolve(source.getKey().replaceAll("\\.java$", ".class"));
            if (!Files.isRegularFile(compiled)) {
                return Optional.of(source.getKey() + " is not compiled yet");
            }
            if (modified(compiled).compareTo(modified(source.getValue())) < 0) {
                return Optional.of(source.getKey() + " changed since it was compiled");
            }
        }
        return module.migrationFolder()
                .flatMap(folder -> classesWithoutSource(classes, classes.resolve(folder), sources).stream().findFirst())
                .map(orphan -> orphan + " has no source any more");
    }

    private static List<String> classesWithoutSource(Path classes, Path folder, Map<String, Path> sources) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(file -> file.toString().endsWith(".class"))
                    .map(file -> relative(classes, file))
                    .filter(name -> !sources.containsKey(name.replaceAll("(\\$[^/]*)?\\.class$", ".java")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the classes under " + folder, e);
        }
    }

    /**
     * What the compiled classes depend on: the compiler settings and every source's path and bytes. Not the class
     * path, which differs between the module's own goals and code generation in another module while the classes
     * compiled against it are the same.
     */
    private static String stamp(MigrationModule module, Map<String, Path> sources) {
        MessageDigest digest = Digests.sha256();
        Digests.addLine(digest, "java " + Runtime.version().feature() + " release " + module.release().orElse("default")
                + " encoding " + module.encoding().name());
        for (Map.Entry<String, Path> source : sources.entrySet()) {
            Digests.addLine(digest, "source " + source.getKey());
            try {
                digest.update(Files.readAllBytes(source.getValue()));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + source.getValue(), e);
            }
        }
        return Digests.hex(digest);
    }

    private static void compile(MigrationModule module, java.util.Collection<Path> sources) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw DemeterException.userMistake("The migrations of " + module.name() + " changed since they were"
                    + " compiled, and this Java runtime (" + System.getProperty("java.home") + ") has no compiler to"
                    + " compile them. Run Maven with a JDK, or compile the module first (./mvnw process-classes).");
        }
        Path output = module.workDirectory();
        deleteRecursively(output);
        List<String> options = new ArrayList<>(List.of("-d", output.toString(), "-encoding", module.encoding().name(),
                "-proc:none", "-implicit:none", "-nowarn", "-Xlint:none", "-g",
                "-classpath", module.classpath().stream().map(Path::toString)
                        .collect(Collectors.joining(java.io.File.pathSeparator))));
        module.release().ifPresent(release -> options.addAll(List.of("--release", release)));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter out = new StringWriter();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                module.encoding())) {
            Files.createDirectories(output);
            boolean compiled = compiler.getTask(out, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            if (!compiled) {
                deleteRecursively(output);
                throw DemeterException.userMistake("The migrations of " + module.name() + " do not compile, so they"
                        + " were not run and nothing was changed:\n" + errors(diagnostics, out)
                        + "\nFix the source and run the goal again.");
            }
        } catch (IOException e) {
            throw DemeterException.fault("Cannot compile the migrations of " + module.name() + " into " + output
                    + ": " + e.getMessage(), e);
        }
    }

    private static String errors(DiagnosticCollector<JavaFileObject> diagnostics, StringWriter out) {
        String errors = diagnostics.getDiagnostics().stream()
                .filter(diagnostic -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
                .map(diagnostic -> "  " + (diagnostic.getSource() == null ? ""
                        : Path.of(diagnostic.getSource().toUri()) + ":" + diagnostic.getLineNumber() + ": ")
                        + diagnostic.getMessage(Locale.ROOT))
                .collect(Collectors.joining("\n"));
        return errors.isEmpty() ? out.toString().strip() : errors;
    }

    private static List<Path> existing(List<Path> folders) {
        return folders.stream().filter(Files::isDirectory).toList();
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the time of " + file, e);
        }
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + directory, e);
        }
    }


}
