package ai.demeter.migrations.cli;

import ai.demeter.migrations.database.Secrets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The command line of a runnable migrations jar: the Maven goals' {@code migrate}, {@code rollback},
 * {@code current}, {@code history}, {@code validate} and {@code sql} for a deploy job, over the migrations on the jar's own
 * class path, with no Maven and no sources. Same engine, same output lines, and exit codes a job can act on
 * ({@link ExitCodes}).
 */
@Command(name = "java -jar <migrations jar>",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Applies, rolls back and reports the database migrations packaged in this jar: Demeter's Maven"
                + " goals for a deploy job, with no Maven and no sources.",
        subcommands = {MigrateCommand.class, RollbackCommand.class, CurrentCommand.class, HistoryCommand.class,
                ValidateCommand.class, SqlCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_HELP, ExitCodes.REFUSED_HELP, ExitCodes.USAGE_HELP, ExitCodes.FAULT_HELP},
        footer = {"", "Run '<command> --help' for a command's options."})
public final class MigrationsCommandLine implements Runnable {
    private final Map<String, String> environment;
    private final ClassLoader migrations;

    @Spec
    private CommandSpec spec;

    private MigrationsCommandLine(Map<String, String> environment, ClassLoader migrations) {
        this.environment = Map.copyOf(environment);
        this.migrations = migrations;
    }

    public static void main(String[] args) {
        System.exit(create(System.getenv(), MigrationsCommandLine.class.getClassLoader()).execute(args));
    }

    /**
     * The command line over {@code environment} (where {@code DEMETER_DB_URL}, {@code DATABASE_URL_SYNC} and
     * {@code DEMETER_DB_PASSWORD} are read) and the migrations {@code migrations} sees.
     */
    public static CommandLine create(Map<String, String> environment, ClassLoader migrations) {
        CommandLine commandLine = new CommandLine(new MigrationsCommandLine(environment, migrations));
        commandLine.setParameterExceptionHandler((e, args) -> {
            // The message and a pointer to the help, not the whole help: a job's log should show the mistake.
            CommandLine command = e.getCommandLine();
            command.getErr().println(e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, command.getErr());
            command.getErr().println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for the options.");
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, command, parsed) -> {
            // The commands report their own failures; this is for a fault outside them (help, version).
            command.getErr().println("error: Unexpected failure: " + Secrets.mask(String.valueOf(e)));
            return ExitCodes.FAULT;
        });
        return commandLine;
    }

    Map<String, String> environment() {
        return environment;
    }

    ClassLoader migrations() {
        return migrations;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a command: migrate, rollback, current, history,"
                + " validate or sql.");
    }
}
