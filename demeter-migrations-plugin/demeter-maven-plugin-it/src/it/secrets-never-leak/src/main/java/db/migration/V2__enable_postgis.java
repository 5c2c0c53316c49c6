package db.migration;

import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;

public class V2__enable_postgis extends DemeterMigration {
    @Override
    protected void up(DSLContext db) {
        db.execute("create extension if not exists postgis");
        db.execute("alter table greenhouses add column outline geometry(POLYGON,4326)");
    }

    @Override
    protected void down(DSLContext db) {
        db.execute("alter table greenhouses drop column outline");
        db.execute("drop extension if exists postgis");
    }
}
