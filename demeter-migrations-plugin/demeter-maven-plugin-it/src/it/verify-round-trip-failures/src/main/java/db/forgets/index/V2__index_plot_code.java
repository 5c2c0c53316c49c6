package db.forgets.index;

import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;

public class V2__index_plot_code extends DemeterMigration {
    @Override
    protected void up(DSLContext db) {
        db.execute("create index idx_plots_code_lower on plots (lower(code))");
    }

    @Override
    protected void down(DSLContext db) {
        // Forgets to drop the index.
    }
}
