package ai.demeter.schema.ddl;

import org.jooq.DataType;
import org.jooq.SQLDialect;
import org.jooq.impl.DefaultDataType;

/**
 * Column types the jOOQ OSS DSL has no constant for, spelled as PostgreSQL spells them so that the DDL jOOQ
 * renders carries the exact type (and typmod) into the catalog.
 */
public final class PgTypes {
    private PgTypes() {
    }

    /**
     * {@code serial}: an integer with an owned sequence {@code <table>_<column>_seq}. Not an identity column:
     * the Alembic schema uses SERIAL everywhere, and the sequence default is part of what we reproduce.
     */
    public static final DataType<Object> SERIAL = named("serial");

    /** A WGS84 boundary polygon; every polygon in the schema is SRID 4326. */
    public static final DataType<Object> POLYGON_4326 = named("geometry(POLYGON,4326)");

    /** A WGS84 point (centroids, photo positions). */
    public static final DataType<Object> POINT_4326 = named("geometry(POINT,4326)");

    /** A type known to PostgreSQL by name only, such as one of our enum types. */
    public static DataType<Object> named(String typeName) {
        return DefaultDataType.getDefaultDataType(SQLDialect.POSTGRES, typeName);
    }
}
