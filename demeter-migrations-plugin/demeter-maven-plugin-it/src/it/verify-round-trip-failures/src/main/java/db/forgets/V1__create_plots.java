package db.forgets;

import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;

public class V1__create_plots extends DemeterMigration {
    @Override
    protected void up(DSLContext db) {
        db.execute("create table plots (id integer primary key, code text not null)");
        db.execute("create function touch_plot() returns trigger language plpgsql as $$ begin new.code = upper(new.code); return new; end $$");
    }

    @Override
    protected void down(DSLContext db) {
        db.execute("drop function touch_plot()");
        db.execute("drop table plots");
    }
}
