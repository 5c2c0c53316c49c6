package ai.demeter.migrations.cli;

import ai.demeter.migrations.engine.MigrationEngine;
import ai.demeter.migrations.engine.Validation;
import picocli.CommandLine.Command;

/** {@code demeter:validate}: refuses when the applied history and the migrations in the jar disagree. */
@Command(name = "validate", description = "Fail (exit 1) when an applied migration's code changed (checksum), is"
        + " missing from the jar, or the order is broken. Pending migrations are fine.")
final class ValidateCommand extends EngineCommand {

    @Override
    protected int run(MigrationEngine engine, Console console) {
        Validation validation = new Validation(engine.validate());
        validation.requireValid();
        console.info(validation.summary());
        return ExitCodes.OK;
    }
}
