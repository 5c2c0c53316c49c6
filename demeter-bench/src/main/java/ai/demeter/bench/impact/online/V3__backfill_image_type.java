package ai.demeter.bench.impact.online;

import ai.demeter.bench.impact.ImageTypes;
import ai.demeter.migrations.api.Backfill;
import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;

/** Fills {@code image_type} in keyset batches with the default tuning, outside a transaction. */
public class V3__backfill_image_type extends DemeterMigration {
    static final Backfill IMAGE_TYPE = Backfill.table(ImageTypes.TABLE)
            .set(ImageTypes.IMAGE_TYPE, ImageTypes.fromBucket())
            .where(ImageTypes.IMAGE_TYPE.isNull())
            .inverse(Backfill.table(ImageTypes.TABLE).set(ImageTypes.IMAGE_TYPE, (String) null));

    @Override
    protected boolean transactional() {
        return false;
    }

    @Override
    protected void change(DSLContext db) {
        backfill(db, IMAGE_TYPE);
    }
}
