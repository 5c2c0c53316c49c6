package ai.demeter.migrations.cli;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.engine.EngineSettings;
import ai.demeter.migrations.engine.MigrationEngine;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The steps every command shares: reading the password, resolving the database, making the engine over the jar's
 * migrations, and turning Demeter's errors into messages and exit codes. Each command fills in {@link #run}.
 */
@Command(mixinStandardHelpOptions = true,
        sortOptions = false,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_HELP, ExitCodes.REFUSED_HELP, ExitCodes.USAGE_HELP, ExitCodes.FAULT_HELP},
        footer = {"",
                "Environment:",
                "  DEMETER_DB_URL       the database, when --url is not given",
                "  DATABASE_URL_SYNC    the same in the Alembic setup's form",
                "  DEMETER_DB_PASSWORD  the password, when --password-file is not given"})
abstract class EngineCommand implements Callable<Integer> {

    @Mixin
    SharedOptions options;

    @ParentCommand
    private MigrationsCommandLine jar;

    @Spec
    private CommandSpec spec;

    @Override
    public final Integer call() {
        Console console = new Console(spec.commandLine().getOut(), spec.commandLine().getErr(), options.verbose());
        String password;
        try {
            password = options.password(jar.environment());
        } catch (DemeterException e) {
            return failed(console, e);
        }
        Console masking = console.hiding(password);
        try (JavaLogging logging = JavaLogging.routeTo(masking)) {
            DatabaseTarget target = options.target(jar.environment(), password);
            masking.info("Database: " + target.describe());
            return run(new MigrationEngine(configure(options.engineSettings(target, jar.migrations())), masking), masking);
        } catch (ParameterException usage) {
            throw usage; // picocli reports it and exits with 2
        } catch (RuntimeException | LinkageError e) {
            return failed(masking, e);
        }
    }

    /** Reports a failure as the goals word it, and says which exit code it means. */
    private static int failed(Console console, Throwable e) {
        if (e instanceof DemeterException demeter && demeter.isUserMistake()) {
            console.error(e.getMessage(), e);
            return ExitCodes.REFUSED;
        }
        String message = e instanceof DemeterException ? e.getMessage() : "Unexpected failure: " + e.getMessage();
        console.error(console.verbose() ? message : message + "\n(--verbose prints the stack trace)", e);
        return ExitCodes.FAULT;
    }

    /** The engine's settings as this command needs them; {@link MigrationRunCommand} adds its lock timeout. */
    protected EngineSettings configure(EngineSettings settings) {
        return settings;
    }

    /** The command's work with the engine; returns the exit code. Demeter's errors are reported by the caller. */
    protected abstract int run(MigrationEngine engine, Console console);
}
