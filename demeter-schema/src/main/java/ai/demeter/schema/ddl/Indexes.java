package ai.demeter.schema.ddl;

import static org.jooq.impl.DSL.name;

import org.jooq.DSLContext;

/**
 * Indexes with an access method other than B-tree. The jOOQ 3.19 DSL cannot say {@code USING}, so these are
 * the one place index DDL is a plain-SQL template (identifiers still go through {@code name(...)}).
 */
public final class Indexes {
    private Indexes() {
    }

    /** A GiST index, the spatial index PostGIS needs for {@code ST_Within}/{@code ST_DWithin} lookups. */
    public static void gist(DSLContext db, String index, String table, String column) {
        using(db, "gist", index, table, column);
    }

    /** A GIN index over a jsonb column, for containment/key queries on flexible metadata. */
    public static void gin(DSLContext db, String index, String table, String column) {
        using(db, "gin", index, table, column);
    }

    private static void using(DSLContext db, String method, String index, String table, String column) {
        // The method is one of the two constants above, never caller input.
        db.query("create index {0} on {1} using " + method + " ({2})", name(index), name(table), name(column))
                .execute();
    }

    public static void drop(DSLContext db, String index) {
        db.dropIndex(name(index)).execute();
    }
}
