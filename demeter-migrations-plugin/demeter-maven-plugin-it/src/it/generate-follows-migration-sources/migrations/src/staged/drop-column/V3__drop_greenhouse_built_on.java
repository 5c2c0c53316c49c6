package db.migration;

import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;
import org.jooq.impl.SQLDataType;

public class V3__drop_greenhouse_built_on extends DemeterMigration {
    @Override
    protected void up(DSLContext db) {
        db.alterTable("greenhouses").dropColumn("built_on").execute();
    }

    @Override
    protected void down(DSLContext db) {
        db.alterTable("greenhouses").addColumn("built_on", SQLDataType.LOCALDATE).execute();
    }
}
