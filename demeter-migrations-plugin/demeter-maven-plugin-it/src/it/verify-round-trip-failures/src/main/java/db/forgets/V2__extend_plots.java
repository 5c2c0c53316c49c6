package db.forgets;

import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;

/**
 * One kind of object per change, and a down that forgets one thing of each kind: verify must list every one of
 * them (a column, an index, an enum type whose column it did drop, a trigger on V1's function, and the function of
 * a trigger it did drop), and nothing it dropped.
 */
public class V2__extend_plots extends DemeterMigration {
    @Override
    protected void up(DSLContext db) {
        db.execute("alter table plots add column note text");
        db.execute("create index idx_plots_code_lower on plots (lower(code))");
        db.execute("create type plot_kind as enum ('field', 'greenhouse')");
        db.execute("alter table plots add column kind plot_kind");
        db.execute("create trigger trg_touch_plot before insert on plots for each row execute function touch_plot()");
        db.execute("create function stamp_plot() returns trigger language plpgsql as $$ begin new.code = trim(new.code); return new; end $$");
        db.execute("create trigger trg_stamp_plot before update on plots for each row execute function stamp_plot()");
    }

    @Override
    protected void down(DSLContext db) {
        db.execute("drop trigger trg_stamp_plot on plots");
        // Forgets to drop the function stamp_plot().
        db.execute("alter table plots drop column kind");
        // Forgets to drop the type plot_kind.
        // Forgets to drop the trigger trg_touch_plot.
        // Forgets to drop the index idx_plots_code_lower.
        // Forgets to drop the column note.
    }
}
