package ai.demeter.migrations.cli;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.database.ConnectionSources;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.database.TargetResolver;
import ai.demeter.migrations.engine.EngineSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every command takes: which database (resolved as the goals resolve it, from {@code --url} or the
 * environment), with which password (never an option), where the migrations and Flyway's history table are, and
 * how much to print.
 */
final class SharedOptions {
    /** The environment variable the password is read from, unless {@code --password-file} is given. */
    static final String PASSWORD_VARIABLE = "DEMETER_DB_PASSWORD";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--url", paramLabel = "<url>", order = 10, description = {
            "The database: jdbc:postgresql://host:5432/database, or postgresql://user@host:5432/database.",
            "Default: " + ConnectionSources.DEMETER_DB_URL + ", else " + ConnectionSources.DATABASE_URL_SYNC
                    + ", from the environment."})
    private String url;

    @Option(names = "--user", paramLabel = "<user>", order = 11,
            description = "Database user. Default: the user in the URL, else postgres.")
    private String user;

    @Option(names = "--password-file", paramLabel = "<path>", order = 12, description = {
            "A file holding the database password (one trailing line break is ignored), e.g. a mounted secret.",
            "Default: the " + PASSWORD_VARIABLE + " environment variable. There is no password option: a password"
                    + " on the command line ends up in process lists and shell history."})
    private Path passwordFile;

    @Option(names = "--locations", paramLabel = "<location>", split = ",", order = 13,
            defaultValue = EngineSettings.DEFAULT_LOCATION,
            description = "Flyway locations of the migrations, comma-separated. Default: ${DEFAULT-VALUE}, the"
                    + " migrations packaged in this jar.")
    private List<String> locations;

    @Option(names = "--schema", paramLabel = "<schema>", order = 14, defaultValue = EngineSettings.DEFAULT_SCHEMA,
            description = "Schema of Flyway's history table. Default: ${DEFAULT-VALUE}.")
    private String schema;

    @Option(names = "--table", paramLabel = "<table>", order = 15, defaultValue = EngineSettings.DEFAULT_HISTORY_TABLE,
            description = "Flyway's history table; change it only for a database that keeps its history elsewhere."
                    + " Default: ${DEFAULT-VALUE}.")
    private String table;

    @Option(names = "--verbose", order = 16, description = "Also print debug lines (connection, Flyway's log) and the stack"
            + " trace of a failure, on standard error.")
    private boolean verbose;

    /** Not an option: catches {@code --password} to say where a password goes, without repeating it. */
    @Option(names = "--password", hidden = true, paramLabel = "<password>")
    private void refusePassword(String ignored) {
        throw new ParameterException(command.commandLine(), "There is no --password option: a password on the"
                + " command line ends up in process lists and shell history. Put it in " + PASSWORD_VARIABLE
                + " or in a file given with --password-file.");
    }

    boolean verbose() {
        return verbose;
    }

    /** The password from {@code --password-file}, else from {@code DEMETER_DB_PASSWORD}; {@code null} when neither. */
    String password(Map<String, String> environment) {
        if (passwordFile != null) {
            return readPasswordFile(passwordFile);
        }
        String password = environment.get(PASSWORD_VARIABLE);
        return password == null || password.isEmpty() ? null : password;
    }

    /**
     * The database, resolved as the goals resolve it ({@code --url}, else {@code DEMETER_DB_URL} or
     * {@code DATABASE_URL_SYNC} from the environment), except that there is no embedded dev database to fall back
     * to: no URL anywhere is a usage error.
     */
    DatabaseTarget target(Map<String, String> environment, String password) {
        boolean explicit = url != null && !url.isBlank();
        if (!explicit && !isSet(environment, ConnectionSources.DEMETER_DB_URL)
                && !isSet(environment, ConnectionSources.DATABASE_URL_SYNC)) {
            throw new ParameterException(command.commandLine(), "No database given. Pass --url"
                    + " jdbc:postgresql://host:5432/database, or set " + ConnectionSources.DEMETER_DB_URL + " (or "
                    + ConnectionSources.DATABASE_URL_SYNC + ") in the environment. The migrations jar never starts a"
                    + " database of its own.");
        }
        String passwordSetting = passwordFile != null ? "--password-file" : PASSWORD_VARIABLE;
        ConnectionSources sources = new ConnectionSources(explicit ? url : null, user, password, null, null, null,
                environment, Map.of());
        TargetResolver.SettingNames names = new TargetResolver.SettingNames("--url", "--user", passwordSetting);
        return TargetResolver.resolve(sources, names).orElseThrow();
    }

    EngineSettings engineSettings(DatabaseTarget target, ClassLoader migrations) {
        return new EngineSettings(target, migrations, locations, schema, table);
    }

    private static boolean isSet(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value != null && !value.isBlank();
    }

    private static String readPasswordFile(Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw DemeterException.userMistake("--password-file " + file + " does not exist. Give the path of a file"
                    + " holding the password, or set " + PASSWORD_VARIABLE + ".", e);
        } catch (IOException e) {
            throw DemeterException.userMistake("Cannot read --password-file " + file + " (" + e.getClass().getSimpleName()
                    + "). Check that it is a readable UTF-8 text file.", e);
        }
        String password = content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        if (password.isEmpty()) {
            throw DemeterException.userMistake("--password-file " + file + " is empty. Put the password in it, or"
                    + " drop the option to connect without one.");
        }
        return password;
    }
}
