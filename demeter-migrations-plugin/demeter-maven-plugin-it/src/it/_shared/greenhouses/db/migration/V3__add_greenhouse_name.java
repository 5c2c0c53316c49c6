package db.migration;

import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;
import org.jooq.impl.SQLDataType;

public class V3__add_greenhouse_name extends DemeterMigration {
    @Override
    protected void up(DSLContext db) {
        db.alterTable("greenhouses").addColumn("name", SQLDataType.VARCHAR(200)).execute();
    }

    @Override
    protected void down(DSLContext db) {
        db.alterTable("greenhouses").dropColumn("name").execute();
    }
}
