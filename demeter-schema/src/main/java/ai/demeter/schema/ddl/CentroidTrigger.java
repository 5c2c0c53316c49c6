package ai.demeter.schema.ddl;

import org.jooq.DSLContext;

/**
 * Keeps a {@code centroid} column in step with a geometry column: a BEFORE INSERT OR UPDATE OF
 * {@code <geometry>} row trigger whose PL/pgSQL function assigns {@code NEW.centroid}. Warehouses and storage
 * areas store {@code ST_Centroid} of their polygon; a storage location's geometry is already a point, so its
 * centroid is the point itself.
 *
 * <p>PostgreSQL keeps a function body verbatim ({@code pg_proc.prosrc}), so the body is a schema fact: it is
 * rendered character for character as the original DemeterAI revisions wrote it (their layout, their comment,
 * {@code =} as the assignment operator). Functions and triggers have no jOOQ DSL, hence plain SQL; the body is
 * passed as a string literal so jOOQ escapes it and no dollar quoting is needed.
 */
public final class CentroidTrigger {
    private final String table;
    private final String function;
    private final String trigger;
    private final String geometryColumn;
    private final String comment;
    private final String centroidExpression;

    /**
     * @param comment the one-line SQL comment the original body carries (without {@code --})
     * @param centroidExpression PL/pgSQL expression over {@code NEW} that yields the centroid
     */
    public CentroidTrigger(String table, String function, String trigger, String geometryColumn, String comment,
            String centroidExpression) {
        this.table = table;
        this.function = function;
        this.trigger = trigger;
        this.geometryColumn = geometryColumn;
        this.comment = comment;
        this.centroidExpression = centroidExpression;
    }

    /** The function body exactly as stored in {@code pg_proc.prosrc}. */
    public String body() {
        return "\n"
                + "             BEGIN\n"
                + "            -- " + comment + "\n"
                + "            NEW.centroid\n"
                + "             = " + centroidExpression + ";\n"
                + "             RETURN NEW;\n"
                + "             END;\n"
                + "        ";
    }

    public void create(DSLContext db) {
        rowTrigger().create(db, body());
    }

    public void drop(DSLContext db) {
        rowTrigger().drop(db);
    }

    private RowTrigger rowTrigger() {
        return new RowTrigger(table, function, trigger, geometryColumn);
    }
}
