package ai.demeter.bench.impact.naive;

import ai.demeter.bench.impact.ImageTypes;
import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The way DemeterAI's V19 filled {@code image_type}: the column and one UPDATE of every row in the same
 * transaction, so the ADD COLUMN's ACCESS EXCLUSIVE lock is held until the last row is written.
 */
public class V2__add_and_fill_image_type extends DemeterMigration {
    @Override
    protected void up(DSLContext db) {
        db.alterTable(ImageTypes.TABLE).addColumn(ImageTypes.IMAGE_TYPE).execute();
        db.update(DSL.table(DSL.name(ImageTypes.TABLE))).set(ImageTypes.IMAGE_TYPE, ImageTypes.fromBucket()).execute();
    }

    @Override
    protected void down(DSLContext db) {
        db.alterTable(ImageTypes.TABLE).dropColumn(ImageTypes.IMAGE_TYPE).execute();
    }
}
