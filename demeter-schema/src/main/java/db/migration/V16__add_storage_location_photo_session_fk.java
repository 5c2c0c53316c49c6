package db.migration;

import static org.jooq.impl.DSL.constraint;
import static org.jooq.impl.DSL.name;

import ai.demeter.migrations.api.AlembicRevision;
import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;

/**
 * Alembic revision a1b2c3d4e5f6: the circular foreign key storage_locations.photo_session_id →
 * photo_processing_sessions.id ("latest photo" of a location), added once both tables exist. The original
 * wrapped it in a conditional DO block for a branch layout that no longer exists; the history says both
 * tables are there, so it is added plainly.
 */
@AlembicRevision("a1b2c3d4e5f6")
public class V16__add_storage_location_photo_session_fk extends DemeterMigration {
    @Override
    protected void up(DSLContext db) {
        db.alterTable(name("storage_locations"))
                .add(constraint(name("fk_storage_location_photo_session")).foreignKey(name("photo_session_id"))
                        .references(name("photo_processing_sessions"), name("id")).onDeleteSetNull())
                .execute();
    }

    @Override
    protected void down(DSLContext db) {
        db.alterTable(name("storage_locations")).dropConstraint(name("fk_storage_location_photo_session")).execute();
    }
}
