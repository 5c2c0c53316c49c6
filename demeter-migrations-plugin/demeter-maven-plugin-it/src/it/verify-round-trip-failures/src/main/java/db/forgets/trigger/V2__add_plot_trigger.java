package db.forgets.trigger;

import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;

public class V2__add_plot_trigger extends DemeterMigration {
    @Override
    protected void up(DSLContext db) {
        db.execute("create trigger trg_touch_plot before insert on plots for each row execute function touch_plot()");
    }

    @Override
    protected void down(DSLContext db) {
        // Forgets to drop the trigger.
    }
}
