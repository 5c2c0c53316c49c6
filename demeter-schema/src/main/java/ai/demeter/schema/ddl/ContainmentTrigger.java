package ai.demeter.schema.ddl;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import org.jooq.DSLContext;

/**
 * Enforces the location hierarchy spatially: a BEFORE INSERT OR UPDATE OF {@code <geometry>, <parent key>} row
 * trigger that looks up the parent's polygon and raises when the parent does not exist or the child's geometry
 * is not {@code ST_Within} it. A storage area must lie inside its warehouse, a storage location's point inside
 * its storage area. The messages are part of the contract (the application surfaces them), so each migration
 * passes its original wording; {@code %} is replaced by the parent key.
 */
public final class ContainmentTrigger {
    private final String table;
    private final String function;
    private final String trigger;
    private final String geometryColumn;
    private final String parentKeyColumn;
    private final String parentTable;
    private final String parentGeometryColumn;
    private final String missingParentMessage;
    private final String outsideParentMessage;

    /**
     * @param parentKeyColumn the child's FK column, named like the parent's primary key column
     */
    public ContainmentTrigger(String table, String function, String trigger, String geometryColumn,
            String parentKeyColumn, String parentTable, String parentGeometryColumn, String missingParentMessage,
            String outsideParentMessage) {
        this.table = table;
        this.function = function;
        this.trigger = trigger;
        this.geometryColumn = geometryColumn;
        this.parentKeyColumn = parentKeyColumn;
        this.parentTable = parentTable;
        this.parentGeometryColumn = parentGeometryColumn;
        this.missingParentMessage = missingParentMessage;
        this.outsideParentMessage = outsideParentMessage;
    }

    public void create(DSLContext db) {
        String body = "\nDECLARE\n"
                + "    parent_geom geometry;\n"
                + "BEGIN\n"
                + "    SELECT " + parentGeometryColumn + " INTO parent_geom FROM " + parentTable
                + " WHERE " + parentKeyColumn + " = NEW." + parentKeyColumn + ";\n"
                + "    IF parent_geom IS NULL THEN\n"
                + "        RAISE EXCEPTION " + literal(missingParentMessage) + ", NEW." + parentKeyColumn + ";\n"
                + "    END IF;\n"
                + "    IF NOT ST_Within(NEW." + geometryColumn + ", parent_geom) THEN\n"
                + "        RAISE EXCEPTION " + literal(outsideParentMessage) + ", NEW." + parentKeyColumn + ";\n"
                + "    END IF;\n"
                + "    RETURN NEW;\n"
                + "END;\n";
        db.query("create function {0}() returns trigger language plpgsql as {1}", name(function), inline(body))
                .execute();
        db.query("create trigger {0} before insert or update of {1}, {2} on {3} for each row execute function {4}()",
                name(trigger), name(geometryColumn), name(parentKeyColumn), name(table), name(function)).execute();
    }

    public void drop(DSLContext db) {
        db.query("drop trigger {0} on {1}", name(trigger), name(table)).execute();
        // DROP FUNCTION is not in the jOOQ 3.19 OSS DSL.
        db.query("drop function {0}()", name(function)).execute();
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
