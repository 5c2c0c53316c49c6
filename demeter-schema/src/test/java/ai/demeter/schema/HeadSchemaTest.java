package ai.demeter.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.engine.MigrationEngine;
import ai.demeter.migrations.junit.MigratedDatabase;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Facts of the schema at the Alembic chain's head (V20), as docs/schema.md and the DemeterAI spec state them: the
 * port must reproduce them whatever migrations come after it, which have tests of their own.
 */
@MigratedDatabase(version = MigrationChain.ALEMBIC_HEAD)
class HeadSchemaTest {
    private static DatabaseTarget database;

    @BeforeAll
    static void migratedToTheAlembicHead(DatabaseTarget migrated, MigrationEngine engine) {
        database = migrated;
        assertEquals(MigrationChain.ALEMBIC_HEAD, engine.current().currentVersion());
        assertEquals(MigrationChain.newerThan(MigrationChain.ALEMBIC_HEAD), engine.current().pending().size());
    }

    @Test
    void twentySevenApplicationTables() {
        List<String> tables = SchemaQueries.rows(database, """
                select tablename from pg_tables
                where schemaname = 'public'
                  and tablename not in ('flyway_schema_history', 'spatial_ref_sys')
                  and tablename not like 'demeter\\_%'
                order by tablename""").stream().map(row -> row.get(0)).toList();
        assertEquals(List.of("classifications", "density_parameters", "detections", "estimations",
                "location_relationships", "packaging_catalog", "packaging_colors", "packaging_materials",
                "packaging_types", "photo_processing_sessions", "price_list", "product_categories", "product_families",
                "product_sample_images", "product_sizes", "product_states", "products", "s3_images", "stock_batches",
                "stock_movements", "storage_areas", "storage_bin_types", "storage_bins", "storage_location_config",
                "storage_locations", "users", "warehouses"), tables);
        assertEquals(27, tables.size());
    }

    @Test
    void fifteenEnumTypesWithLabelsInOrder() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("bin_category_enum", "plug,seedling_tray,box,segment,pot");
        expected.put("calculationmethodenum", "band_estimation,density_estimation,grid_analysis");
        expected.put("content_type_enum", "image/jpeg,image/png,image/webp,image/avif");
        expected.put("image_type_enum", "original,processed,thumbnail");
        expected.put("movementtypeenum", "plantar,sembrar,transplante,muerte,ventas,foto,ajuste,manual_init");
        expected.put("position_enum", "N,S,E,W,C");
        expected.put("processing_status_enum", "uploaded,processing,ready,failed");
        expected.put("relationshiptypeenum", "contains,adjacent_to");
        expected.put("sampletypeenum", "reference,growth_stage,quality_check,monthly_sample");
        expected.put("sessionstatusenum", "pending,processing,completed,failed");
        expected.put("sourcetypeenum", "manual,ia");
        expected.put("storage_bin_status_enum", "active,maintenance,retired");
        expected.put("upload_source_enum", "web,mobile,api");
        expected.put("user_role_enum", "admin,supervisor,worker,viewer");
        expected.put("warehouse_type_enum", "greenhouse,shadehouse,open_field,tunnel");
        assertEquals(expected, SchemaQueries.pairs(database, """
                select t.typname, string_agg(e.enumlabel, ',' order by e.enumsortorder)
                from pg_type t join pg_enum e on e.enumtypid = t.oid
                where t.typnamespace = 'public'::regnamespace
                group by t.typname order by t.typname"""));
    }

    @Test
    void geometryColumnsWithTypeAndSrid() {
        assertEquals(List.of(
                List.of("storage_areas", "centroid", "POINT", "4326", "2"),
                List.of("storage_areas", "geojson_coordinates", "POLYGON", "4326", "2"),
                List.of("storage_locations", "centroid", "POINT", "4326", "2"),
                List.of("storage_locations", "coordinates", "POINT", "4326", "2"),
                List.of("warehouses", "centroid", "POINT", "4326", "2"),
                List.of("warehouses", "geojson_coordinates", "POLYGON", "4326", "2")),
                SchemaQueries.rows(database, """
                        select f_table_name, f_geometry_column, type, srid, coord_dimension from geometry_columns
                        where f_table_schema = 'public' order by 1, 2"""));
    }

    @Test
    void serialPrimaryKeysEverywhereButS3Images() {
        Map<String, String> expected = new LinkedHashMap<>();
        Map<String, String> namedKeys = Map.of("product_families", "family_id", "product_sizes", "product_size_id",
                "product_states", "product_state_id", "storage_areas", "storage_area_id",
                "storage_bin_types", "bin_type_id", "storage_bins", "bin_id", "storage_locations", "location_id",
                "warehouses", "warehouse_id");
        for (String table : List.of("classifications", "density_parameters", "detections", "estimations",
                "location_relationships", "packaging_catalog", "packaging_colors", "packaging_materials",
                "packaging_types", "photo_processing_sessions", "price_list", "product_categories", "product_families",
                "product_sample_images", "product_sizes", "product_states", "products", "stock_batches",
                "stock_movements", "storage_areas", "storage_bin_types", "storage_bins", "storage_location_config",
                "storage_locations", "users", "warehouses")) {
            String key = namedKeys.getOrDefault(table, "id");
            expected.put(table + "." + key, "nextval('" + table + "_" + key + "_seq'::regclass)");
        }
        assertEquals(expected, SchemaQueries.pairs(database, """
                select table_name || '.' || column_name, column_default from information_schema.columns
                where table_schema = 'public' and column_default like 'nextval(%'
                order by table_name, column_name"""));
        assertEquals(List.of(Arrays.asList("image_id", "uuid", null)), SchemaQueries.rows(database, """
                select a.attname, format_type(a.atttypid, a.atttypmod), pg_get_expr(d.adbin, d.adrelid)
                from pg_index i
                join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
                left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
                where i.indrelid = 's3_images'::regclass and i.indisprimary"""));
    }

    @Test
    void foreignKeyDeleteActionsAsInTheMigrations() {
        assertEquals(Map.of("CASCADE", "20", "RESTRICT", "11", "SET NULL", "21"), SchemaQueries.pairs(database, """
                select case confdeltype when 'c' then 'CASCADE' when 'r' then 'RESTRICT' when 'n' then 'SET NULL'
                                        else confdeltype::text end, count(*)
                from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace
                group by 1 order by 1"""));
        assertEquals(List.of(List.of("storage_bins", "storage_bin_types", "RESTRICT"),
                List.of("storage_locations", "photo_processing_sessions", "SET NULL")),
                SchemaQueries.rows(database, """
                        select conrelid::regclass::text, confrelid::regclass::text,
                               case confdeltype when 'r' then 'RESTRICT' when 'n' then 'SET NULL' end
                        from pg_constraint
                        where contype = 'f' and conrelid in ('storage_bins'::regclass, 'storage_locations'::regclass)
                          and confdeltype <> 'c'
                        order by 1"""));
    }

    @Test
    void seedRows() {
        assertEquals(Map.of("storage_bin_types", "7", "product_states", "11", "product_sizes", "7",
                "product_categories", "8", "product_families", "18", "users", "1"),
                SchemaQueries.pairs(database, """
                        select 'storage_bin_types', count(*) from storage_bin_types
                        union all select 'product_states', count(*) from product_states
                        union all select 'product_sizes', count(*) from product_sizes
                        union all select 'product_categories', count(*) from product_categories
                        union all select 'product_families', count(*) from product_families
                        union all select 'users', count(*) from users"""));
        assertEquals(List.of(List.of("admin", "t")),
                SchemaQueries.rows(database, "select role, active from users"));
    }

    /**
     * The trigger functions' bodies are stored verbatim, so they must be the text the original revisions wrote:
     * the MD5 of each {@code prosrc} as the DemeterAI Alembic chain leaves it.
     */
    @Test
    void triggerFunctionBodiesAreTheOriginalText() {
        assertEquals(Map.of(
                "check_storage_area_within_warehouse", "36f1f436c4f66c8bf41ca2311265630b",
                "check_storage_location_within_area", "cc7e02904f29fa688a67496433a890ba",
                "update_storage_area_centroid", "7978de665a8050201c05c36a7e88a88f",
                "update_storage_location_centroid", "43d4b1a53c23ca7909825a87af3cc3a5",
                "update_warehouse_centroid", "7978de665a8050201c05c36a7e88a88f"),
                SchemaQueries.pairs(database, """
                        select p.proname, md5(p.prosrc) from pg_proc p
                        where p.pronamespace = 'public'::regnamespace
                          and not exists (select 1 from pg_depend d
                                          where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
                        order by 1"""));
    }

    @Test
    void fiveTriggers() {
        assertEquals(List.of(
                List.of("storage_areas", "trg_storage_area_centroid", "update_storage_area_centroid"),
                List.of("storage_areas", "trg_storage_area_containment", "check_storage_area_within_warehouse"),
                List.of("storage_locations", "trg_storage_location_centroid", "update_storage_location_centroid"),
                List.of("storage_locations", "trg_storage_location_containment", "check_storage_location_within_area"),
                List.of("warehouses", "trg_warehouse_centroid", "update_warehouse_centroid")),
                SchemaQueries.rows(database, """
                        select c.relname, t.tgname, p.proname from pg_trigger t
                        join pg_class c on c.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid
                        where not t.tgisinternal and c.relnamespace = 'public'::regnamespace
                        order by 1, 2"""));
    }
}
