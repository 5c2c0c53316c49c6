package db.migration;

import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;
import org.jooq.impl.SQLDataType;

public class V2__drop_plot_note extends DemeterMigration {
    @Override
    protected void up(DSLContext db) {
        db.alterTable("plots").dropColumn("note").execute();
    }

    @Override
    protected void down(DSLContext db) {
        db.alterTable("plots").addColumn("note", SQLDataType.CLOB).execute();
    }
}
