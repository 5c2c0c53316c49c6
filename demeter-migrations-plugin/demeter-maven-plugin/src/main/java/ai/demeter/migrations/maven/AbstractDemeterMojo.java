package ai.demeter.migrations.maven;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.database.DatabaseProvider;
import ai.demeter.migrations.database.ProviderChoice;
import ai.demeter.migrations.database.Secrets;
import ai.demeter.migrations.engine.ChecksumCache;
import ai.demeter.migrations.engine.Durations;
import ai.demeter.migrations.engine.EngineSettings;
import ai.demeter.migrations.engine.MigrationListener;
import ai.demeter.migrations.sources.MigrationClassLoader;
import ai.demeter.migrations.sources.MigrationClasses;
import ai.demeter.migrations.sources.MigrationCompiler;
import ai.demeter.migrations.sources.MigrationModule;
import java.io.File;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.DependencyResolutionException;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.codehaus.plexus.classworlds.realm.ClassRealm;
import org.eclipse.aether.RepositorySystem;
import org.jooq.Log;
import org.jooq.tools.JooqLogger;

/**
 * The steps every Demeter goal shares: skipping modules that do not own migrations, finding the migrations as
 * their sources are now, and turning Demeter's errors into Maven's. Each goal fills in {@link #run}; goals that
 * talk to a database extend {@link AbstractDatabaseMojo}, goals that start throwaway databases
 * {@link AbstractThrowawayDatabaseMojo} or {@link AbstractCatalogComparisonMojo}.
 */
public abstract class AbstractDemeterMojo extends AbstractMojo {

    /**
     * Flyway locations of the migrations. The module whose classes (or sources) contain the first
     * {@code classpath:} location owns the migrations; the goal skips every other module.
     *
     * @since 0.1.0
     */
    @Parameter(property = "demeter.locations", defaultValue = EngineSettings.DEFAULT_LOCATION)
    protected List<String> locations;

    /** Skips the goal. @since 0.1.0 */
    @Parameter(property = "demeter.skip", defaultValue = "false")
    protected boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    private MojoExecution mojoExecution;

    @Component
    private ProjectDependenciesResolver dependenciesResolver;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    protected PluginDescriptor plugin;

    @Component
    private RepositorySystem repositorySystem;

    /** The entries of the last {@link #migrationClassLoader()}, in order. */
    private List<Path> migrationClasspath = List.of();

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        String skipped = skipReason();
        if (skipped != null) {
            getLog().info("Skipped (" + skipped + ").");
            return;
        }
        if (!ownsMigrations()) {
            getLog().debug("No migrations in " + project.getArtifactId() + "; skipped.");
            return;
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // jOOQ logs at info once per JVM whether it can read the database's version (it cannot, on the connection
        // that renders migrations offline): noise among our own lines. Its warnings still show.
        JooqLogger.globalThreshold(getLog().isDebugEnabled() ? Log.Level.DEBUG : Log.Level.WARN);
        try {
            run();
        } catch (DemeterException e) {
            if (e.isUserMistake()) {
                throw new MojoFailureException(e.getMessage(), e);
            }
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new MojoExecutionException("Unexpected failure: " + Secrets.mask(String.valueOf(e.getMessage()),
                    secret()), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Why the goal is skipped (the property that says so), or null when it runs. */
    protected String skipReason() {
        return skip ? "demeter.skip=true" : null;
    }

    /** A secret to keep out of unexpected error messages, if the goal has one. */
    protected String secret() {
        return null;
    }

    /** The goal's work; runs only in the module that owns the migrations. */
    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    /** Whether this module holds the migrations (as sources, or at least compiled). */
    protected boolean ownsMigrations() throws MojoFailureException {
        if ("pom".equals(project.getPackaging())) {
            return false;
        }
        Optional<String> folder = migrationFolder();
        // Only filesystem locations: the configuration itself says where they are.
        return folder.isEmpty() || MigrationModules.owns(project, folder.get());
    }

    /** The source folder holding the migrations, e.g. {@code src/main/java/db/migration}, if this module has one. */
    protected Optional<Path> migrationSourceFolder() {
        return migrationFolder().flatMap(folder -> MigrationModules.sourceFolder(project, folder));
    }

    /** The Java package of the first classpath location, e.g. {@code db.migration}. */
    protected Optional<String> migrationPackage() {
        return migrationFolder().map(folder -> folder.replaceAll("/+$", "").replace('/', '.'));
    }

    protected Optional<String> migrationFolder() {
        return locations.stream()
                .filter(location -> location.startsWith("classpath:"))
                .map(location -> location.substring("classpath:".length()).replaceAll("^/+", ""))
                .findFirst();
    }

    protected MigrationListener listener() {
        return new MavenLogListener(getLog());
    }

    /** The root of the multi-module project: where {@code .env} and {@code .demeter/} live. */
    protected Path projectRoot() {
        File root = session.getRequest().getMultiModuleProjectDirectory();
        if (root == null) {
            root = session.getTopLevelProject() != null ? session.getTopLevelProject().getBasedir() : project.getBasedir();
        }
        return root.toPath();
    }

    /**
     * A class loader that sees this module's migrations as their sources are now (compiled first when the build's
     * classes are older) and its runtime dependencies, with the plugin's own loader (Demeter's API, Flyway, jOOQ) as
     * parent, so migrations and engine share those classes. It becomes the thread's context loader until the goal
     * ends.
     */
    protected URLClassLoader migrationClassLoader() throws MojoExecutionException {
        Path output = Path.of(project.getBuild().getOutputDirectory());
        ModuleClasspath.Paths paths = moduleClasspath();
        List<Path> compile = paths.compile();
        List<Path> runtime = paths.runtime();
        MigrationClasses classes = currentMigrations(MigrationModules.of(project, migrationFolder(), compile));
        List<Path> classpath = new ArrayList<>(classes.classpath());
        runtime.stream().filter(entry -> !entry.equals(output)).forEach(classpath::add);
        migrationClasspath = List.copyOf(classpath);
        URLClassLoader loader = new MigrationClassLoader(classpath, getClass().getClassLoader(), List.of());
        Thread.currentThread().setContextClassLoader(loader);
        return loader;
    }

    /**
     * Where throwaway databases come from ({@code demeter.provider}, {@code demeter.dockerImage}); unless the
     * provider is {@code local}, with Testcontainers added to the plugin's class path for a database in Docker
     * ({@link DockerSupport}). Here, with the Maven components it needs, because two bases that declare those
     * parameters use it.
     */
    final Supplier<DatabaseProvider> throwawayDatabases(String provider, String dockerImage)
            throws MojoExecutionException {
        ProviderChoice choice = ProviderChoice.parse(provider);
        if (choice != ProviderChoice.LOCAL && getClass().getClassLoader() instanceof ClassRealm realm) {
            DockerSupport.addTo(realm, repositorySystem, session.getRepositorySession(),
                    project.getRemotePluginRepositories(), plugin.getArtifacts(), getLog());
        }
        return () -> choice.select(System.getenv(), dockerImage);
    }

    /**
     * The module's compile and runtime class paths: as Maven resolved them for a goal that declares dependency
     * resolution, otherwise from {@link ModuleClasspath}, which resolves them only when its record no longer holds.
     */
    private ModuleClasspath.Paths moduleClasspath() throws MojoExecutionException {
        if (mojoExecution.getMojoDescriptor().getDependencyResolutionRequired() != null) {
            try {
                return new ModuleClasspath.Paths(paths(project.getCompileClasspathElements()),
                        paths(project.getRuntimeClasspathElements()));
            } catch (DependencyResolutionRequiredException e) {
                throw new MojoExecutionException("Cannot build the classpath of " + project.getArtifactId(), e);
            }
        }
        try {
            return ModuleClasspath.of(project, session, dependenciesResolver, getLog());
        } catch (DependencyResolutionException e) {
            throw new MojoExecutionException("Cannot resolve the dependencies of " + project.getArtifactId() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Where the migrations' checksums are kept between goals ({@code target/demeter/checksums.txt}), valid for the
     * class path of the last {@link #migrationClassLoader()}: an unchanged module then renders no migration.
     */
    protected ChecksumCache checksumCache() {
        return ChecksumCache.in(Path.of(project.getBuild().getDirectory(), "demeter", "checksums.txt"),
                migrationClasspath);
    }

    /** The module's migrations compiled from their sources as they are now, with a line saying how. */
    protected MigrationClasses currentMigrations(MigrationModule module) {
        MigrationClasses classes = MigrationCompiler.current(module);
        if (classes.origin() instanceof MigrationClasses.Compiled compiled) {
            getLog().info("Compiled the " + compiled.sources() + " sources of " + module.name() + " in "
                    + Durations.format(compiled.duration()) + " (" + compiled.reason() + "); running them as they"
                    + " are now.");
        } else if (classes.origin() instanceof MigrationClasses.Reused) {
            getLog().info("Running the migrations of " + module.name() + " as compiled from their current sources"
                    + " into " + projectRoot().relativize(classes.directory()) + " (the build's classes are older).");
        } else {
            getLog().debug("Migrations of " + module.name() + ": " + classes.directory() + " (current)");
        }
        return classes;
    }

    private static List<Path> paths(List<String> elements) {
        return elements.stream().map(Path::of).toList();
    }

    /**
     * A property read here rather than injected, for values that may carry credentials: Maven prints every goal
     * parameter at debug level ({@code -X}), but not properties a goal reads itself. The command line's {@code -D},
     * then system properties, then the POM's.
     */
    protected String property(String name) {
        for (Properties properties : List.of(session.getUserProperties(), session.getSystemProperties(),
                project.getProperties())) {
            String value = properties.getProperty(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
