package db.migration;

import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;

/** No down(): rolling it back must be refused before anything runs. */
public class V2__enable_postgis extends DemeterMigration {
    @Override
    protected void up(DSLContext db) {
        db.execute("create extension if not exists postgis");
    }
}
