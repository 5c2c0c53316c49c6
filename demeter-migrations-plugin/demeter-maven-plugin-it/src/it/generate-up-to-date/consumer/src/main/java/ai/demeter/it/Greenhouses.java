package ai.demeter.it;

import static ai.demeter.it.db.Tables.GREENHOUSES;

import org.jooq.Field;
import org.locationtech.jts.geom.Geometry;

/** Compiles only against the generated classes: a table, and a geometry column typed as JTS. */
public final class Greenhouses {
    public static final Field<Geometry> OUTLINE = GREENHOUSES.OUTLINE;

    private Greenhouses() {
    }
}
