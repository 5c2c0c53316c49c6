package db.migration;

import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;

/** No down(): rolling it back must be refused before anything runs. Sits on the shared chain (V1-V3). */
public class V4__backfill_greenhouse_names extends DemeterMigration {
    @Override
    protected void up(DSLContext db) {
        db.execute("update greenhouses set name = code where name is null");
    }
}
