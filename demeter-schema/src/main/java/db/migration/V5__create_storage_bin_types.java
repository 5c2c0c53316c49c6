package db.migration;

import static ai.demeter.schema.ddl.SeedRows.dec;
import static org.jooq.impl.DSL.constraint;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.primaryKey;
import static org.jooq.impl.DSL.unique;

import ai.demeter.migrations.api.AlembicRevision;
import ai.demeter.migrations.api.DemeterMigration;
import ai.demeter.schema.ddl.Comments;
import ai.demeter.schema.ddl.Checks;
import ai.demeter.schema.ddl.PgEnum;
import ai.demeter.schema.ddl.PgTypes;
import ai.demeter.schema.ddl.SeedRows;
import ai.demeter.schema.ddl.Timestamps;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;

/**
 * Alembic revision 2wh7p3r9bm6t: {@code storage_bin_types}, the catalog of container types (plug trays,
 * seedling trays, boxes, segments, pots) with the seven common types. Comes before storage_bins, which
 * references it (the Alembic chain was reordered by hand for that).
 *
 * <p>The primary key and the unique constraint on code are unnamed in the original, so they carry
 * PostgreSQL's default names.
 */
@AlembicRevision("2wh7p3r9bm6t")
public class V5__create_storage_bin_types extends DemeterMigration {
    static final PgEnum BIN_CATEGORY = new PgEnum("bin_category_enum", "plug", "seedling_tray", "box", "segment", "pot");

    private static final SeedRows SEED = SeedRows.into("storage_bin_types",
                    "code", "name", "category", "rows", "columns", "capacity", "is_grid",
                    "length_cm", "width_cm", "height_cm", "description")
            .row("PLUG_TRAY_288", "288-Cell Plug Tray", "plug", 18, 16, 288, true, dec("54.0"), dec("27.5"), dec("5.5"),
                    "Standard 288-cell plug tray (18 rows × 16 columns)")
            .row("PLUG_TRAY_128", "128-Cell Plug Tray", "plug", 8, 16, 128, true, dec("54.0"), dec("27.5"), dec("6.0"),
                    "Standard 128-cell plug tray (8 rows × 16 columns)")
            .row("PLUG_TRAY_72", "72-Cell Plug Tray", "plug", 6, 12, 72, true, dec("54.0"), dec("27.5"), dec("6.5"),
                    "Standard 72-cell plug tray (6 rows × 12 columns)")
            .row("SEEDLING_TRAY_50", "50-Cell Seedling Tray", "seedling_tray", 5, 10, 50, true,
                    dec("54.0"), dec("27.5"), dec("6.0"), "Standard 50-cell seedling tray (5 rows × 10 columns)")
            .row("BOX_STANDARD", "Standard Transport Box", "box", null, null, 100, false,
                    dec("60.0"), dec("40.0"), dec("30.0"), "Standard transport box for plant storage")
            .row("SEGMENT_STANDARD", "Individual Segment", "segment", null, null, null, false, null, null, null,
                    "Individual segment detected by ML (no fixed dimensions)")
            .row("POT_10CM", "10cm Diameter Pot", "pot", null, null, 1, false, dec("10.0"), dec("10.0"), dec("10.0"),
                    "Standard 10cm diameter pot for individual plants");

    @Override
    protected void up(DSLContext db) {
        BIN_CATEGORY.create(db);
        Field<Boolean> isGrid = field(name("is_grid"), SQLDataType.BOOLEAN);
        db.createTable(name("storage_bin_types"))
                .column(name("bin_type_id"), PgTypes.SERIAL.nullable(false))
                .column(name("code"), SQLDataType.VARCHAR(50).nullable(false))
                .column(name("name"), SQLDataType.VARCHAR(200).nullable(false))
                .column(name("category"), BIN_CATEGORY.type().nullable(false))
                .column(name("description"), SQLDataType.CLOB)
                .column(name("rows"), SQLDataType.INTEGER)
                .column(name("columns"), SQLDataType.INTEGER)
                .column(name("capacity"), SQLDataType.INTEGER)
                .column(name("length_cm"), SQLDataType.NUMERIC(6, 2))
                .column(name("width_cm"), SQLDataType.NUMERIC(6, 2))
                .column(name("height_cm"), SQLDataType.NUMERIC(6, 2))
                .column(isGrid, SQLDataType.BOOLEAN.nullable(false).defaultValue(inline(false)))
                .columns(Timestamps.zoned())
                .constraints(
                        constraint(name("ck_storage_bin_type_code_length")).check(Checks.lengthBetween("code", 3, 50)),
                        // A grid (plug/seedling tray) must say how many rows and columns it has.
                        constraint(name("ck_storage_bin_type_grid_requires_rows_columns")).check(
                                isGrid.eq(inline(false)).or(isGrid.eq(inline(true))
                                        .and(field(name("rows")).isNotNull())
                                        .and(field(name("columns")).isNotNull()))),
                        primaryKey(name("bin_type_id")),
                        unique(name("code")))
                .execute();
        Comments.describe(db, "storage_bin_types", "Storage Bin Types - Reference/catalog table defining container types",
                "bin_type_id", "Primary key (auto-increment)",
                "code", "Unique bin type code (uppercase, alphanumeric + underscores, 3-50 chars)",
                "name", "Human-readable type name",
                "category", "Category: plug, seedling_tray, box, segment, pot",
                "description", "Optional detailed description",
                "rows", "Number of rows (nullable, required for grid types)",
                "columns", "Number of columns (nullable, required for grid types)",
                "capacity", "Total capacity (nullable, may differ from rows×columns)",
                "length_cm", "Container length in cm (nullable)",
                "width_cm", "Container width in cm (nullable)",
                "height_cm", "Container height in cm (nullable)",
                "is_grid", "True for plug trays with grid structure (default FALSE)",
                "created_at", "Record creation timestamp",
                "updated_at", "Last update timestamp");
        db.createUniqueIndex(name("ix_storage_bin_types_code")).on(name("storage_bin_types"), name("code")).execute();
        db.createIndex(name("ix_storage_bin_types_category")).on(name("storage_bin_types"), name("category")).execute();
        SEED.insert(db);
    }

    @Override
    protected void down(DSLContext db) {
        SEED.delete(db, "code");
        db.dropTable(name("storage_bin_types")).execute();
        BIN_CATEGORY.drop(db);
    }
}
