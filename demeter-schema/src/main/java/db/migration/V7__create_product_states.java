package db.migration;

import static org.jooq.impl.DSL.constraint;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.primaryKey;
import static org.jooq.impl.DSL.unique;

import ai.demeter.migrations.api.AlembicRevision;
import ai.demeter.migrations.api.DemeterMigration;
import ai.demeter.schema.ddl.Comments;
import ai.demeter.schema.ddl.Checks;
import ai.demeter.schema.ddl.PgTypes;
import ai.demeter.schema.ddl.SeedRows;
import ai.demeter.schema.ddl.Timestamps;
import org.jooq.DSLContext;
import org.jooq.impl.SQLDataType;

/**
 * Alembic revision 3xy8k1m9n4pq: {@code product_states}, the plant lifecycle (seed to dead) with the eleven
 * states, ordered in steps of 10; {@code is_sellable} marks the mature and dormant ones.
 */
@AlembicRevision("3xy8k1m9n4pq")
public class V7__create_product_states extends DemeterMigration {
    private static final SeedRows SEED = SeedRows.into("product_states",
                    "code", "name", "description", "is_sellable", "sort_order")
            .row("SEED", "Seed", "Dormant seed, not yet planted", false, 10)
            .row("GERMINATING", "Germinating", "Seed has germinated, roots emerging", false, 20)
            .row("SEEDLING", "Seedling", "Young plant with first true leaves", false, 30)
            .row("JUVENILE", "Juvenile", "Growing plant, not yet mature", false, 40)
            .row("ADULT", "Adult Plant", "Mature plant, ready for sale", true, 50)
            .row("FLOWERING", "Flowering", "Plant in bloom, highly desirable", true, 60)
            .row("FRUITING", "Fruiting", "Producing fruit/seeds", true, 70)
            .row("DORMANT", "Dormant", "Resting period (winter dormancy, still sellable)", true, 80)
            .row("PROPAGATING", "Propagating", "Cutting or division in rooting stage", false, 90)
            .row("DYING", "Dying", "Plant in decline, not recoverable", false, 100)
            .row("DEAD", "Dead", "Plant is dead, awaiting disposal", false, 110);

    @Override
    protected void up(DSLContext db) {
        db.createTable(name("product_states"))
                .column(name("product_state_id"), PgTypes.SERIAL.nullable(false))
                .column(name("code"), SQLDataType.VARCHAR(50).nullable(false))
                .column(name("name"), SQLDataType.VARCHAR(200).nullable(false))
                .column(name("description"), SQLDataType.CLOB)
                .column(name("is_sellable"), SQLDataType.BOOLEAN.nullable(false).defaultValue(inline(false)))
                .column(name("sort_order"), SQLDataType.INTEGER.nullable(false).defaultValue(inline(99)))
                .columns(Timestamps.zoned())
                .constraints(
                        constraint(name("ck_product_state_code_length")).check(Checks.lengthBetween("code", 3, 50)),
                        primaryKey(name("product_state_id")),
                        unique(name("code")))
                .execute();
        Comments.describe(db, "product_states", "Product States - Reference/catalog table defining product lifecycle states",
                "product_state_id", "Primary key (auto-increment)",
                "code", "Unique state code (uppercase, alphanumeric + underscores, 3-50 chars)",
                "name", "Human-readable state name",
                "description", "Optional detailed description",
                "is_sellable", "Business logic flag - can this state be sold? (default FALSE)",
                "sort_order", "UI dropdown order (lifecycle progression)",
                "created_at", "Record creation timestamp",
                "updated_at", "Last update timestamp");
        db.createUniqueIndex(name("ix_product_states_code")).on(name("product_states"), name("code")).execute();
        db.createIndex(name("ix_product_states_is_sellable")).on(name("product_states"), name("is_sellable")).execute();
        db.createIndex(name("ix_product_states_sort_order")).on(name("product_states"), name("sort_order")).execute();
        SEED.insert(db);
    }

    @Override
    protected void down(DSLContext db) {
        SEED.delete(db, "code");
        db.dropTable(name("product_states")).execute();
    }
}
