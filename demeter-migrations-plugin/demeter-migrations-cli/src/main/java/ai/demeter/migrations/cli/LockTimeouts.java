package ai.demeter.migrations.cli;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.api.StatementLockTimeout;
import ai.demeter.migrations.engine.EngineSettings;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The options of the commands that run migrations ({@code migrate}, {@code rollback}): how long to wait for Flyway's
 * lock, and how long each statement may wait for the locks it needs; the goals' {@code demeter.lockTimeout} and
 * {@code demeter.statementLockTimeout}. Their order puts them after the command's own options and before the shared
 * ones.
 */
final class LockTimeouts {

    @Option(names = "--lock-timeout", paramLabel = "<seconds>", defaultValue = "60", order = 5,
            description = "Seconds to wait for the migration lock another migrate or rollback holds; then fail"
                    + " naming the holder. Default: ${DEFAULT-VALUE}.")
    private int lockTimeout;

    @Option(names = "--statement-lock-timeout", paramLabel = "<time>", defaultValue = "10s", order = 6,
            converter = StatementLockTimeoutConverter.class,
            description = "How long each statement of a migration may wait for a lock another session holds"
                    + " (PostgreSQL's lock_timeout): 10s, 500ms, 2min, or 0 for no limit; then the migration fails"
                    + " naming the blocking session, and nothing of it is applied. Default: ${DEFAULT-VALUE}.")
    private Duration statementLockTimeout;

    /** How long to wait for the migration lock. */
    Duration lockTimeout() {
        return Duration.ofSeconds(lockTimeout);
    }

    EngineSettings applyTo(EngineSettings settings) {
        return settings.withStatementLockTimeout(statementLockTimeout);
    }

    /** {@code --statement-lock-timeout 10s}, read by the goals' parser. */
    static final class StatementLockTimeoutConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return StatementLockTimeout.parse(value);
            } catch (DemeterException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
