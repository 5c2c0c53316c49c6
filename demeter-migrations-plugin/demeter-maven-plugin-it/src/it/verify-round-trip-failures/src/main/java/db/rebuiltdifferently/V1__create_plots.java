package db.rebuiltdifferently;

import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;

public class V1__create_plots extends DemeterMigration {
    @Override
    protected void up(DSLContext db) {
        db.execute("create table plots (id integer primary key, code text not null)");
        db.execute("create table plot_imports (batch integer not null)");
    }

    @Override
    protected void down(DSLContext db) {
        db.execute("drop table plot_imports");
        db.execute("drop table plots");
    }
}
