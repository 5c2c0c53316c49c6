package db.migration;

import static org.jooq.impl.DSL.name;

import ai.demeter.migrations.api.AlembicRevision;
import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;

/**
 * Alembic revision cd8d2c2050ab: photo_processing_sessions.original_image_id may be NULL, so a session can
 * exist before its original image is uploaded (all uploads of a session then share its session_id).
 *
 * <p>The column was already created nullable by the "remaining tables" revision (V15), so on this chain the
 * up changes nothing and is kept for the record. For the same reason the down is deliberately empty: the
 * original downgrade's SET NOT NULL would leave the schema stricter than V19 left it.
 */
@AlembicRevision("cd8d2c2050ab")
public class V20__make_original_image_id_nullable extends DemeterMigration {
    @Override
    protected void up(DSLContext db) {
        db.alterTable(name("photo_processing_sessions")).alterColumn(name("original_image_id")).dropNotNull().execute();
    }

    @Override
    protected void down(DSLContext db) {
        // Nothing to undo: see the class comment.
    }
}
