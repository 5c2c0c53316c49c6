package ai.demeter.migrations.maven;

import ai.demeter.migrations.api.StatementLockTimeout;
import ai.demeter.migrations.database.ConnectionSources;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.database.DotEnv;
import ai.demeter.migrations.database.TargetResolver;
import ai.demeter.migrations.engine.EngineSettings;
import ai.demeter.migrations.engine.MigrationEngine;
import java.io.IOException;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * A goal that runs the module's migrations against a database: the one configured (URL, environment, {@code .env},
 * {@code settings.xml} server), or the embedded dev database when none is.
 * <p>
 * Two settings are properties, not parameters, because Maven prints every parameter's value at debug level
 * ({@code -X}) and these may carry a secret:
 * <ul>
 * <li>{@code demeter.url}: JDBC URL of the database to work on, e.g.
 * {@code jdbc:postgresql://db.example.com:5432/demeterai}. When it is not set, nor {@code DEMETER_DB_URL} or
 * {@code DATABASE_URL_SYNC} (environment or {@code .env}), goals use the embedded dev database.</li>
 * <li>{@code demeter.password}: prefer the {@code settings.xml} server of {@code demeter.serverId} (encryptable)
 * or the environment.</li>
 * </ul>
 * Both are read from the command line ({@code -D}), Java system properties, then the POM's {@code <properties>}.
 */
public abstract class AbstractDatabaseMojo extends AbstractEmbeddedDatabaseMojo {
    static final String URL_PROPERTY = "demeter.url";
    static final String PASSWORD_PROPERTY = "demeter.password";

    /** Database user; default {@code postgres}, or the user in the URL. @since 0.1.0 */
    @Parameter(property = "demeter.user")
    protected String user;

    /**
     * Id of a {@code <server>} in {@code settings.xml} whose username and password (decrypted the Maven way) are
     * the credentials. Cannot be combined with {@code demeter.user}/{@code demeter.password}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "demeter.serverId")
    protected String serverId;

    /** Schema of Flyway's history table. @since 0.1.0 */
    @Parameter(property = "demeter.schema", defaultValue = EngineSettings.DEFAULT_SCHEMA)
    protected String schema;

    /** Flyway's history table; change only for a database that already keeps its history elsewhere. @since 0.1.0 */
    @Parameter(property = "demeter.table", defaultValue = EngineSettings.DEFAULT_HISTORY_TABLE)
    protected String table;

    @Component
    private SettingsDecrypter settingsDecrypter;

    /** The password of the resolved database, wherever it came from (URL, environment, .env, settings.xml). */
    private String resolvedPassword;

    /** The configured database, or the embedded dev database (started if needed) when none is configured. */
    protected DatabaseTarget database() throws MojoFailureException {
        Optional<DatabaseTarget> configured = TargetResolver.resolve(connectionSources());
        if (configured.isPresent()) {
            resolvedPassword = configured.get().password();
            getLog().info("Database: " + configured.get().describe());
            return configured.get();
        }
        return ensureEmbeddedDatabase().target();
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
        return new ConnectionSources(url(), user, password(), serverId, serverUser, serverPassword, System.getenv(),
                DotEnv.read(projectRoot().resolve(".env")));
    }

    /** A goal's work with the engine. */
    protected interface EngineWork {
        void run(MigrationEngine engine) throws MojoFailureException;
    }

    /** Runs {@code work} with an engine on the resolved database and this module's migrations. */
    protected void withEngine(EngineWork work) throws MojoExecutionException, MojoFailureException {
        try (URLClassLoader migrations = migrationClassLoader()) {
            EngineSettings settings = new EngineSettings(database(), migrations, locations, schema, table)
                    .withStatementLockTimeout(statementLockTimeout())
                    .withChecksums(checksumCache());
            work.run(new MigrationEngine(settings, listener()));
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot close the migration class loader", e);
        }
    }

    /**
     * How long each migration statement may wait for a lock; the goals that run migrations make it configurable
     * ({@link AbstractMigrationRunMojo}).
     */
    protected Duration statementLockTimeout() throws MojoFailureException {
        return StatementLockTimeout.DEFAULT;
    }

    String url() {
        return property(URL_PROPERTY);
    }

    String password() {
        return property(PASSWORD_PROPERTY);
    }

    @Override
    protected String secret() {
        return resolvedPassword != null ? resolvedPassword : password();
    }
}
