package db.migration;

import static org.jooq.impl.DSL.constraint;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.foreignKey;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.primaryKey;

import ai.demeter.migrations.api.AlembicRevision;
import ai.demeter.migrations.api.DemeterMigration;
import ai.demeter.schema.ddl.Comments;
import ai.demeter.schema.ddl.PgEnum;
import ai.demeter.schema.ddl.PgTypes;
import ai.demeter.schema.ddl.Timestamps;
import org.jooq.DSLContext;
import org.jooq.impl.SQLDataType;

/**
 * Alembic revision 8807863f7d8c: {@code location_relationships}, containment and adjacency between storage
 * locations. From here on the schema uses {@code timestamp} without time zone. The foreign keys and the
 * primary key are unnamed in the original and carry PostgreSQL's default names.
 */
@AlembicRevision("8807863f7d8c")
public class V14__create_location_relationships extends DemeterMigration {
    static final PgEnum RELATIONSHIP_TYPE = new PgEnum("relationshiptypeenum", "contains", "adjacent_to");

    @Override
    protected void up(DSLContext db) {
        RELATIONSHIP_TYPE.create(db);
        db.createTable(name("location_relationships"))
                .column(name("id"), PgTypes.SERIAL.nullable(false))
                .column(name("parent_location_id"), SQLDataType.INTEGER.nullable(false))
                .column(name("child_location_id"), SQLDataType.INTEGER.nullable(false))
                .column(name("relationship_type"), RELATIONSHIP_TYPE.type().nullable(false))
                .columns(Timestamps.local())
                .constraints(
                        // A location cannot contain or neighbour itself.
                        constraint(name("ck_no_self_reference")).check(
                                field(name("parent_location_id")).ne(field(name("child_location_id")))),
                        foreignKey(name("child_location_id"))
                                .references(name("storage_locations"), name("location_id")).onDeleteCascade(),
                        foreignKey(name("parent_location_id"))
                                .references(name("storage_locations"), name("location_id")).onDeleteCascade(),
                        primaryKey(name("id")),
                        constraint(name("uq_location_pair")).unique(name("parent_location_id"), name("child_location_id")))
                .execute();
        Comments.describe(db, "location_relationships", "Hierarchical and adjacency relationships between storage locations",
                "id", "Primary key",
                "parent_location_id", "Parent location ID",
                "child_location_id", "Child location ID",
                "relationship_type", "Relationship type: contains or adjacent_to",
                "created_at", "Creation timestamp",
                "updated_at", "Last update timestamp");
        db.createIndex(name("ix_location_relationships_parent_location_id"))
                .on(name("location_relationships"), name("parent_location_id")).execute();
        db.createIndex(name("ix_location_relationships_child_location_id"))
                .on(name("location_relationships"), name("child_location_id")).execute();
    }

    @Override
    protected void down(DSLContext db) {
        db.dropTable(name("location_relationships")).execute();
        RELATIONSHIP_TYPE.drop(db);
    }
}
