package db.notrepeatable;

import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;

public class V2__seed_plots extends DemeterMigration {
    @Override
    protected void up(DSLContext db) {
        db.execute("insert into plots (id, code) values (1, 'north')");
    }

    @Override
    protected void down(DSLContext db) {
        // Forgets to delete the row.
    }
}
