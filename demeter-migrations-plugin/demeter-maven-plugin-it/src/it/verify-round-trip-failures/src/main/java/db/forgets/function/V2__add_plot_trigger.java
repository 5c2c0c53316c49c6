package db.forgets.function;

import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;

public class V2__add_plot_trigger extends DemeterMigration {
    @Override
    protected void up(DSLContext db) {
        db.execute("create function touch_plot() returns trigger language plpgsql as $$ begin new.code = upper(new.code); return new; end $$");
        db.execute("create trigger trg_touch_plot before insert on plots for each row execute function touch_plot()");
    }

    @Override
    protected void down(DSLContext db) {
        db.execute("drop trigger trg_touch_plot on plots");
        // Forgets to drop the function.
    }
}
