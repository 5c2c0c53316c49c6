package db.forgets.enumtype;

import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;

public class V2__add_plot_kind extends DemeterMigration {
    @Override
    protected void up(DSLContext db) {
        db.execute("create type plot_kind as enum ('field', 'greenhouse')");
        db.execute("alter table plots add column kind plot_kind");
    }

    @Override
    protected void down(DSLContext db) {
        db.execute("alter table plots drop column kind");
        // Forgets to drop the type.
    }
}
