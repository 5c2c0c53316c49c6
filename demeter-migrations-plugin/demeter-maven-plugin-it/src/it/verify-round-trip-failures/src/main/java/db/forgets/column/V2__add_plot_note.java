package db.forgets.column;

import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;

public class V2__add_plot_note extends DemeterMigration {
    @Override
    protected void up(DSLContext db) {
        db.execute("alter table plots add column note text");
    }

    @Override
    protected void down(DSLContext db) {
        // Forgets to drop the column.
    }
}
