package ai.demeter.migrations.maven;

import ai.demeter.migrations.sources.MigrationModule;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.model.Resource;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/** What Maven's model says about the module that owns the migrations: its sources, output and settings. */
final class MigrationModules {
    private static final String COMPILER = "org.apache.maven.plugins:maven-compiler-plugin";

    private MigrationModules() {
    }

    /**
     * @param folder    the migrations' folder on the class path ({@code db/migration}), if they are on the class path
     * @param classpath what the sources compile against
     */
    static MigrationModule of(MavenProject project, Optional<String> folder, List<Path> classpath) {
        String release = project.getProperties().getProperty("maven.compiler.release");
        String encoding = project.getProperties().getProperty("project.build.sourceEncoding", "UTF-8");
        List<Path> resources = project.getResources().stream().map(Resource::getDirectory).map(Path::of).toList();
        return new MigrationModule(project.getArtifactId(), sourceRoots(project), resources,
                Path.of(project.getBuild().getOutputDirectory()),
                Path.of(project.getBuild().getDirectory(), "demeter", "classes"), classpath, folder,
                Optional.ofNullable(release).filter(value -> !value.isBlank()), Charset.forName(encoding));
    }

    /** Whether the project holds the migrations: as sources, or at least as compiled classes. */
    static boolean owns(MavenProject project, String folder) {
        return sourceFolder(project, folder).isPresent()
                || Files.isDirectory(Path.of(project.getBuild().getOutputDirectory(), folder));
    }

    /** The first source root holding {@code folder}, e.g. {@code src/main/java/db/migration}. */
    static Optional<Path> sourceFolder(MavenProject project, String folder) {
        return sourceRoots(project).stream()
                .map(root -> root.resolve(folder))
                .filter(Files::isDirectory)
                .findFirst();
    }

    /**
     * The source roots the compiler plugin compiles: its {@code compileSourceRoots} when configured (they replace
     * the project's), else the project's.
     */
    static List<Path> sourceRoots(MavenProject project) {
        List<Path> roots = new ArrayList<>();
        Plugin compiler = project.getPlugin(COMPILER);
        Xpp3Dom configured = compiler == null ? null : configuredRoots(compiler);
        if (configured != null) {
            for (Xpp3Dom root : configured.getChildren()) {
                Path path = Path.of(root.getValue().strip());
                roots.add(path.isAbsolute() ? path : project.getBasedir().toPath().resolve(path));
            }
        }
        if (roots.isEmpty()) {
            project.getCompileSourceRoots().stream().map(Path::of).forEach(roots::add);
        }
        return roots;
    }

    private static Xpp3Dom configuredRoots(Plugin compiler) {
        for (PluginExecution execution : compiler.getExecutions()) {
            if ("default-compile".equals(execution.getId())) {
                Xpp3Dom roots = child(execution.getConfiguration());
                if (roots != null) {
                    return roots;
                }
            }
        }
        return child(compiler.getConfiguration());
    }

    private static Xpp3Dom child(Object configuration) {
        return configuration instanceof Xpp3Dom dom ? dom.getChild("compileSourceRoots") : null;
    }
}
