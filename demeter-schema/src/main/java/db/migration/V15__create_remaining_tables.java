package db.migration;

import static org.jooq.impl.DSL.constraint;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.foreignKey;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.primaryKey;
import static org.jooq.impl.DSL.unique;

import ai.demeter.migrations.api.AlembicRevision;
import ai.demeter.migrations.api.DemeterMigration;
import ai.demeter.schema.ddl.Comments;
import ai.demeter.schema.ddl.PgEnum;
import ai.demeter.schema.ddl.PgTypes;
import ai.demeter.schema.ddl.Timestamps;
import java.math.BigDecimal;
import java.util.List;
import org.jooq.Constraint;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;

/**
 * Alembic revision 9f8e7d6c5b4a: the fourteen remaining tables in one revision — packaging and pricing, stock
 * (batches as current state, movements as the event log), the photo/ML pipeline and configuration — plus
 * their five enums.
 *
 * <p>This revision's conventions differ from the earlier ones and are kept: {@code timestamp} without time
 * zone, plain {@code json} for ML payloads, unnamed primary/foreign/unique keys (PostgreSQL default names),
 * and ON DELETE RESTRICT where losing the row would break the audit trail (users, batches' bins, products).
 * detections and estimations are ordinary tables (the planned date partitioning never happened).
 * {@code storage_locations.photo_session_id} gets its foreign key in V16, now that both tables exist.
 */
@AlembicRevision("9f8e7d6c5b4a")
public class V15__create_remaining_tables extends DemeterMigration {
    static final PgEnum SESSION_STATUS = new PgEnum("sessionstatusenum", "pending", "processing", "completed", "failed");
    static final PgEnum SAMPLE_TYPE = new PgEnum("sampletypeenum",
            "reference", "growth_stage", "quality_check", "monthly_sample");
    static final PgEnum MOVEMENT_TYPE = new PgEnum("movementtypeenum",
            "plantar", "sembrar", "transplante", "muerte", "ventas", "foto", "ajuste", "manual_init");
    static final PgEnum SOURCE_TYPE = new PgEnum("sourcetypeenum", "manual", "ia");
    static final PgEnum CALCULATION_METHOD = new PgEnum("calculationmethodenum",
            "band_estimation", "density_estimation", "grid_analysis");

    private static final List<PgEnum> ENUMS =
            List.of(SESSION_STATUS, SAMPLE_TYPE, MOVEMENT_TYPE, SOURCE_TYPE, CALCULATION_METHOD);

    /** Creation order; the down drops in reverse so every FK target outlives its referrers. */
    private static final List<String> TABLES = List.of(
            "packaging_types", "packaging_materials", "packaging_colors", "packaging_catalog", "price_list",
            "stock_batches", "photo_processing_sessions", "product_sample_images", "stock_movements",
            "classifications", "detections", "estimations", "storage_location_config", "density_parameters");

    @Override
    protected void up(DSLContext db) {
        ENUMS.forEach(e -> e.create(db));
        createPackaging(db);
        createPriceList(db);
        createStockBatches(db);
        createPhotoProcessingSessions(db);
        createProductSampleImages(db);
        createStockMovements(db);
        createClassifications(db);
        createDetections(db);
        createEstimations(db);
        createStorageLocationConfig(db);
        createDensityParameters(db);
    }

    @Override
    protected void down(DSLContext db) {
        for (int i = TABLES.size() - 1; i >= 0; i--) {
            db.dropTable(name(TABLES.get(i))).execute();
        }
        for (int i = ENUMS.size() - 1; i >= 0; i--) {
            ENUMS.get(i).drop(db);
        }
    }

    private static void createPackaging(DSLContext db) {
        // Types and materials are the same small code list; {table, comment}.
        for (String[] kind : new String[][] {
            {"packaging_types", "Packaging types (pot, box, tray, etc.)"},
            {"packaging_materials", "Packaging materials (plastic, ceramic, etc.)"}}) {
            String table = kind[0];
            db.createTable(name(table))
                    .column(name("id"), PgTypes.SERIAL.nullable(false))
                    .column(name("code"), SQLDataType.VARCHAR(20).nullable(false))
                    .column(name("name"), SQLDataType.VARCHAR(100).nullable(false))
                    .column(name("description"), SQLDataType.CLOB)
                    .columns(Timestamps.local())
                    .constraints(unique(name("code")), primaryKey(name("id")))
                    .execute();
            Comments.describe(db, table, kind[1]);
            db.createIndex(name("ix_" + table + "_code")).on(name(table), name("code")).execute();
        }

        db.createTable(name("packaging_colors"))
                .column(name("id"), PgTypes.SERIAL.nullable(false))
                .column(name("name"), SQLDataType.VARCHAR(50).nullable(false))
                .column(name("hex_code"), SQLDataType.VARCHAR(7).nullable(false))
                .columns(Timestamps.local())
                .constraints(unique(name("name")), primaryKey(name("id")))
                .execute();
        Comments.describe(db, "packaging_colors", "Packaging colors");
        db.createIndex(name("ix_packaging_colors_hex_code")).on(name("packaging_colors"), name("hex_code")).execute();

        db.createTable(name("packaging_catalog"))
                .column(name("id"), PgTypes.SERIAL.nullable(false))
                .column(name("packaging_type_id"), SQLDataType.INTEGER.nullable(false))
                .column(name("packaging_material_id"), SQLDataType.INTEGER.nullable(false))
                .column(name("packaging_color_id"), SQLDataType.INTEGER.nullable(false))
                .column(name("sku"), SQLDataType.VARCHAR(50).nullable(false))
                .column(name("name"), SQLDataType.VARCHAR(200).nullable(false))
                .column(name("volume_liters"), SQLDataType.NUMERIC(10, 2))
                .column(name("diameter_cm"), SQLDataType.NUMERIC(10, 2))
                .column(name("height_cm"), SQLDataType.NUMERIC(10, 2))
                .columns(Timestamps.local())
                .constraints(
                        unique(name("sku")),
                        restrict("packaging_type_id", "packaging_types", "id"),
                        restrict("packaging_material_id", "packaging_materials", "id"),
                        restrict("packaging_color_id", "packaging_colors", "id"),
                        primaryKey(name("id")))
                .execute();
        Comments.describe(db, "packaging_catalog", "Packaging catalog - combinations of type, material, color");
        db.createIndex(name("ix_packaging_catalog_sku")).on(name("packaging_catalog"), name("sku")).execute();
        db.createIndex(name("ix_packaging_catalog_type")).on(name("packaging_catalog"), name("packaging_type_id")).execute();
    }

    private static void createPriceList(DSLContext db) {
        db.createTable(name("price_list"))
                .column(name("id"), PgTypes.SERIAL.nullable(false))
                .column(name("packaging_catalog_id"), SQLDataType.INTEGER.nullable(false))
                .column(name("product_categories_id"), SQLDataType.INTEGER.nullable(false))
                .column(name("wholesale_unit_price"), SQLDataType.NUMERIC(12, 2))
                .column(name("retail_unit_price"), SQLDataType.NUMERIC(12, 2))
                .column(name("sku"), SQLDataType.VARCHAR(100))
                .column(name("unit_per_storage_box"), SQLDataType.INTEGER)
                .column(name("wholesale_total_price_per_box"), SQLDataType.NUMERIC(12, 2))
                .column(name("observations"), SQLDataType.CLOB)
                .column(name("availability"), SQLDataType.VARCHAR(50))
                .column(name("discount_factor"), SQLDataType.NUMERIC(5, 3))
                // updated_at before created_at, as in the original column order.
                .column(Timestamps.updatedAtLocal())
                .column(Timestamps.createdAtLocal())
                .constraints(
                        cascade("packaging_catalog_id", "packaging_catalog", "id"),
                        cascade("product_categories_id", "product_categories", "id"),
                        primaryKey(name("id")))
                .execute();
        Comments.describe(db, "price_list", "Price list for products and packaging combinations");
        db.createIndex(name("ix_price_list_sku")).on(name("price_list"), name("sku")).execute();
    }

    private static void createStockBatches(DSLContext db) {
        db.createTable(name("stock_batches"))
                .column(name("id"), PgTypes.SERIAL.nullable(false))
                .column(name("batch_code"), SQLDataType.VARCHAR(50).nullable(false))
                .column(name("current_storage_bin_id"), SQLDataType.INTEGER.nullable(false))
                .column(name("product_id"), SQLDataType.INTEGER.nullable(false))
                .column(name("product_state_id"), SQLDataType.INTEGER.nullable(false))
                .column(name("product_size_id"), SQLDataType.INTEGER)
                .column(name("has_packaging"), SQLDataType.BOOLEAN.nullable(false).defaultValue(inline(false)))
                .column(name("packaging_catalog_id"), SQLDataType.INTEGER)
                .column(name("quantity_initial"), SQLDataType.INTEGER.nullable(false))
                .column(name("quantity_current"), SQLDataType.INTEGER.nullable(false))
                .column(name("quantity_empty_containers"), SQLDataType.INTEGER.nullable(false).defaultValue(inline(0)))
                .column(name("quality_score"), SQLDataType.NUMERIC(3, 1))
                .column(name("planting_date"), SQLDataType.DATE)
                .column(name("germination_date"), SQLDataType.DATE)
                .column(name("transplant_date"), SQLDataType.DATE)
                .column(name("expected_ready_date"), SQLDataType.DATE)
                .column(name("notes"), SQLDataType.CLOB)
                .column(name("custom_attributes"), SQLDataType.JSON)
                .columns(Timestamps.local())
                .constraints(
                        unique(name("batch_code")),
                        constraint(name("ck_stock_batch_qty_init")).check(intField("quantity_initial").ge(inline(0))),
                        constraint(name("ck_stock_batch_qty_curr")).check(intField("quantity_current").ge(inline(0))),
                        constraint(name("ck_quality_score")).check(decField("quality_score").ge(inline(BigDecimal.ZERO))
                                .and(decField("quality_score").le(inline(BigDecimal.valueOf(5))))),
                        restrict("current_storage_bin_id", "storage_bins", "bin_id"),
                        restrict("product_id", "products", "id"),
                        restrict("product_state_id", "product_states", "product_state_id"),
                        setNull("product_size_id", "product_sizes", "product_size_id"),
                        setNull("packaging_catalog_id", "packaging_catalog", "id"),
                        primaryKey(name("id")))
                .execute();
        Comments.describe(db, "stock_batches", "Stock batches - groups of plants with same characteristics");
        db.createIndex(name("ix_stock_batches_batch_code")).on(name("stock_batches"), name("batch_code")).execute();
        db.createIndex(name("ix_stock_batches_product_id")).on(name("stock_batches"), name("product_id")).execute();
        db.createIndex(name("ix_stock_batches_bin_id")).on(name("stock_batches"), name("current_storage_bin_id")).execute();
    }

    private static void createPhotoProcessingSessions(DSLContext db) {
        db.createTable(name("photo_processing_sessions"))
                .column(name("id"), PgTypes.SERIAL.nullable(false))
                // A UUID kept as text; the ORM later wanted uuid, no migration followed.
                .column(name("session_id"), SQLDataType.VARCHAR(36).nullable(false))
                .column(name("storage_location_id"), SQLDataType.INTEGER)
                .column(name("original_image_id"), SQLDataType.UUID)
                .column(name("processed_image_id"), SQLDataType.UUID)
                .column(name("total_detected"), SQLDataType.INTEGER.nullable(false).defaultValue(inline(0)))
                .column(name("total_estimated"), SQLDataType.INTEGER.nullable(false).defaultValue(inline(0)))
                .column(name("total_empty_containers"), SQLDataType.INTEGER.nullable(false).defaultValue(inline(0)))
                .column(name("avg_confidence"), SQLDataType.NUMERIC(3, 2))
                .column(name("category_counts"), SQLDataType.JSON)
                .column(name("status"), SESSION_STATUS.type().nullable(false).defaultValue(inline("pending")))
                .column(name("error_message"), SQLDataType.CLOB)
                .column(name("validated"), SQLDataType.BOOLEAN.nullable(false).defaultValue(inline(false)))
                .column(name("validated_by_user_id"), SQLDataType.INTEGER)
                .column(name("validation_date"), SQLDataType.TIMESTAMP)
                .column(name("manual_adjustments"), SQLDataType.JSON)
                .columns(Timestamps.local())
                .constraints(
                        unique(name("session_id")),
                        setNull("storage_location_id", "storage_locations", "location_id"),
                        setNull("original_image_id", "s3_images", "image_id"),
                        setNull("processed_image_id", "s3_images", "image_id"),
                        setNull("validated_by_user_id", "users", "id"),
                        primaryKey(name("id")))
                .execute();
        Comments.describe(db, "photo_processing_sessions", "Photo processing sessions for ML pipeline");
        db.createIndex(name("ix_photo_sessions_session_id"))
                .on(name("photo_processing_sessions"), name("session_id")).execute();
        db.createIndex(name("ix_photo_sessions_location_id"))
                .on(name("photo_processing_sessions"), name("storage_location_id")).execute();
        db.createIndex(name("ix_photo_sessions_status")).on(name("photo_processing_sessions"), name("status")).execute();
    }

    private static void createProductSampleImages(DSLContext db) {
        db.createTable(name("product_sample_images"))
                .column(name("id"), PgTypes.SERIAL.nullable(false))
                .column(name("product_id"), SQLDataType.INTEGER.nullable(false))
                .column(name("image_id"), SQLDataType.UUID.nullable(false))
                .column(name("product_state_id"), SQLDataType.INTEGER)
                .column(name("product_size_id"), SQLDataType.INTEGER)
                .column(name("storage_location_id"), SQLDataType.INTEGER)
                .column(name("sample_type"), SAMPLE_TYPE.type().nullable(false))
                .column(name("capture_date"), SQLDataType.DATE.nullable(false))
                .column(name("captured_by_user_id"), SQLDataType.INTEGER.nullable(false))
                .column(name("notes"), SQLDataType.CLOB)
                .column(name("display_order"), SQLDataType.INTEGER)
                .column(name("is_primary"), SQLDataType.BOOLEAN.nullable(false).defaultValue(inline(false)))
                .column(Timestamps.createdAtLocal())
                .constraints(
                        cascade("product_id", "products", "id"),
                        cascade("image_id", "s3_images", "image_id"),
                        setNull("product_state_id", "product_states", "product_state_id"),
                        setNull("product_size_id", "product_sizes", "product_size_id"),
                        setNull("storage_location_id", "storage_locations", "location_id"),
                        restrict("captured_by_user_id", "users", "id"),
                        primaryKey(name("id")))
                .execute();
        Comments.describe(db, "product_sample_images", "Sample images for products at different stages");
        db.createIndex(name("ix_product_sample_images_product_id"))
                .on(name("product_sample_images"), name("product_id")).execute();
    }

    private static void createStockMovements(DSLContext db) {
        db.createTable(name("stock_movements"))
                .column(name("id"), PgTypes.SERIAL.nullable(false))
                // Idempotency key (a UUID as text).
                .column(name("movement_id"), SQLDataType.VARCHAR(36).nullable(false))
                .column(name("batch_id"), SQLDataType.INTEGER.nullable(false))
                .column(name("movement_type"), MOVEMENT_TYPE.type().nullable(false))
                .column(name("source_bin_id"), SQLDataType.INTEGER)
                .column(name("destination_bin_id"), SQLDataType.INTEGER)
                .column(name("quantity"), SQLDataType.INTEGER.nullable(false))
                .column(name("user_id"), SQLDataType.INTEGER.nullable(false))
                .column(name("unit_price"), SQLDataType.NUMERIC(12, 2))
                .column(name("total_price"), SQLDataType.NUMERIC(12, 2))
                .column(name("reason_description"), SQLDataType.CLOB)
                .column(name("processing_session_id"), SQLDataType.INTEGER)
                .column(name("source_type"), SOURCE_TYPE.type().nullable(false))
                .column(name("is_inbound"), SQLDataType.BOOLEAN.nullable(false))
                .column(Timestamps.createdAtLocal())
                .constraints(
                        unique(name("movement_id")),
                        // Signed: the sign says in or out, zero says nothing.
                        constraint(name("ck_movement_qty_nonzero")).check(intField("quantity").ne(inline(0))),
                        cascade("batch_id", "stock_batches", "id"),
                        setNull("source_bin_id", "storage_bins", "bin_id"),
                        setNull("destination_bin_id", "storage_bins", "bin_id"),
                        restrict("user_id", "users", "id"),
                        setNull("processing_session_id", "photo_processing_sessions", "id"),
                        primaryKey(name("id")))
                .execute();
        Comments.describe(db, "stock_movements", "Stock movement history - tracks all quantity changes");
        db.createIndex(name("ix_stock_movements_movement_id")).on(name("stock_movements"), name("movement_id")).execute();
        db.createIndex(name("ix_stock_movements_batch_id")).on(name("stock_movements"), name("batch_id")).execute();
        db.createIndex(name("ix_stock_movements_type")).on(name("stock_movements"), name("movement_type")).execute();
    }

    private static void createClassifications(DSLContext db) {
        db.createTable(name("classifications"))
                .column(name("id"), PgTypes.SERIAL.nullable(false))
                .column(name("product_id"), SQLDataType.INTEGER.nullable(false))
                .column(name("product_size_id"), SQLDataType.INTEGER)
                .column(name("packaging_catalog_id"), SQLDataType.INTEGER)
                .column(name("product_conf"), SQLDataType.NUMERIC(3, 2))
                .column(name("packaging_conf"), SQLDataType.NUMERIC(3, 2))
                .column(name("product_size_conf"), SQLDataType.NUMERIC(3, 2))
                .column(name("model_version"), SQLDataType.VARCHAR(20))
                .column(name("name"), SQLDataType.VARCHAR(200).nullable(false))
                .column(name("description"), SQLDataType.CLOB)
                .column(Timestamps.createdAtLocal())
                .constraints(
                        cascade("product_id", "products", "id"),
                        setNull("product_size_id", "product_sizes", "product_size_id"),
                        setNull("packaging_catalog_id", "packaging_catalog", "id"),
                        primaryKey(name("id")))
                .execute();
        Comments.describe(db, "classifications", "Classification results from ML models");
        db.createIndex(name("ix_classifications_product_id")).on(name("classifications"), name("product_id")).execute();
    }

    private static void createDetections(DSLContext db) {
        db.createTable(name("detections"))
                .column(name("id"), PgTypes.SERIAL.nullable(false))
                .column(name("session_id"), SQLDataType.INTEGER.nullable(false))
                .column(name("stock_movement_id"), SQLDataType.INTEGER)
                .column(name("classification_id"), SQLDataType.INTEGER)
                .column(name("center_x_px"), SQLDataType.NUMERIC(12, 2).nullable(false))
                .column(name("center_y_px"), SQLDataType.NUMERIC(12, 2).nullable(false))
                .column(name("width_px"), SQLDataType.INTEGER.nullable(false))
                .column(name("height_px"), SQLDataType.INTEGER.nullable(false))
                .column(name("area_px"), SQLDataType.INTEGER)
                .column(name("bbox_coordinates"), SQLDataType.JSON)
                .column(name("detection_confidence"), SQLDataType.NUMERIC(3, 2).nullable(false))
                .column(name("is_empty_container"), SQLDataType.BOOLEAN.nullable(false).defaultValue(inline(false)))
                .column(name("is_alive"), SQLDataType.BOOLEAN.nullable(false).defaultValue(inline(true)))
                .column(Timestamps.createdAtLocal())
                .constraints(mlOutputKeys())
                .execute();
        Comments.describe(db, "detections", "Detections from ML models - individual plant detections");
        db.createIndex(name("ix_detections_session_id")).on(name("detections"), name("session_id")).execute();
        db.createIndex(name("ix_detections_movement_id")).on(name("detections"), name("stock_movement_id")).execute();
    }

    private static void createEstimations(DSLContext db) {
        db.createTable(name("estimations"))
                .column(name("id"), PgTypes.SERIAL.nullable(false))
                .column(name("session_id"), SQLDataType.INTEGER.nullable(false))
                .column(name("stock_movement_id"), SQLDataType.INTEGER)
                .column(name("classification_id"), SQLDataType.INTEGER)
                // A polygon in image pixels, not a PostGIS geometry.
                .column(name("vegetation_polygon"), SQLDataType.JSON)
                .column(name("detected_area_cm2"), SQLDataType.NUMERIC(12, 2))
                .column(name("estimated_count"), SQLDataType.INTEGER.nullable(false))
                .column(name("calculation_method"), CALCULATION_METHOD.type().nullable(false))
                .column(name("estimation_confidence"), SQLDataType.NUMERIC(3, 2).nullable(false)
                        .defaultValue(inline(new BigDecimal("0.70"))))
                .column(name("used_density_parameters"), SQLDataType.BOOLEAN.nullable(false).defaultValue(inline(false)))
                .column(Timestamps.createdAtLocal())
                .constraints(mlOutputKeys())
                .execute();
        Comments.describe(db, "estimations", "Estimations from ML models - aggregate plant counts");
        db.createIndex(name("ix_estimations_session_id")).on(name("estimations"), name("session_id")).execute();
        db.createIndex(name("ix_estimations_method")).on(name("estimations"), name("calculation_method")).execute();
    }

    /** Detections and estimations hang off a session and may point at the movement and classification they fed. */
    private static Constraint[] mlOutputKeys() {
        return new Constraint[] {
            cascade("session_id", "photo_processing_sessions", "id"),
            setNull("stock_movement_id", "stock_movements", "id"),
            setNull("classification_id", "classifications", "id"),
            primaryKey(name("id"))
        };
    }

    private static void createStorageLocationConfig(DSLContext db) {
        db.createTable(name("storage_location_config"))
                .column(name("id"), PgTypes.SERIAL.nullable(false))
                .column(name("storage_location_id"), SQLDataType.INTEGER.nullable(false))
                .column(name("product_id"), SQLDataType.INTEGER.nullable(false))
                .column(name("packaging_catalog_id"), SQLDataType.INTEGER)
                .column(name("expected_product_state_id"), SQLDataType.INTEGER.nullable(false))
                .column(name("area_cm2"), SQLDataType.NUMERIC(15, 2).nullable(false))
                .column(name("active"), SQLDataType.BOOLEAN.nullable(false).defaultValue(inline(true)))
                .column(name("notes"), SQLDataType.CLOB)
                .columns(Timestamps.local())
                .constraints(
                        cascade("storage_location_id", "storage_locations", "location_id"),
                        restrict("product_id", "products", "id"),
                        setNull("packaging_catalog_id", "packaging_catalog", "id"),
                        restrict("expected_product_state_id", "product_states", "product_state_id"),
                        primaryKey(name("id")),
                        constraint(name("uq_location_product_pkg")).unique(
                                name("storage_location_id"), name("product_id"), name("packaging_catalog_id")))
                .execute();
        Comments.describe(db, "storage_location_config", "Configuration for what products/states are expected in each location");
        db.createIndex(name("ix_storage_location_config_location_id"))
                .on(name("storage_location_config"), name("storage_location_id")).execute();
    }

    private static void createDensityParameters(DSLContext db) {
        db.createTable(name("density_parameters"))
                .column(name("id"), PgTypes.SERIAL.nullable(false))
                .column(name("storage_bin_type_id"), SQLDataType.INTEGER.nullable(false))
                .column(name("product_id"), SQLDataType.INTEGER.nullable(false))
                .column(name("packaging_catalog_id"), SQLDataType.INTEGER.nullable(false))
                .column(name("avg_area_per_plant_cm2"), SQLDataType.NUMERIC(10, 2).nullable(false))
                .column(name("plants_per_m2"), SQLDataType.NUMERIC(8, 2).nullable(false))
                .column(name("overlap_adjustment_factor"), SQLDataType.NUMERIC(4, 2).nullable(false)
                        .defaultValue(inline(new BigDecimal("0.85"))))
                .column(name("avg_diameter_cm"), SQLDataType.NUMERIC(6, 2))
                .column(name("notes"), SQLDataType.CLOB)
                .columns(Timestamps.local())
                .constraints(
                        cascade("storage_bin_type_id", "storage_bin_types", "bin_type_id"),
                        cascade("product_id", "products", "id"),
                        cascade("packaging_catalog_id", "packaging_catalog", "id"),
                        primaryKey(name("id")),
                        constraint(name("uq_density_params")).unique(
                                name("storage_bin_type_id"), name("product_id"), name("packaging_catalog_id")))
                .execute();
        Comments.describe(db, "density_parameters", "Density parameters for plant counting estimations");
        db.createIndex(name("ix_density_parameters_bin_type_id"))
                .on(name("density_parameters"), name("storage_bin_type_id")).execute();
        db.createIndex(name("ix_density_parameters_product_id"))
                .on(name("density_parameters"), name("product_id")).execute();
    }

    // Foreign keys of this revision are unnamed: PostgreSQL names them <table>_<column>_fkey.

    private static Constraint cascade(String column, String target, String targetColumn) {
        return foreignKey(name(column)).references(name(target), name(targetColumn)).onDeleteCascade();
    }

    private static Constraint restrict(String column, String target, String targetColumn) {
        return foreignKey(name(column)).references(name(target), name(targetColumn)).onDeleteRestrict();
    }

    private static Constraint setNull(String column, String target, String targetColumn) {
        return foreignKey(name(column)).references(name(target), name(targetColumn)).onDeleteSetNull();
    }

    private static Field<Integer> intField(String column) {
        return field(name(column), SQLDataType.INTEGER);
    }

    private static Field<BigDecimal> decField(String column) {
        return field(name(column), SQLDataType.NUMERIC);
    }
}
