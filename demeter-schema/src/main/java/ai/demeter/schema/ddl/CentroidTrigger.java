package ai.demeter.schema.ddl;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import org.jooq.DSLContext;

/**
 * Keeps a {@code centroid} column in step with a geometry column: a BEFORE INSERT OR UPDATE OF
 * {@code <geometry>} row trigger whose PL/pgSQL function assigns {@code NEW.centroid}. Warehouses and storage
 * areas store {@code ST_Centroid} of their polygon; a storage location's geometry is already a point, so its
 * centroid is the point itself.
 *
 * <p>Functions and triggers have no jOOQ DSL, hence plain SQL; the body is passed as a string literal so jOOQ
 * escapes it and no dollar quoting is needed.
 */
public final class CentroidTrigger {
    private final String table;
    private final String function;
    private final String trigger;
    private final String geometryColumn;
    private final String centroidExpression;

    /**
     * @param centroidExpression PL/pgSQL expression over {@code NEW} that yields the centroid
     */
    public CentroidTrigger(String table, String function, String trigger, String geometryColumn,
            String centroidExpression) {
        this.table = table;
        this.function = function;
        this.trigger = trigger;
        this.geometryColumn = geometryColumn;
        this.centroidExpression = centroidExpression;
    }

    public void create(DSLContext db) {
        String body = "\nBEGIN\n"
                + "    NEW.centroid := " + centroidExpression + ";\n"
                + "    RETURN NEW;\n"
                + "END;\n";
        db.query("create function {0}() returns trigger language plpgsql as {1}", name(function), inline(body))
                .execute();
        db.query("create trigger {0} before insert or update of {1} on {2} for each row execute function {3}()",
                name(trigger), name(geometryColumn), name(table), name(function)).execute();
    }

    public void drop(DSLContext db) {
        db.query("drop trigger {0} on {1}", name(trigger), name(table)).execute();
        // DROP FUNCTION is not in the jOOQ 3.19 OSS DSL.
        db.query("drop function {0}()", name(function)).execute();
    }
}
