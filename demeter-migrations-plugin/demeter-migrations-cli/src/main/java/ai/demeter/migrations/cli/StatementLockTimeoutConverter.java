package ai.demeter.migrations.cli;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.api.StatementLockTimeout;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --statement-lock-timeout 10s}, read as the goals' {@code demeter.statementLockTimeout}. */
final class StatementLockTimeoutConverter implements ITypeConverter<Duration> {
    /** The option's description, shared by the commands that run migrations. */
    static final String DESCRIPTION = "How long each statement of a migration may wait for a lock another session"
            + " holds (PostgreSQL's lock_timeout): 10s, 500ms, 2min, or 0 for no limit; then the migration fails"
            + " naming the blocking session, and nothing of it is applied. Default: ${DEFAULT-VALUE}.";

    @Override
    public Duration convert(String value) {
        try {
            return StatementLockTimeout.parse(value);
        } catch (DemeterException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
