package ai.demeter.migrations.cli;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.engine.MigrateTarget;
import ai.demeter.migrations.engine.MigrationEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code demeter:migrate}: applies pending migrations, one transaction each, under Flyway's lock. */
@Command(name = "migrate", description = "Apply pending migrations up to --target, each in its own transaction,"
        + " under Flyway's lock: one line per migration with its time, then a summary (alembic upgrade head).")
final class MigrateCommand extends MigrationRunCommand {

    @Option(names = "--target", paramLabel = "head|<version>|+N", defaultValue = "head", order = 1,
            converter = TargetConverter.class,
            description = "How far to migrate: head (everything pending), a version (7), or +N (the next N)."
                    + " Default: ${DEFAULT-VALUE}.")
    private MigrateTarget target;

    @Override
    protected int run(MigrationEngine engine, Console console) {
        console.info(engine.migrate(target, lockTimeout()).summary());
        return ExitCodes.OK;
    }

    /** The goal's parser, with this command line's words when it refuses. */
    static final class TargetConverter implements ITypeConverter<MigrateTarget> {
        @Override
        public MigrateTarget convert(String value) {
            try {
                return MigrateTarget.parse(value);
            } catch (DemeterException e) {
                throw new TypeConversionException("'" + value + "' is not a migrate target. Use head, a version such"
                        + " as 7, or +N for the next N pending migrations.");
            }
        }
    }
}
