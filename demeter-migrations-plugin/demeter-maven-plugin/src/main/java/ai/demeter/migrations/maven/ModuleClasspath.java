package ai.demeter.migrations.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Exclusion;
import org.apache.maven.model.Profile;
import org.apache.maven.project.DefaultDependencyResolutionRequest;
import org.apache.maven.project.DependencyResolutionException;
import org.apache.maven.project.DependencyResolutionResult;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectDependenciesResolver;

/**
 * The class path a module's migrations run with: its build output, then its compile and runtime dependencies, as
 * Maven resolves them for a goal that declares {@code requiresDependencyResolution = COMPILE_PLUS_RUNTIME}, but
 * resolved only when the record of the last resolution ({@code target/demeter/classpath.txt}) no longer holds.
 * <p>
 * Why: before any goal that declares resolution, Maven collects the module's whole dependency graph, test
 * dependencies included (56 nodes for demeter-schema), reading every POM in it; in a goal with nothing to do that
 * was the largest part of its time. The record holds while everything the resolution depends on is unchanged: the
 * module's effective dependencies, dependency management and active profiles, the dependencies of every project in
 * the build, the JDK and the local repository (its key, kept verbatim), and the size and time of every jar resolved
 * last time and of the POM beside it (a reinstalled snapshot changes both). Anything else resolves again, with
 * Maven's own resolver, and rewrites the record.
 */
final class ModuleClasspath {
    private static final String HEADER = "# Demeter: the class path of this module's migrations as Maven last resolved it;"
            + " resolved again when a key line or a file below changes.";

    private static final String END = "end";

    /** Compile and runtime class paths, each starting with the module's build output. */
    record Paths(List<Path> compile, List<Path> runtime) {
    }

    private ModuleClasspath() {
    }

    /** The module's class paths: from the record when it holds, else resolved now (and recorded). */
    static Paths of(MavenProject project, MavenSession session, ProjectDependenciesResolver resolver,
            org.apache.maven.plugin.logging.Log log) throws DependencyResolutionException {
        Path output = Path.of(project.getBuild().getOutputDirectory());
        Path file = Path.of(project.getBuild().getDirectory(), "demeter", "classpath.txt");
        List<String> key = key(project, session.getProjects(),
                session.getRepositorySession().getLocalRepository().getBasedir().toPath());
        Optional<Record> recorded = Record.read(file).filter(record -> record.holdsFor(key));
        if (recorded.isPresent()) {
            log.debug("Class path of " + project.getArtifactId() + " as resolved before (" + file + ")");
            return recorded.get().paths(output);
        }
        long started = System.nanoTime();
        DefaultDependencyResolutionRequest request = new DefaultDependencyResolutionRequest(project,
                session.getRepositorySession());
        request.setResolutionFilter((node, parents) -> node.getDependency() == null
                || !"test".equals(node.getDependency().getScope()));
        DependencyResolutionResult result = resolver.resolve(request);
        List<Path> compile = new ArrayList<>();
        List<Path> runtime = new ArrayList<>();
        for (org.eclipse.aether.graph.Dependency dependency : result.getDependencies()) {
            if (dependency.getArtifact().getFile() == null) {
                continue;
            }
            Path entry = dependency.getArtifact().getFile().toPath();
            String scope = dependency.getScope();
            if (Set.of("compile", "provided", "system").contains(scope)) {
                compile.add(entry);
            }
            if (Set.of("compile", "runtime").contains(scope)) {
                runtime.add(entry);
            }
        }
        Record record = new Record(key, compile, runtime);
        log.debug("Resolved the class path of " + project.getArtifactId() + " in "
                + (System.nanoTime() - started) / 1_000_000 + " ms; recorded in " + file);
        record.write(file);
        return record.paths(output);
    }

    /** What the resolution depends on, one line each, kept verbatim in the record. */
    static List<String> key(MavenProject project, List<MavenProject> build, Path localRepository) {
        List<String> key = new ArrayList<>();
        key.add("java " + System.getProperty("java.version"));
        key.add("repository " + localRepository);
        key.add("module " + project.getId());
        key.add("profiles " + project.getActiveProfiles().stream().map(Profile::getId).toList());
        project.getDependencies().forEach(dependency -> key.add("dependency " + describe(dependency)));
        if (project.getDependencyManagement() != null) {
            project.getDependencyManagement().getDependencies()
                    .forEach(dependency -> key.add("managed " + describe(dependency)));
        }
        for (MavenProject other : build) {
            key.add("build " + other.getId() + " " + other.getBasedir());
            other.getDependencies().forEach(dependency -> key.add("build dependency " + describe(dependency)));
        }
        return key;
    }

    private static String describe(Dependency dependency) {
        return dependency.getManagementKey() + ":" + dependency.getVersion() + ":" + dependency.getScope() + ":"
                + dependency.isOptional() + ":" + dependency.getSystemPath() + " excluding "
                + dependency.getExclusions().stream().map(ModuleClasspath::describe).toList();
    }

    private static String describe(Exclusion exclusion) {
        return exclusion.getGroupId() + ":" + exclusion.getArtifactId();
    }

    /** The record file: its key lines, the entries of both class paths, and the state of every file behind them. */
    record Record(List<String> key, List<Path> compile, List<Path> runtime) {

        Paths paths(Path output) {
            List<Path> compilePath = new ArrayList<>(List.of(output));
            compilePath.addAll(compile);
            List<Path> runtimePath = new ArrayList<>(List.of(output));
            runtimePath.addAll(runtime);
            return new Paths(List.copyOf(compilePath), List.copyOf(runtimePath));
        }

        /** Whether nothing the resolution depended on changed since it was recorded. */
        boolean holdsFor(List<String> currentKey) {
            return key.equals(currentKey);
        }

        /** Reads {@code file}; empty when there is none, or when a file it names changed or is gone. */
        static Optional<Record> read(Path file) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return Optional.empty();
            }
            if (lines.size() < 2 || !lines.get(0).equals(HEADER) || !lines.get(lines.size() - 1).equals(END)) {
                return Optional.empty();
            }
            List<String> key = new ArrayList<>();
            List<Path> compile = new ArrayList<>();
            List<Path> runtime = new ArrayList<>();
            for (String line : lines.subList(1, lines.size() - 1)) {
                int space = line.indexOf(' ');
                String kind = space < 0 ? line : line.substring(0, space);
                String rest = space < 0 ? "" : line.substring(space + 1);
                switch (kind) {
                    case "key" -> key.add(rest);
                    case "compile" -> compile.add(Path.of(rest));
                    case "runtime" -> runtime.add(Path.of(rest));
                    case "state" -> {
                        int split = rest.lastIndexOf(' ');
                        if (split < 0 || !rest.substring(split + 1).equals(state(Path.of(rest.substring(0, split))))) {
                            return Optional.empty();
                        }
                    }
                    default -> {
                        return Optional.empty();
                    }
                }
            }
            return Optional.of(new Record(key, compile, runtime));
        }

        /** Writes the record; a failure to write only means resolving again next time. */
        void write(Path file) {
            List<String> lines = new ArrayList<>(List.of(HEADER));
            key.forEach(line -> lines.add("key " + line));
            compile.forEach(entry -> lines.add("compile " + entry));
            runtime.forEach(entry -> lines.add("runtime " + entry));
            Set<Path> entries = new LinkedHashSet<>(compile);
            entries.addAll(runtime);
            for (Path entry : entries) {
                lines.add("state " + entry + " " + state(entry));
                Path pom = besidePom(entry);
                if (pom != null) {
                    lines.add("state " + pom + " " + state(pom));
                }
            }
            lines.add(END);
            Path written = null;
            try {
                // Whole or not at all: a goal in another process may read it at the same moment.
                Files.createDirectories(file.getParent());
                written = Files.createTempFile(file.getParent(), "classpath", ".tmp");
                Files.write(written, lines, StandardCharsets.UTF_8);
                Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // next time resolves again; no half-written file left behind
                if (written != null) {
                    try {
                        Files.deleteIfExists(written);
                    } catch (IOException ignored) {
                        // target/ is the build's to clean
                    }
                }
            }
        }

        /** The POM a repository jar was installed with ({@code x-1.0.jar} beside {@code x-1.0.pom}), if any. */
        private static Path besidePom(Path entry) {
            String name = entry.getFileName().toString();
            if (!name.endsWith(".jar")) {
                return null;
            }
            Path pom = entry.resolveSibling(name.substring(0, name.length() - ".jar".length()) + ".pom");
            return Files.isRegularFile(pom) ? pom : null;
        }

        /** A file's size and modification time, "directory" for a folder (its classes are fingerprinted elsewhere). */
        static String state(Path entry) {
            try {
                if (Files.isDirectory(entry)) {
                    return "directory";
                }
                return Files.size(entry) + "/" + Files.getLastModifiedTime(entry).toMillis();
            } catch (IOException e) {
                return "absent";
            }
        }
    }
}
