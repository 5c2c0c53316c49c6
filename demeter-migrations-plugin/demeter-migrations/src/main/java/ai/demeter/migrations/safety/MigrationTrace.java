package ai.demeter.migrations.safety;

import java.util.List;
import java.util.Objects;

/**
 * One run of a migration in one direction, statement by statement.
 *
 * @param version    the migration's version
 * @param direction  up or down
 * @param migration  the migration's class (its {@link ai.demeter.migrations.api.AcceptHazard}s)
 * @param statements what each statement did, in execution order
 */
public record MigrationTrace(String version, Finding.Direction direction, Class<?> migration,
        List<StatementEffect> statements) {

    public MigrationTrace {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(direction, "direction");
        statements = List.copyOf(statements);
    }

    /** "V16 up": how messages and the lock profile name this run. */
    public String label() {
        return "V" + version + " " + direction.name().toLowerCase(java.util.Locale.ROOT);
    }
}
