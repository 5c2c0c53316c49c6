package ai.demeter.schema.ddl;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.impl.DSL;

/**
 * A native PostgreSQL enum type: created by the migration that first needs it and dropped again by that
 * migration's down, so a rollback leaves no orphan type behind (the Alembic downgrades did).
 *
 * <p>No {@code DO ... EXCEPTION WHEN duplicate_object} guard: the migration history already says whether the
 * type exists, and a surprise duplicate should fail loudly.
 */
public final class PgEnum {
    private final String name;
    private final List<String> labels;

    public PgEnum(String name, String... labels) {
        this.name = name;
        this.labels = List.of(labels);
    }

    public String name() {
        return name;
    }

    /** The labels in declaration order (which is also the type's sort order). */
    public List<String> labels() {
        return labels;
    }

    /** The column type; a default such as {@code 'active'} is coerced to it by PostgreSQL. */
    public DataType<Object> type() {
        return PgTypes.named(name);
    }

    public void create(DSLContext db) {
        db.createType(DSL.name(name)).asEnum(labels.toArray(String[]::new)).execute();
    }

    public void drop(DSLContext db) {
        db.dropType(DSL.name(name)).execute();
    }
}
