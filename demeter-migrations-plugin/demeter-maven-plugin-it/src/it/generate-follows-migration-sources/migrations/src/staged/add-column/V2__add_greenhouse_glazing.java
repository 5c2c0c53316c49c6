package db.migration;

import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;
import org.jooq.impl.SQLDataType;

public class V2__add_greenhouse_glazing extends DemeterMigration {
    @Override
    protected void up(DSLContext db) {
        db.alterTable("greenhouses").addColumn("glazing", SQLDataType.VARCHAR(30)).execute();
    }

    @Override
    protected void down(DSLContext db) {
        db.alterTable("greenhouses").dropColumn("glazing").execute();
    }
}
