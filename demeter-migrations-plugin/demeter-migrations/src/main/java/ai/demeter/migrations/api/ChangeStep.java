package ai.demeter.migrations.api;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Query;

/**
 * One step of a {@code change()} migration, as recorded, together with what undoes it. {@link Inverses} turns
 * each recorded statement into one of these; {@link DerivedDown} runs them backwards.
 */
sealed interface ChangeStep {

    /**
     * A statement with a known inverse. {@code inverse} builds the statements that undo it, in the order they
     * run; it is empty when nothing needs undoing (a comment on a table the same change() created).
     */
    record Invertible(String sql, List<Function<DSLContext, Query>> inverse) implements ChangeStep {
        public Invertible {
            inverse = List.copyOf(inverse);
        }

        static Invertible of(String sql, Function<DSLContext, Query> inverse) {
            return new Invertible(sql, List.of(inverse));
        }

        static Invertible nothingToUndo(String sql) {
            return new Invertible(sql, List.of());
        }
    }

    /** A {@code reversible(up, down)} block: its own {@code down} undoes it. */
    record Explicit(Consumer<DSLContext> down) implements ChangeStep {
    }

    /**
     * A statement with no automatic inverse. {@code reason} says why when Demeter knows something specific
     * (empty otherwise); it is followed by the two general fixes in the message.
     */
    record Irreversible(String sql, String reason) implements ChangeStep {
    }
}
