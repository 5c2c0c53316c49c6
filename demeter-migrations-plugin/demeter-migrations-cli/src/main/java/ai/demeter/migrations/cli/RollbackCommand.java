package ai.demeter.migrations.cli;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.engine.MigrationEngine;
import ai.demeter.migrations.engine.RollbackOptions;
import ai.demeter.migrations.engine.RollbackRequest;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code demeter:rollback}: undoes the newest applied migrations. The whole plan is checked before any SQL runs;
 * each step is one transaction under Flyway's lock; a database not on this machine needs {@code --confirm}.
 */
@Command(name = "rollback", description = "Undo the newest applied migrations, newest first (alembic downgrade -1,"
        + " downgrade <rev>, downgrade base). The whole plan is checked before any SQL runs; each step is one"
        + " transaction under Flyway's lock.")
final class RollbackCommand extends MigrationRunCommand {

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private Range range;

    /** What to undo: a number of steps, or down to a target; one or the other. */
    static final class Range {
        @Option(names = "--steps", paramLabel = "N", order = 1, converter = StepsConverter.class,
                description = "How many of the newest applied migrations to undo. Default: 1.")
        private RollbackRequest steps;

        @Option(names = "--target", paramLabel = "<version>|base|-N", order = 2, converter = TargetConverter.class,
                description = "Where to end: a version (undo everything above it), base (undo everything), or -N"
                        + " (the newest N).")
        private RollbackRequest target;
    }

    @Option(names = "--dry-run", order = 3, description = "Print the plan and the SQL of each down; change nothing.")
    private boolean dryRun;

    @Option(names = "--confirm", paramLabel = "<database>", order = 4, description = "The database's name. Required to roll back"
            + " a database that is not on this machine (any host but localhost, 127.*, ::1).")
    private String confirm;

    @Override
    protected int run(MigrationEngine engine, Console console) {
        RollbackRequest request = range == null ? new RollbackRequest.Steps(1)
                : range.steps != null ? range.steps : range.target;
        RollbackOptions rollback = new RollbackOptions(dryRun, confirm, lockTimeout());
        engine.rollback(request, rollback).summary().ifPresent(console::info);
        return ExitCodes.OK;
    }

    /** {@code --steps N}, read by the goal's parser. */
    static final class StepsConverter implements ITypeConverter<RollbackRequest> {
        @Override
        public RollbackRequest convert(String value) {
            try {
                return RollbackRequest.parse(value, null);
            } catch (DemeterException e) {
                throw new TypeConversionException("'" + value + "' is not a positive number of migrations to undo.");
            }
        }
    }

    /** {@code --target <version>|base|-N}, read by the goal's parser. */
    static final class TargetConverter implements ITypeConverter<RollbackRequest> {
        @Override
        public RollbackRequest convert(String value) {
            try {
                return RollbackRequest.parse(null, value);
            } catch (DemeterException e) {
                throw new TypeConversionException("'" + value + "' is not a rollback target. Use a version (the"
                        + " database ends at that version), base (undo everything), or -N (undo the newest N).");
            }
        }
    }
}
