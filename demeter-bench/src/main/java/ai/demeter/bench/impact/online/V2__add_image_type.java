package ai.demeter.bench.impact.online;

import ai.demeter.bench.impact.ImageTypes;
import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;

/** The nullable column alone: a change of the catalog only, its lock held for a moment. */
public class V2__add_image_type extends DemeterMigration {
    @Override
    protected void change(DSLContext db) {
        db.alterTable(ImageTypes.TABLE).addColumn(ImageTypes.IMAGE_TYPE).execute();
    }
}
