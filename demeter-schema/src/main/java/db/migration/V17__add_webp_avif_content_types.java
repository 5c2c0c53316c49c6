package db.migration;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import ai.demeter.migrations.api.AlembicRevision;
import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;

/**
 * Alembic revision b2c3d4e5f6g7: s3_images may also hold WebP and AVIF (the ML visualisations), so
 * content_type_enum gains {@code image/webp} and {@code image/avif}.
 *
 * <p>PostgreSQL cannot drop an enum label, so the down rebuilds the type with the original two labels and
 * moves the column over. It refuses, before changing anything, while any image still uses a new label:
 * those rows would have no valid value. (The original downgrade only logged a warning.)
 */
@AlembicRevision("b2c3d4e5f6g7")
public class V17__add_webp_avif_content_types extends DemeterMigration {
    private static final String TYPE = "content_type_enum";
    private static final String PREVIOUS_TYPE = "content_type_enum_before_v17";

    @Override
    protected void up(DSLContext db) {
        db.alterType(name(TYPE)).addValue("image/webp").execute();
        db.alterType(name(TYPE)).addValue("image/avif").execute();
    }

    @Override
    protected void down(DSLContext db) {
        // A DO block, not a query and a Java branch: the check must run on the database, and the SQL must stay
        // the same when rendered offline.
        db.execute("DO $$ BEGIN "
                + "IF EXISTS (SELECT 1 FROM s3_images WHERE content_type::text IN ('image/webp', 'image/avif')) THEN "
                + "RAISE EXCEPTION 'Cannot roll back V17: s3_images rows use content type image/webp or image/avif; "
                + "convert or delete them first'; "
                + "END IF; END $$");
        db.alterType(name(TYPE)).renameTo(name(PREVIOUS_TYPE)).execute();
        db.createType(name(TYPE)).asEnum(V13__create_s3_images.CONTENT_TYPE.labels().toArray(String[]::new)).execute();
        // content_type has no default; one would have to be dropped before and restored after the type change.
        db.query("alter table {0} alter column {1} type {2} using {1}::text::{2}",
                name("s3_images"), name("content_type"), name(TYPE)).execute();
        db.dropType(name(PREVIOUS_TYPE)).execute();
    }
}
