package db.migration;

import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;
import org.jooq.impl.SQLDataType;

public class V5__add_greenhouse_area extends DemeterMigration {
    @Override
    protected void up(DSLContext db) {
        db.alterTable("greenhouses").addColumn("area_m2", SQLDataType.NUMERIC(10, 2)).execute();
    }

    @Override
    protected void down(DSLContext db) {
        db.alterTable("greenhouses").dropColumn("area_m2").execute();
    }
}
