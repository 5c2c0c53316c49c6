package ai.demeter.migrations.cli;

import ai.demeter.migrations.engine.HistoryListing;
import ai.demeter.migrations.engine.MigrationEngine;
import picocli.CommandLine.Command;

/** {@code demeter:history}: every migration, applied, pending and rolled back. */
@Command(name = "history", description = "Print every migration, applied, pending and rolled back: when and by whom,"
        + " its duration, whether it can be rolled back, whether its code still matches (alembic history).")
final class HistoryCommand extends EngineCommand {

    @Override
    protected int run(MigrationEngine engine, Console console) {
        engine.alembic().ifPresent(alembic -> console.warn("The database is " + alembic.describe()));
        HistoryListing.render(engine.history()).forEach(console::info);
        return ExitCodes.OK;
    }
}
