package ai.demeter.schema.ddl;

import org.jooq.DSLContext;

/**
 * Enforces the location hierarchy spatially: a BEFORE INSERT OR UPDATE OF {@code <geometry>, <parent key>} row
 * trigger that looks up the parent's polygon and raises when the parent does not exist or the child's geometry
 * is not {@code ST_Within} it. A storage area must lie inside its warehouse, a storage location's point inside
 * its storage area.
 *
 * <p>PostgreSQL keeps a function body verbatim ({@code pg_proc.prosrc}), so the body is a schema fact: it is
 * rendered character for character as the original DemeterAI revisions wrote it. What differs between the two
 * uses (local variable name, comments, messages) is the {@link Wording}. The messages are also part of the
 * contract (the application surfaces them); {@code %} is replaced by the parent key.
 */
public final class ContainmentTrigger {
    /**
     * The per-table text of the body.
     *
     * @param parentVariable the PL/pgSQL local that holds the parent's geometry
     * @param fetchComment comment above the parent lookup (without {@code --})
     * @param existsComment comment above the missing-parent check
     * @param withinComment comment above the containment check
     * @param missingParentMessage RAISE format when the parent does not exist
     * @param outsideParentMessage RAISE format when the geometry is not within the parent's
     */
    public record Wording(String parentVariable, String fetchComment, String existsComment, String withinComment,
            String missingParentMessage, String outsideParentMessage) {
    }

    private final String table;
    private final String function;
    private final String trigger;
    private final String geometryColumn;
    private final String parentKeyColumn;
    private final String parentTable;
    private final String parentGeometryColumn;
    private final Wording wording;

    /**
     * @param parentKeyColumn the child's FK column, named like the parent's primary key column
     */
    public ContainmentTrigger(String table, String function, String trigger, String geometryColumn,
            String parentKeyColumn, String parentTable, String parentGeometryColumn, Wording wording) {
        this.table = table;
        this.function = function;
        this.trigger = trigger;
        this.geometryColumn = geometryColumn;
        this.parentKeyColumn = parentKeyColumn;
        this.parentTable = parentTable;
        this.parentGeometryColumn = parentGeometryColumn;
        this.wording = wording;
    }

    /** The function body exactly as stored in {@code pg_proc.prosrc}. */
    public String body() {
        String parent = wording.parentVariable();
        String key = "NEW." + parentKeyColumn;
        return "\n"
                + "        DECLARE\n"
                + "             " + parent + " geometry;\n"
                + "             BEGIN\n"
                + "            -- " + wording.fetchComment() + "\n"
                + "             SELECT " + parentGeometryColumn + "\n"
                + "             INTO " + parent + "\n"
                + "             FROM " + parentTable + "\n"
                + "             WHERE " + parentKeyColumn + " = " + key + ";\n"
                + "\n"
                + "             -- " + wording.existsComment() + "\n"
                + "             IF\n"
                + "             " + parent + " IS NULL THEN\n"
                + "                RAISE EXCEPTION " + literal(wording.missingParentMessage()) + ", " + key + ";\n"
                + "             END IF;\n"
                + "\n"
                + "            -- " + wording.withinComment() + "\n"
                + "            IF\n"
                + "             NOT ST_Within(NEW." + geometryColumn + ", " + parent + ") THEN\n"
                + "                RAISE EXCEPTION " + literal(wording.outsideParentMessage()) + ", " + key + ";\n"
                + "             END IF;\n"
                + "\n"
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
        return new RowTrigger(table, function, trigger, geometryColumn, parentKeyColumn);
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
