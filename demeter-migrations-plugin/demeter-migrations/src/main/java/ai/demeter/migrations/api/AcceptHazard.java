package ai.demeter.migrations.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Accepts one deploy-safety finding of {@code demeter:verify} for this migration, with the reason verify prints.
 * A finding in a migration not yet released fails verify unless it is accepted here; accepting names the rule and,
 * usually, the table, so a second, unforeseen hazard in the same migration still fails.
 *
 * <pre>{@code
 * @AcceptHazard(rule = "rewrite", table = "stock_movements",
 *         reason = "stock_movements is empty in every deployment until the import job of release 2.3 runs")
 * public class V21__widen_stock_movement_quantity extends DemeterMigration { ... }
 * }</pre>
 *
 * <p>The rules and what each means are listed in docs/deploy-safety.md.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(AcceptHazard.List.class)
public @interface AcceptHazard {
    /** The rule as verify names it in its finding, for example {@code rewrite} or {@code dropped-column}. */
    String rule();

    /** The table the finding is on; empty accepts the rule on every table this migration touches. */
    String table() default "";

    /** Why the finding is safe here, for the reviewer; printed by verify. Must not be blank. */
    String reason();

    /** The container of repeated {@link AcceptHazard}s. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface List {
        AcceptHazard[] value();
    }
}
