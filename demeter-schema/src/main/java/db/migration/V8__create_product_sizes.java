package db.migration;

import static ai.demeter.schema.ddl.SeedRows.dec;
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
 * Alembic revision 4ab9c2d8e5fg: {@code product_sizes}, height classes XS to XXL plus CUSTOM. The code-length
 * check starts at 1 (not 3 as elsewhere) so the one-letter codes S, M, L fit.
 */
@AlembicRevision("4ab9c2d8e5fg")
public class V8__create_product_sizes extends DemeterMigration {
    private static final SeedRows SEED = SeedRows.into("product_sizes",
                    "code", "name", "description", "min_height_cm", "max_height_cm", "sort_order")
            .row("XS", "Extra Small (0-5cm)", "Extra small plants, 0-5cm height", dec("0.00"), dec("5.00"), 10)
            .row("S", "Small (5-10cm)", "Small plants, 5-10cm height", dec("5.00"), dec("10.00"), 20)
            .row("M", "Medium (10-20cm)", "Medium plants, 10-20cm height", dec("10.00"), dec("20.00"), 30)
            .row("L", "Large (20-40cm)", "Large plants, 20-40cm height", dec("20.00"), dec("40.00"), 40)
            .row("XL", "Extra Large (40-80cm)", "Extra large plants, 40-80cm height", dec("40.00"), dec("80.00"), 50)
            .row("XXL", "Extra Extra Large (80+cm)", "Extra extra large plants, 80cm and above (no max)",
                    dec("80.00"), null, 60)
            .row("CUSTOM", "Custom Size (no fixed range)", "Custom size with no fixed height range", null, null, 99);

    @Override
    protected void up(DSLContext db) {
        db.createTable(name("product_sizes"))
                .column(name("product_size_id"), PgTypes.SERIAL.nullable(false))
                .column(name("code"), SQLDataType.VARCHAR(50).nullable(false))
                .column(name("name"), SQLDataType.VARCHAR(200).nullable(false))
                .column(name("description"), SQLDataType.CLOB)
                .column(name("min_height_cm"), SQLDataType.NUMERIC(6, 2))
                .column(name("max_height_cm"), SQLDataType.NUMERIC(6, 2))
                .column(name("sort_order"), SQLDataType.INTEGER.nullable(false).defaultValue(inline(99)))
                .columns(Timestamps.zoned())
                .constraints(
                        constraint(name("ck_product_size_code_length")).check(Checks.lengthBetween("code", 1, 50)),
                        primaryKey(name("product_size_id")),
                        unique(name("code")))
                .execute();
        Comments.describe(db, "product_sizes", "Product Sizes - Reference/catalog table defining product size categories",
                "product_size_id", "Primary key (auto-increment)",
                "code", "Unique size code (uppercase, alphanumeric + underscores, 3-50 chars)",
                "name", "Human-readable size name",
                "description", "Optional detailed description",
                "min_height_cm", "Minimum height in cm (nullable)",
                "max_height_cm", "Maximum height in cm (nullable)",
                "sort_order", "UI dropdown order (size progression)",
                "created_at", "Record creation timestamp",
                "updated_at", "Last update timestamp");
        db.createUniqueIndex(name("ix_product_sizes_code")).on(name("product_sizes"), name("code")).execute();
        db.createIndex(name("ix_product_sizes_sort_order")).on(name("product_sizes"), name("sort_order")).execute();
        SEED.insert(db);
    }

    @Override
    protected void down(DSLContext db) {
        SEED.delete(db, "code");
        db.dropTable(name("product_sizes")).execute();
    }
}
