package ai.demeter.migrations.maven;

import ai.demeter.migrations.codegen.CodeGeneration;
import ai.demeter.migrations.codegen.CodegenDefaults;
import ai.demeter.migrations.codegen.CodegenOutcome;
import ai.demeter.migrations.codegen.CodegenSettings;
import ai.demeter.migrations.database.DatabaseProvider;
import ai.demeter.migrations.engine.Durations;
import ai.demeter.migrations.engine.MigrateOutcome;
import ai.demeter.migrations.sources.MigrationClassLoader;
import ai.demeter.migrations.sources.MigrationClasses;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.jooq.meta.jaxb.Generator;

/**
 * Generates jOOQ classes from the schema the migrations produce: starts a throwaway PostgreSQL + PostGIS database,
 * migrates it to head, runs jOOQ's generator on it, discards it, and adds the output as a compile source root.
 * When the migrations, the generator configuration and the tool versions are those of the last run and its
 * output is there, it does nothing and starts no database.
 * <p>
 * Runs in the module that uses the generated code. The migrations come from the plugin's own dependencies: list
 * the module holding them (e.g. {@code demeter-schema}) under this plugin's {@code <dependencies>}, which also
 * makes the reactor build it first. When that module is part of this multi-module project, its sources as they
 * are now are used (compiled first when its classes are older), never the copy Maven resolved from the local
 * repository; otherwise (a released artifact) the dependency itself.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES,
        requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class GenerateMojo extends AbstractThrowawayDatabaseMojo {

    /**
     * jOOQ's own {@code <generator>} configuration (the same XML as in jooq-codegen-maven), passed to jOOQ as
     * written. Demeter fills in only what it leaves out: {@code PostgresDatabase}, input schema {@code public},
     * PostGIS and history tables excluded, no routines, UDTs or table-valued functions, {@code geometry} mapped to
     * JTS, and the target package and directory from {@link #packageName} and {@link #outputDirectory}.
     * Anything written here wins over those defaults. See docs/codegen.md.
     *
     * @since 0.1.0
     */
    @Parameter
    private Generator generator;

    /**
     * Java package of the generated classes, unless {@code <generator><target><packageName>} says otherwise.
     *
     * @since 0.1.0
     */
    @Parameter(property = "demeter.generate.packageName", defaultValue = "ai.demeter.app.db")
    private String packageName;

    /**
     * Source root the classes are generated into, added to the module's compile sources. Only the generated
     * package inside it is replaced on regeneration. Overridden by {@code <generator><target><directory>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "demeter.generate.outputDirectory",
            defaultValue = "${project.build.directory}/generated-sources/jooq")
    private File outputDirectory;

    /**
     * Regenerate even when the inputs are unchanged (the fingerprint beside the output matches). Use it when
     * something the fingerprint cannot see changed, such as the PostgreSQL or PostGIS version on this machine.
     *
     * @since 0.1.0
     */
    @Parameter(property = "demeter.generate.force", defaultValue = "false")
    private boolean force;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    private MojoExecution mojoExecution;

    /** The project's own migrations as compiled now, and their outdated copy in the plugin's class loader. */
    private record ReactorMigrations(MigrationClasses current, List<Path> outdated) {
    }

    /** Runs in the consuming module: the migrations are on the plugin's class path, not in this module. */
    @Override
    protected boolean ownsMigrations() {
        return true;
    }

    @Override
    protected void run(Supplier<DatabaseProvider> throwaways) throws MojoExecutionException, MojoFailureException {
        Optional<ReactorMigrations> reactor = reactorMigrations();
        List<Path> module = reactor.map(found -> found.current().classpath()).orElse(List.of());
        try (MigrationClassLoader migrations = new MigrationClassLoader(module, getClass().getClassLoader(),
                reactor.map(ReactorMigrations::outdated).orElse(List.of()))) {
            CodegenSettings settings = new CodegenSettings(throwaways, migrations, module, locations, generator,
                    explicitGeneratorPaths(),
                    new CodegenDefaults(packageName, outputDirectory.toPath(), project.getBasedir().toPath()),
                    plugin.getVersion(), force, getLog().isDebugEnabled());
            generate(settings);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot close the migration class loader", e);
        }
    }

    /**
     * The migrations as their sources are now, when the module holding them is part of this project; the copy of
     * them in the plugin's own class loader (resolved from the local repository, or an older build's output) is
     * then hidden. Empty when the migrations come from a released artifact, which is used as it is.
     */
    private Optional<ReactorMigrations> reactorMigrations() {
        Optional<String> folder = migrationFolder();
        for (Artifact artifact : plugin.getArtifacts()) {
            Optional<MavenProject> owner = folder.flatMap(name -> reactorProject(artifact)
                    .filter(candidate -> MigrationModules.owns(candidate, name)));
            if (owner.isPresent()) {
                // What the plugin's class loader holds is what the migrations compile against.
                List<Path> classpath = new ArrayList<>();
                classpath.add(plugin.getPluginArtifact().getFile().toPath());
                plugin.getArtifacts().stream().filter(other -> other != artifact && other.getFile() != null)
                        .map(other -> other.getFile().toPath()).filter(path -> !classpath.contains(path))
                        .forEach(classpath::add);
                List<Path> outdated = artifact.getFile() == null ? List.of() : List.of(artifact.getFile().toPath());
                return Optional.of(new ReactorMigrations(
                        currentMigrations(MigrationModules.of(owner.get(), folder, classpath)), outdated));
            }
        }
        getLog().debug("Migrations: the plugin's dependencies as resolved (none is a module of this project)");
        return Optional.empty();
    }

    private Optional<MavenProject> reactorProject(Artifact artifact) {
        return session.getAllProjects().stream()
                .filter(candidate -> candidate.getGroupId().equals(artifact.getGroupId())
                        && candidate.getArtifactId().equals(artifact.getArtifactId())
                        && candidate.getVersion().equals(artifact.getBaseVersion()))
                .findFirst();
    }

    private void generate(CodegenSettings settings) {
        long started = System.nanoTime();
        CodegenOutcome outcome = new CodeGeneration(settings, listener()).run();
        java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - started);
        project.addCompileSourceRoot(outcome.outputDirectory().toString());
        if (outcome instanceof CodegenOutcome.UpToDate) {
            getLog().info("jOOQ classes are up to date (fingerprint " + outcome.fingerprint().substring(0, 12)
                    + ", checked in " + Durations.format(took) + "); no database started. Regenerate with"
                    + " -Ddemeter.generate.force=true.");
        } else if (outcome instanceof CodegenOutcome.Generated generated) {
            MigrateOutcome migrate = generated.migrate();
            getLog().info("Throwaway database: " + generated.provider() + ", started in "
                    + Durations.format(generated.database()));
            getLog().info("Applied " + migrate.applied() + (migrate.applied() == 1 ? " migration" : " migrations")
                    + " in " + Durations.format(migrate.duration()) + "; the database is at version "
                    + migrate.toVersion() + ".");
            getLog().info("Generated " + generated.files() + " files in " + Durations.format(generated.generation())
                    + " into " + project.getBasedir().toPath().relativize(generated.outputDirectory()) + ".");
        }
    }

    /** The settings written under {@code <generator>} in the POM, as paths such as {@code database/includeRoutines}. */
    private Set<String> explicitGeneratorPaths() {
        Set<String> paths = new LinkedHashSet<>();
        Xpp3Dom configuration = mojoExecution.getConfiguration();
        Xpp3Dom element = configuration == null ? null : configuration.getChild("generator");
        if (element != null) {
            collect(element, "", paths);
        }
        return paths;
    }

    private static void collect(Xpp3Dom element, String prefix, Set<String> paths) {
        for (Xpp3Dom child : element.getChildren()) {
            String path = prefix + child.getName();
            paths.add(path);
            collect(child, path + "/", paths);
        }
    }
}
