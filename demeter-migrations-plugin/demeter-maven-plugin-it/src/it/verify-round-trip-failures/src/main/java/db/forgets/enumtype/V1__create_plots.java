package db.forgets.enumtype;

import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;

public class V1__create_plots extends DemeterMigration {
    @Override
    protected void up(DSLContext db) {
        db.execute("create table plots (id integer primary key, code text not null)");
    }

    @Override
    protected void down(DSLContext db) {
        db.execute("drop table plots");
    }
}
