package ai.demeter.migrations.safety;

import java.util.Objects;
import java.util.Optional;

/**
 * One deploy-safety finding of a migration: a measured lock, rewrite or validating scan on an existing table, or a
 * change that breaks the running release's code.
 *
 * @param version   the migration's version
 * @param direction which way the migration ran when the finding was made
 * @param rule      the rule's name, as {@link ai.demeter.migrations.api.AcceptHazard#rule()} names it
 * @param table     the table (or type, or function) the finding is on
 * @param fact      what was measured or found, in one line
 * @param statement the statement that caused it, when one did; empty for schema comparisons
 * @param recipe    the safe way to make the change
 * @param accepted  the reason the migration gives for accepting it, when it does
 * @param released  whether the migration has shipped (then the finding is information only)
 */
public record Finding(String version, Direction direction, String rule, String table, String fact, String statement,
        String recipe, Optional<String> accepted, boolean released) {

    /** Which way a migration ran. */
    public enum Direction { UP, DOWN }

    public Finding {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(fact, "fact");
        statement = statement == null ? "" : statement;
        Objects.requireNonNull(recipe, "recipe");
        Objects.requireNonNull(accepted, "accepted");
    }

    /** Whether this finding fails verify: a new migration's finding that it does not accept. */
    public boolean blocking() {
        return !released && accepted.isEmpty();
    }

    /** The same finding with the acceptances of its migration applied. */
    public Finding acceptedBy(Acceptances acceptances) {
        return new Finding(version, direction, rule, table, fact, statement, recipe,
                accepted.or(() -> acceptances.reason(rule, table)), released);
    }
}
