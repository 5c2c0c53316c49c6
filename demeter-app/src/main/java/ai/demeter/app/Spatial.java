package ai.demeter.app;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.locationtech.jts.geom.Geometry;

/**
 * The few PostGIS predicates the application uses, typed over the generated geometry columns. jOOQ's open-source
 * edition has no spatial functions, so these name them; operands stay fields and bind values (never SQL text),
 * and a predicate on an indexed column is what lets PostgreSQL use its GiST index.
 */
final class Spatial {
    private Spatial() {
    }

    /** {@code ST_Contains(container, geometry)}: no point of geometry lies outside container. */
    static Condition contains(Field<Geometry> container, Field<Geometry> geometry) {
        return DSL.condition(DSL.function("ST_Contains", Boolean.class, container, geometry));
    }

    /** {@code ST_Within(geometry, container)}. */
    static Condition within(Field<Geometry> geometry, Field<Geometry> container) {
        return DSL.condition(DSL.function("ST_Within", Boolean.class, geometry, container));
    }

    /** {@code ST_Distance(a, b)} in the units of the SRID (degrees for 4326): for ordering by nearness. */
    static Field<Double> distance(Field<Geometry> a, Field<Geometry> b) {
        return DSL.function("ST_Distance", Double.class, a, b);
    }

    /** {@code ST_SRID(geometry)}. */
    static Field<Integer> srid(Field<Geometry> geometry) {
        return DSL.function("ST_SRID", Integer.class, geometry);
    }
}
