package db.migration;

import ai.demeter.migrations.api.AlembicRevision;
import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;

/**
 * Alembic revision 6f1b94ebef45 (initial_setup_enable_postgis, the base of the chain): the PostGIS extension
 * every spatial column after it needs.
 *
 * <p>The down drops the extension only when nothing else in the database depends on it (RESTRICT is the default),
 * so rolling back to base on a database that holds other spatial data fails loudly instead of destroying it.
 * CREATE EXTENSION has no jOOQ DSL word.
 */
@AlembicRevision("6f1b94ebef45")
public class V1__enable_postgis extends DemeterMigration {
    @Override
    protected void up(DSLContext db) {
        db.execute("create extension if not exists postgis");
    }

    @Override
    protected void down(DSLContext db) {
        db.execute("drop extension if exists postgis");
    }
}
