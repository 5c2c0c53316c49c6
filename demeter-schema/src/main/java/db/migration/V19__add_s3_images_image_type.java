package db.migration;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import ai.demeter.migrations.api.AlembicRevision;
import ai.demeter.migrations.api.DemeterMigration;
import ai.demeter.schema.ddl.Comments;
import ai.demeter.schema.ddl.PgEnum;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;

/**
 * Alembic revision b5820a339233 (S3 bucket consolidation): images of every kind now share a bucket, so each row
 * says what it is ({@code image_type}) and where its processed rendering lives ({@code s3_key_processed}).
 * Existing rows are backfilled from the bucket they were stored in. The column has no default.
 *
 * <p>The down drops both columns and the type, which also removes everything the backfill wrote.
 */
@AlembicRevision("b5820a339233")
public class V19__add_s3_images_image_type extends DemeterMigration {
    static final PgEnum IMAGE_TYPE = new PgEnum("image_type_enum", "original", "processed", "thumbnail");

    @Override
    protected void up(DSLContext db) {
        IMAGE_TYPE.create(db);
        db.alterTable(name("s3_images")).add(field(name("s3_key_processed"), SQLDataType.VARCHAR(512))).execute();
        Comments.describe(db, "s3_images", null,
                "s3_key_processed", "S3 key for ML-processed visualization image (nullable)");
        db.alterTable(name("s3_images")).add(field(name("image_type"), IMAGE_TYPE.type())).execute();
        Comments.describe(db, "s3_images", null,
                "image_type", "Image type (original, processed, thumbnail)");

        Field<String> keyProcessed = field(name("s3_key_processed"), SQLDataType.VARCHAR);
        backfillType(db, "demeter-photos-original", "original");
        backfillType(db, "demeter-photos-viz", "processed");
        db.update(table(name("s3_images")))
                .set(keyProcessed, field(name("s3_key_original"), SQLDataType.VARCHAR))
                .where(imageType().eq(inline("processed")))
                .and(keyProcessed.isNull())
                .execute();
    }

    private static void backfillType(DSLContext db, String bucket, String type) {
        db.update(table(name("s3_images")))
                .set(imageType(), inline(type))
                .where(field(name("s3_bucket")).eq(inline(bucket)))
                .and(imageType().isNull())
                .execute();
    }

    /** Typed as text for the statements above: literals are coerced to the enum by PostgreSQL. */
    private static Field<String> imageType() {
        return field(name("image_type"), SQLDataType.VARCHAR);
    }

    @Override
    protected void down(DSLContext db) {
        db.alterTable(name("s3_images")).dropColumn(name("image_type")).execute();
        db.alterTable(name("s3_images")).dropColumn(name("s3_key_processed")).execute();
        IMAGE_TYPE.drop(db);
    }
}
