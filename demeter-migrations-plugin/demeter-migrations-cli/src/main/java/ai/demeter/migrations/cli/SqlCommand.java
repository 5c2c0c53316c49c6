package ai.demeter.migrations.cli;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.engine.EngineSettings;
import ai.demeter.migrations.engine.FlywayHistoryTable;
import ai.demeter.migrations.engine.MigrationScript;
import ai.demeter.migrations.engine.ScriptRange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code demeter:sql}: the SQL of a range as one {@code psql -1 -f} script, with no database at all. */
@Command(name = "sql", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print (or write) the SQL a migrate or rollback range would run, as one script for psql -1 -f,"
                + " with the same history rows and checksums; connects to no database (alembic upgrade --sql).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_HELP, ExitCodes.REFUSED_HELP, ExitCodes.USAGE_HELP, ExitCodes.FAULT_HELP})
final class SqlCommand implements Callable<Integer> {

    @Option(names = "--direction", paramLabel = "up|down", defaultValue = "up",
            description = "up (what migrate would run) or down (what rollback would run). Default: ${DEFAULT-VALUE}.")
    private String direction;

    @Option(names = "--from", paramLabel = "<version>",
            description = "Where the range starts: the version the database is at. Default: base going up, head"
                    + " going down.")
    private String from;

    @Option(names = "--to", paramLabel = "<version>",
            description = "Where the range ends. Default: head going up, base going down.")
    private String to;

    @Option(names = "--output", paramLabel = "<file>", description = "Write the script here instead of to stdout.")
    private Path output;

    @Option(names = "--locations", paramLabel = "<location>", split = ",",
            defaultValue = EngineSettings.DEFAULT_LOCATION,
            description = "Flyway locations of the migrations, comma-separated. Default: ${DEFAULT-VALUE}.")
    private List<String> locations;

    @Option(names = "--schema", paramLabel = "<schema>", defaultValue = EngineSettings.DEFAULT_SCHEMA,
            description = "Schema of Flyway's history table. Default: ${DEFAULT-VALUE}.")
    private String schema;

    @Option(names = "--table", paramLabel = "<table>", defaultValue = EngineSettings.DEFAULT_HISTORY_TABLE,
            description = "Flyway's history table. Default: ${DEFAULT-VALUE}.")
    private String table;

    @ParentCommand
    private MigrationsCommandLine jar;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        Console console = new Console(spec.commandLine().getOut(), spec.commandLine().getErr(), false);
        // Rendering starts jOOQ, which logs its banner and version probe through java.util.logging: not on stderr.
        try (JavaLogging logging = JavaLogging.routeTo(console)) {
            ScriptRange range = ScriptRange.parse(direction, from, to);
            String script = MigrationScript.render(jar.migrations(), locations, range,
                    new FlywayHistoryTable(schema, table));
            if (output == null) {
                spec.commandLine().getOut().print(script);
                spec.commandLine().getOut().flush();
            } else {
                Files.writeString(output, script, StandardCharsets.UTF_8);
                console.info(MigrationScript.writtenNotice(range, output));
            }
            return ExitCodes.OK;
        } catch (DemeterException e) {
            console.error(e.getMessage(), e);
            return e.isUserMistake() ? ExitCodes.REFUSED : ExitCodes.FAULT;
        } catch (IOException e) {
            console.error("Cannot write " + output + ": " + e.getMessage(), e);
            return ExitCodes.FAULT;
        }
    }
}
