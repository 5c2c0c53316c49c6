package db.migration;

import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;
import org.jooq.impl.SQLDataType;

public class V4__add_greenhouse_notes extends DemeterMigration {
    @Override
    protected void up(DSLContext db) {
        db.alterTable("greenhouses").addColumn("notes", SQLDataType.CLOB).execute();
    }

    @Override
    protected void down(DSLContext db) {
        db.alterTable("greenhouses").dropColumn("notes").execute();
    }
}
