package ai.demeter.schema.ddl;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.name;

import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;

/**
 * The audit columns {@code created_at} / {@code updated_at}, in the two flavours the schema mixes.
 *
 * <p>The tables of the first migrations (up to s3_images) use {@code timestamptz}, with {@code created_at}
 * defaulting to {@code now()} and {@code updated_at} nullable, set by the application. The tables of
 * location_relationships and the bulk "remaining tables" revision use {@code timestamp} without time zone,
 * both NOT NULL DEFAULT {@code now()}. The default is spelled {@code now()} (not jOOQ's
 * {@code current_timestamp}) because that is what the catalog holds for the original schema.
 */
public final class Timestamps {
    private Timestamps() {
    }

    /** {@code created_at timestamptz NOT NULL DEFAULT now()} */
    public static Field<?> createdAtZoned() {
        return notNullNow("created_at", SQLDataType.TIMESTAMPWITHTIMEZONE);
    }

    /** {@code updated_at timestamptz}, nullable and without default. */
    public static Field<?> updatedAtZoned() {
        return field(name("updated_at"), SQLDataType.TIMESTAMPWITHTIMEZONE);
    }

    /** {@code created_at timestamp NOT NULL DEFAULT now()} */
    public static Field<?> createdAtLocal() {
        return notNullNow("created_at", SQLDataType.TIMESTAMP);
    }

    /** {@code updated_at timestamp NOT NULL DEFAULT now()} */
    public static Field<?> updatedAtLocal() {
        return notNullNow("updated_at", SQLDataType.TIMESTAMP);
    }

    /** The timestamptz pair, created_at first. */
    public static Field<?>[] zoned() {
        return new Field<?>[] {createdAtZoned(), updatedAtZoned()};
    }

    /** The timestamp (no time zone) pair, created_at first. */
    public static Field<?>[] local() {
        return new Field<?>[] {createdAtLocal(), updatedAtLocal()};
    }

    private static <T> Field<T> notNullNow(String column, DataType<T> type) {
        return field(name(column), type.nullable(false).defaultValue(function("now", type)));
    }
}
