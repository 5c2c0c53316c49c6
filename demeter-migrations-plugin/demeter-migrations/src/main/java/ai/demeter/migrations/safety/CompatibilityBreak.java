package ai.demeter.migrations.safety;

import java.util.Objects;

/**
 * One change between a released schema and a newer one that breaks code generated for the released schema while
 * both run, as {@link ReleaseCompatibility} finds it.
 *
 * @param rule    the rule's name, as {@link ai.demeter.migrations.api.AcceptHazard#rule()} names it
 * @param table   the table (or enum type, function or view) the break is on, as an acceptance names it
 * @param subject the object that changed, e.g. {@code plots.note} or {@code plot_kind.greenhouse}: with the rule,
 *                what identifies the break across snapshots
 * @param fact    what changed and why the running release suffers, in one line
 * @param recipe  the expand/contract way to make the change
 */
record CompatibilityBreak(String rule, String table, String subject, String fact, String recipe) {

    public CompatibilityBreak {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(fact, "fact");
        Objects.requireNonNull(recipe, "recipe");
    }

    /** Whether {@code other} is the same break, perhaps worded for another snapshot. */
    boolean sameAs(CompatibilityBreak other) {
        return rule.equals(other.rule) && subject.equals(other.subject);
    }
}
