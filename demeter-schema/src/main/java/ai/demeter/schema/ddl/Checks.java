package ai.demeter.schema.ddl;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;

/** Conditions for CHECK constraints that recur across the catalog tables. */
public final class Checks {
    private Checks() {
    }

    /**
     * {@code length(column) >= min AND length(column) <= max}. Spelled with {@code length} rather than jOOQ's
     * {@code char_length} so the constraint reads in the catalog exactly as the original one does.
     */
    public static Condition lengthBetween(String column, int min, int max) {
        Field<Integer> length = function("length", SQLDataType.INTEGER, field(name(column)));
        return length.ge(inline(min)).and(length.le(inline(max)));
    }
}
