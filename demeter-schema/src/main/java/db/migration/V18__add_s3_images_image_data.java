package db.migration;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import ai.demeter.migrations.api.AlembicRevision;
import ai.demeter.migrations.api.DemeterMigration;
import ai.demeter.schema.ddl.Comments;
import org.jooq.DSLContext;
import org.jooq.impl.SQLDataType;

/**
 * Alembic revision c3d4e5f6g7h8: {@code s3_images.image_data bytea}, the image bytes cached in the database
 * until ML processing has consumed them.
 */
@AlembicRevision("c3d4e5f6g7h8")
public class V18__add_s3_images_image_data extends DemeterMigration {
    @Override
    protected void up(DSLContext db) {
        db.alterTable(name("s3_images")).add(field(name("image_data"), SQLDataType.BLOB)).execute();
        Comments.describe(db, "s3_images", null,
                "image_data", "Binary image data cached in PostgreSQL (deleted after ML processing)");
    }

    @Override
    protected void down(DSLContext db) {
        db.alterTable(name("s3_images")).dropColumn(name("image_data")).execute();
    }
}
