package db.migration;

import static org.jooq.impl.DSL.constraint;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;

import ai.demeter.migrations.api.AlembicRevision;
import ai.demeter.migrations.api.DemeterMigration;
import ai.demeter.schema.ddl.Comments;
import ai.demeter.schema.ddl.PgTypes;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record4;
import org.jooq.Select;
import org.jooq.impl.SQLDataType;

/**
 * Alembic revision 1a2b3c4d5e6f: {@code product_families}, level 2 of the taxonomy, with eighteen genera.
 * Families are seeded by their category's code, since category ids are whatever the sequence handed out.
 * This table has no timestamp columns.
 */
@AlembicRevision("1a2b3c4d5e6f")
public class V10__create_product_families extends DemeterMigration {
    private record Family(String category, String name, String description) {
    }

    /** Seed order fixes the family ids, as in the original (scientific name = genus name for all of them). */
    private static final List<Family> SEED = List.of(
            new Family("CACTUS", "Echeveria", "Small rosette-forming succulents native to Mexico and Central America"),
            new Family("CACTUS", "Mammillaria", "Globular cacti with prominent tubercles and colorful flowers"),
            new Family("CACTUS", "Opuntia", "Pad-forming cacti (prickly pear) with flat stem segments"),
            new Family("CACTUS", "Echinocactus", "Large barrel-shaped cacti native to Mexico and southwestern United States"),
            new Family("SUCCULENT", "Aloe", "Succulent plants with thick fleshy leaves arranged in rosettes"),
            new Family("SUCCULENT", "Haworthia", "Small succulent plants with distinctive striped or warty leaves"),
            new Family("SUCCULENT", "Crassula", "Diverse genus of succulents including jade plants"),
            new Family("SUCCULENT", "Sedum", "Ground-covering succulents with star-shaped flowers"),
            new Family("BROMELIAD", "Tillandsia", "Air plants that absorb water and nutrients through their leaves"),
            new Family("BROMELIAD", "Guzmania", "Colorful bromeliads with bright flower bracts"),
            new Family("BROMELIAD", "Aechmea", "Bromeliads with spiky foliage and long-lasting flower spikes"),
            new Family("CARNIVOROUS", "Nepenthes", "Tropical pitcher plants with hanging traps"),
            new Family("CARNIVOROUS", "Dionaea", "Venus flytrap - iconic snap-trap carnivorous plant"),
            new Family("ORCHID", "Phalaenopsis", "Moth orchids with long-lasting elegant flowers"),
            new Family("ORCHID", "Cattleya", "Large showy orchids with fragrant flowers"),
            new Family("FERN", "Nephrolepis", "Boston ferns and relatives with feathery fronds"),
            new Family("TROPICAL", "Monstera", "Large tropical plants with distinctive split leaves"),
            new Family("HERB", "Mentha", "Mint family - aromatic herbs used in cooking and medicine"));

    @Override
    protected void up(DSLContext db) {
        db.createTable(name("product_families"))
                .column(name("family_id"), PgTypes.SERIAL.nullable(false))
                .column(name("category_id"), SQLDataType.INTEGER.nullable(false))
                .column(name("name"), SQLDataType.VARCHAR(200).nullable(false))
                .column(name("scientific_name"), SQLDataType.VARCHAR(200))
                .column(name("description"), SQLDataType.CLOB)
                .constraints(
                        constraint(name("pk_product_families")).primaryKey(name("family_id")),
                        constraint(name("fk_product_families_category_id_product_categories"))
                                .foreignKey(name("category_id"))
                                .references(name("product_categories"), name("id")).onDeleteCascade())
                .execute();
        Comments.describe(db, "product_families", "Product Families - LEVEL 2 taxonomy (Category → Family → Product)",
                "family_id", "Primary key (auto-increment)",
                "category_id", "Foreign key to product_categories (CASCADE delete)",
                "name", "Human-readable family name (e.g., Echeveria, Aloe)",
                "scientific_name", "Optional botanical/scientific name",
                "description", "Optional detailed description");
        db.createIndex(name("ix_product_families_category_id")).on(name("product_families"), name("category_id")).execute();

        Select<Record4<Integer, String, String, String>> rows = null;
        for (Family family : SEED) {
            Select<Record4<Integer, String, String, String>> row =
                    select(field(name("id"), SQLDataType.INTEGER), inline(family.name()), inline(family.name()), inline(family.description()))
                            .from(table(name("product_categories")))
                            .where(field(name("code")).eq(inline(family.category())));
            rows = rows == null ? row : rows.unionAll(row);
        }
        db.insertInto(table(name("product_families")),
                        field(name("category_id"), SQLDataType.INTEGER), field(name("name"), SQLDataType.VARCHAR),
                        field(name("scientific_name"), SQLDataType.VARCHAR), field(name("description"), SQLDataType.VARCHAR))
                .select(rows)
                .execute();
    }

    @Override
    protected void down(DSLContext db) {
        for (Family family : SEED) {
            db.deleteFrom(table(name("product_families")))
                    .where(field(name("name")).eq(inline(family.name())))
                    .and(field(name("category_id")).in(select(field(name("id")))
                            .from(table(name("product_categories")))
                            .where(field(name("code")).eq(inline(family.category())))))
                    .execute();
        }
        db.dropTable(name("product_families")).execute();
    }
}
