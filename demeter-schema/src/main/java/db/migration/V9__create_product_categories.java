package db.migration;

import static org.jooq.impl.DSL.constraint;
import static org.jooq.impl.DSL.name;

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
 * Alembic revision 0fc9cac096f2: {@code product_categories}, the root of the taxonomy
 * (category → family → product) with eight categories. Its code index is not unique; the unique constraint
 * already guarantees that.
 */
@AlembicRevision("0fc9cac096f2")
public class V9__create_product_categories extends DemeterMigration {
    private static final SeedRows SEED = SeedRows.into("product_categories", "code", "name", "description")
            .row("CACTUS", "Cactus", "Cacti family (Cactaceae) - succulent plants with spines")
            .row("SUCCULENT", "Succulent", "Non-cactus succulents - thick fleshy leaves, drought-tolerant")
            .row("BROMELIAD", "Bromeliad", "Bromeliaceae family - epiphytic tropical plants")
            .row("CARNIVOROUS", "Carnivorous Plant", "Insectivorous plants (Venus flytrap, pitcher plants, etc.)")
            .row("ORCHID", "Orchid", "Orchidaceae family - epiphytic flowering plants")
            .row("FERN", "Fern", "Ferns and fern allies - non-flowering vascular plants")
            .row("TROPICAL", "Tropical Plant", "General tropical foliage plants (Monstera, Philodendron, etc.)")
            .row("HERB", "Herb", "Culinary and medicinal herbs (basil, mint, rosemary, etc.)");

    @Override
    protected void up(DSLContext db) {
        db.createTable(name("product_categories"))
                .column(name("id"), PgTypes.SERIAL.nullable(false))
                .column(name("code"), SQLDataType.VARCHAR(50).nullable(false))
                .column(name("name"), SQLDataType.VARCHAR(200).nullable(false))
                .column(name("description"), SQLDataType.CLOB)
                .columns(Timestamps.zoned())
                .constraints(
                        constraint(name("pk_product_categories")).primaryKey(name("id")),
                        constraint(name("uq_product_categories_code")).unique(name("code")),
                        constraint(name("ck_product_category_code_length")).check(Checks.lengthBetween("code", 3, 50)))
                .execute();
        Comments.describe(db, "product_categories", "Product Categories - ROOT taxonomy table (Category → Family → Product)",
                "id", "Primary key (auto-increment)",
                "code", "Unique category code (uppercase, alphanumeric + underscores, 3-50 chars)",
                "name", "Human-readable category name",
                "description", "Optional detailed description",
                "created_at", "Record creation timestamp",
                "updated_at", "Last update timestamp");
        db.createIndex(name("ix_product_categories_code")).on(name("product_categories"), name("code")).execute();
        SEED.insert(db);
    }

    @Override
    protected void down(DSLContext db) {
        SEED.delete(db, "code");
        db.dropTable(name("product_categories")).execute();
    }
}
