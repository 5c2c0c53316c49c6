package ai.demeter.migrations.maven;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.database.ConnectionSources;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.database.DotEnv;
import ai.demeter.migrations.database.EmbeddedDevDatabase;
import ai.demeter.migrations.database.Secrets;
import ai.demeter.migrations.database.TargetResolver;
import ai.demeter.migrations.engine.EngineSettings;
import ai.demeter.migrations.engine.MigrationListener;
import ai.demeter.migrations.engine.MigrationEngine;
import ai.demeter.migrations.engine.Durations;
import ai.demeter.migrations.sources.MigrationClassLoader;
import ai.demeter.migrations.sources.MigrationClasses;
import ai.demeter.migrations.sources.MigrationCompiler;
import ai.demeter.migrations.sources.MigrationModule;
import java.io.File;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * The steps every Demeter goal shares: skipping modules that do not own migrations, resolving the database,
 * loading the migration classes, and turning Demeter's errors into Maven's. Each goal fills in {@link #run}.
 */
public abstract class AbstractDemeterMojo extends AbstractMojo {

    /**
     * JDBC URL of the database to work on, e.g. {@code jdbc:postgresql://db.example.com:5432/demeterai}. When no URL
     * is set here, in {@code DEMETER_DB_URL} or in {@code DATABASE_URL_SYNC} (environment or {@code .env}), goals use
     * the embedded dev database under {@code .demeter/}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "demeter.url")
    protected String url;

    /** Database user; default {@code postgres}, or the user in the URL. @since 0.1.0 */
    @Parameter(property = "demeter.user")
    protected String user;

    /**
     * Database password. Prefer {@link #serverId} (a {@code settings.xml} server, encryptable) over a password on
     * the command line or in the POM. Never printed.
     *
     * @since 0.1.0
     */
    @Parameter(property = "demeter.password")
    protected String password;

    /**
     * Id of a {@code <server>} in {@code settings.xml} whose username and password (decrypted the Maven way) are
     * the credentials. Cannot be combined with {@code demeter.user}/{@code demeter.password}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "demeter.serverId")
    protected String serverId;

    /** Port of the embedded dev database; change it when 15432 is taken on your machine. @since 0.1.0 */
    @Parameter(property = "demeter.embeddedPort", defaultValue = "" + EmbeddedDevDatabase.DEFAULT_PORT)
    protected int embeddedPort;

    /**
     * Flyway locations of the migrations. The module whose classes (or sources) contain the first
     * {@code classpath:} location owns the migrations; the goal skips every other module.
     *
     * @since 0.1.0
     */
    @Parameter(property = "demeter.locations", defaultValue = EngineSettings.DEFAULT_LOCATION)
    protected List<String> locations;

    /** Schema of Flyway's history table. @since 0.1.0 */
    @Parameter(property = "demeter.schema", defaultValue = EngineSettings.DEFAULT_SCHEMA)
    protected String schema;

    /** Flyway's history table; change only for a database that already keeps its history elsewhere. @since 0.1.0 */
    @Parameter(property = "demeter.table", defaultValue = EngineSettings.DEFAULT_HISTORY_TABLE)
    protected String table;

    /** Skips the goal. @since 0.1.0 */
    @Parameter(property = "demeter.skip", defaultValue = "false")
    protected boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Component
    private SettingsDecrypter settingsDecrypter;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipped (demeter.skip=true).");
            return;
        }
        if (!ownsMigrations()) {
            getLog().debug("No migrations in " + project.getArtifactId() + "; skipped.");
            return;
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try {
            run();
        } catch (DemeterException e) {
            if (e.isUserMistake()) {
                throw new MojoFailureException(e.getMessage(), e);
            }
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new MojoExecutionException("Unexpected failure: " + Secrets.mask(String.valueOf(e.getMessage()),
                    password), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
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

    /** The configured database, or the embedded dev database (started if needed) when none is configured. */
    protected DatabaseTarget database() throws MojoFailureException {
        Optional<DatabaseTarget> configured = TargetResolver.resolve(connectionSources());
        if (configured.isPresent()) {
            getLog().info("Database: " + configured.get().describe());
            return configured.get();
        }
        EmbeddedDevDatabase embedded = embeddedDatabase();
        EmbeddedDevDatabase.Running running = embedded.ensureRunning();
        String what = switch (running.startup()) {
            case CREATED -> "created and started";
            case STARTED -> "started";
            case ALREADY_RUNNING -> "running";
        };
        getLog().info("Database: embedded dev database (" + what + ", data in " + projectRoot().relativize(embedded.directory())
                + "; stop it with ./mvnw demeter:stop). Connect: " + embedded.psqlCommand());
        return running.target();
    }

    protected EmbeddedDevDatabase embeddedDatabase() {
        return EmbeddedDevDatabase.at(projectRoot(), embeddedPort, System.getenv());
    }

    private ConnectionSources connectionSources() throws MojoFailureException {
        String serverUser = null;
        String serverPassword = null;
        if (serverId != null) {
            Server server = session.getSettings().getServer(serverId);
            if (server == null) {
                throw new MojoFailureException("demeter.serverId=" + serverId + ", but settings.xml has no <server> with"
                        + " that id. Add one with <username> and <password>, or fix the id.");
            }
            SettingsDecryptionResult decrypted = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
            for (SettingsProblem problem : decrypted.getProblems()) {
                if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                    throw new MojoFailureException("Cannot decrypt the password of server " + serverId
                            + " in settings.xml: " + problem.getMessage() + ". Check settings-security.xml.");
                }
            }
            serverUser = decrypted.getServer().getUsername();
            serverPassword = decrypted.getServer().getPassword();
        }
        return new ConnectionSources(url, user, password, serverId, serverUser, serverPassword, System.getenv(),
                DotEnv.read(projectRoot().resolve(".env")));
    }

    /** A goal's work with the engine. */
    protected interface EngineWork {
        void run(MigrationEngine engine) throws MojoFailureException;
    }

    /** Runs {@code work} with an engine on the resolved database and this module's migrations. */
    protected void withEngine(EngineWork work) throws MojoExecutionException, MojoFailureException {
        try (URLClassLoader migrations = migrationClassLoader()) {
            EngineSettings settings = new EngineSettings(database(), migrations, locations, schema, table);
            work.run(new MigrationEngine(settings, listener()));
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot close the migration class loader", e);
        }
    }

    /**
     * A class loader that sees this module's migrations as their sources are now (compiled first when the build's
     * classes are older) and its runtime dependencies, with the plugin's own loader (Demeter's API, Flyway, jOOQ) as
     * parent, so migrations and engine share those classes. It becomes the thread's context loader until the goal
     * ends.
     */
    private URLClassLoader migrationClassLoader() throws MojoExecutionException {
        Path output = Path.of(project.getBuild().getOutputDirectory());
        List<Path> compile;
        List<Path> runtime;
        try {
            compile = paths(project.getCompileClasspathElements());
            runtime = paths(project.getRuntimeClasspathElements());
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("Cannot build the classpath of " + project.getArtifactId(), e);
        }
        MigrationClasses classes = currentMigrations(MigrationModules.of(project, migrationFolder(), compile));
        List<Path> classpath = new ArrayList<>(classes.classpath());
        runtime.stream().filter(entry -> !entry.equals(output)).forEach(classpath::add);
        URLClassLoader loader = new MigrationClassLoader(classpath, getClass().getClassLoader(), List.of());
        Thread.currentThread().setContextClassLoader(loader);
        return loader;
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
}
