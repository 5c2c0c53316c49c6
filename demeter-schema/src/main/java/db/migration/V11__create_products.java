package db.migration;

import static org.jooq.impl.DSL.constraint;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import ai.demeter.migrations.api.AlembicRevision;
import ai.demeter.migrations.api.DemeterMigration;
import ai.demeter.schema.ddl.Comments;
import ai.demeter.schema.ddl.Checks;
import ai.demeter.schema.ddl.Indexes;
import ai.demeter.schema.ddl.PgTypes;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.SQLDataType;

/**
 * Alembic revision 5gh9j2n4k7lm: {@code products}, the leaf of the taxonomy. No seed: products are created by
 * users and the ML pipeline. No timestamp columns.
 */
@AlembicRevision("5gh9j2n4k7lm")
public class V11__create_products extends DemeterMigration {
    @Override
    protected void up(DSLContext db) {
        db.createTable(name("products"))
                .column(name("id"), PgTypes.SERIAL.nullable(false))
                .column(name("family_id"), SQLDataType.INTEGER.nullable(false))
                .column(name("sku"), SQLDataType.VARCHAR(20).nullable(false))
                .column(name("common_name"), SQLDataType.VARCHAR(200).nullable(false))
                .column(name("scientific_name"), SQLDataType.VARCHAR(200))
                .column(name("description"), SQLDataType.CLOB)
                .column(name("custom_attributes"), SQLDataType.JSONB.defaultValue(inline(JSONB.valueOf("{}"))))
                .constraints(
                        constraint(name("pk_products")).primaryKey(name("id")),
                        constraint(name("fk_products_family_id_product_families")).foreignKey(name("family_id"))
                                .references(name("product_families"), name("family_id")).onDeleteCascade(),
                        constraint(name("uq_products_sku")).unique(name("sku")),
                        constraint(name("ck_product_sku_length")).check(Checks.lengthBetween("sku", 6, 20)),
                        // Upper-case letters, digits and hyphens only.
                        constraint(name("ck_product_sku_format")).check(
                                field(name("sku"), SQLDataType.VARCHAR).likeRegex("^[A-Z0-9-]+$")))
                .execute();
        Comments.describe(db, "products", "Products - LEAF taxonomy (Category → Family → Product). NO seed data.",
                "id", "Primary key (auto-increment)",
                "family_id", "Foreign key to product_families (CASCADE delete)",
                "sku", "Unique Stock Keeping Unit (6-20 chars, alphanumeric+hyphen, uppercase)",
                "common_name", "Human-readable product name (e.g., Echeveria 'Lola')",
                "scientific_name", "Optional botanical/scientific name",
                "description", "Optional detailed description",
                "custom_attributes", "Flexible metadata (color, variegation, growth_rate, etc.)");
        db.createIndex(name("ix_products_family_id")).on(name("products"), name("family_id")).execute();
        db.createUniqueIndex(name("ix_products_sku")).on(name("products"), name("sku")).execute();
        Indexes.gin(db, "ix_products_custom_attributes", "products", "custom_attributes");
    }

    @Override
    protected void down(DSLContext db) {
        db.dropTable(name("products")).execute();
    }
}
