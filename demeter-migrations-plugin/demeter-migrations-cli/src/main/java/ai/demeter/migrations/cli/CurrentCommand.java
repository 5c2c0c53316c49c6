package ai.demeter.migrations.cli;

import ai.demeter.migrations.engine.MigrationEngine;
import picocli.CommandLine.Command;

/** {@code demeter:current}: the version the database is at, and what is pending. */
@Command(name = "current", description = "Print the version the database is at and what is pending (alembic current).")
final class CurrentCommand extends EngineCommand {

    @Override
    protected int run(MigrationEngine engine, Console console) {
        console.info(engine.currentSummary());
        return ExitCodes.OK;
    }
}
