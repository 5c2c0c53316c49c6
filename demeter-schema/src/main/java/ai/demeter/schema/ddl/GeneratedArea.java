package ai.demeter.schema.ddl;

import static org.jooq.impl.DSL.name;

import org.jooq.DSLContext;

/**
 * The stored generated column {@code area_m2 numeric(10,2)} of the spatial tables. It is appended after the
 * other columns (as the original did, with ALTER TABLE), which fixes its position in the table.
 * {@code GENERATED ALWAYS AS ... STORED} has no jOOQ DSL word, hence the template.
 */
public final class GeneratedArea {
    private GeneratedArea() {
    }

    /** Square metres of a polygon: the geography cast makes {@code ST_Area} measure metres, not degrees. */
    public static final String POLYGON_AREA = "ST_Area(geojson_coordinates::geography)";

    /** A point has no area; the column exists so every hierarchy level has the same shape. */
    public static final String NO_AREA = "0.0";

    public static void add(DSLContext db, String table, String expression) {
        db.query("alter table {0} add column area_m2 numeric(10, 2) generated always as (" + expression + ") stored",
                name(table)).execute();
    }
}
