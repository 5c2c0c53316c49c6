package ai.demeter.migrations.api;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Query;

/**
 * The down of a {@code change()} migration: its recorded steps, undone newest first. Whether it can run at all
 * is known before any SQL runs: {@link #irreversibility()} is checked first, by {@link #run} too.
 *
 * @param migration the migration's class name, for messages
 * @param steps the steps in the order change() performed them
 */
record DerivedDown(String migration, List<ChangeStep> steps) {
    /** Longer statements are shortened in messages; the start says which statement it is. */
    private static final int MAX_SQL_IN_MESSAGE = 200;

    DerivedDown {
        steps = List.copyOf(steps);
    }

    /** Why this down cannot be derived (the first statement without an inverse), or empty when it can. */
    Optional<String> irreversibility() {
        for (ChangeStep step : steps) {
            if (step instanceof ChangeStep.Irreversible irreversible) {
                return Optional.of(message(irreversible));
            }
        }
        return Optional.empty();
    }

    /** Undoes every step, newest first, on {@code db}; refuses before running anything when one cannot be undone. */
    void run(DSLContext db) {
        Optional<String> reason = irreversibility();
        if (reason.isPresent()) {
            throw new IrreversibleMigrationException(reason.get());
        }
        for (int i = steps.size() - 1; i >= 0; i--) {
            ChangeStep step = steps.get(i);
            if (step instanceof ChangeStep.Invertible invertible) {
                for (Function<DSLContext, Query> inverse : invertible.inverse()) {
                    inverse.apply(db).execute();
                }
            } else if (step instanceof ChangeStep.Explicit explicit) {
                explicit.down().accept(db);
            }
        }
    }

    private String message(ChangeStep.Irreversible step) {
        String sql = step.sql() == null ? "(a statement jOOQ did not render)" : step.sql();
        if (sql.length() > MAX_SQL_IN_MESSAGE) {
            sql = sql.substring(0, MAX_SQL_IN_MESSAGE) + "...";
        }
        String why = step.reason().isEmpty() ? "" : ": " + step.reason();
        return migration + ": `" + sql + "` has no automatic inverse" + why
                + ". Write up() and down() instead of change(), or wrap the statement in reversible(up, down).";
    }
}
