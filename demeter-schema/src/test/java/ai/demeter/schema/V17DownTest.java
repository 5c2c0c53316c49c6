package ai.demeter.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.engine.MigrationEngine;
import ai.demeter.migrations.schema.SchemaSnapshot;
import ai.demeter.migrations.junit.MigratedDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Revision 17 added {@code image/webp} and {@code image/avif} to content_type_enum. Its down rebuilds the type with
 * the two original labels, and refuses, changing nothing, while any image uses a new label. Each test gets a database
 * of its own at V17.
 */
class V17DownTest {
    private static final String LABELS = """
            select string_agg(e.enumlabel, ',' order by e.enumsortorder) from pg_enum e
            where e.enumtypid = 'content_type_enum'::regtype""";

    @Test
    @MigratedDatabase(version = "17")
    void refusesWhileAnImageUsesANewContentTypeAndChangesNothing(DatabaseTarget database, MigrationEngine engine) {
        assertEquals("17", engine.current().currentVersion());
        insertImage(database, "00000000-0000-0000-0000-000000000001", "image/jpeg");
        insertImage(database, "00000000-0000-0000-0000-000000000002", "image/webp");
        SchemaSnapshot before = SchemaQueries.snapshot(database);

        DemeterException error = assertThrows(DemeterException.class, () -> SchemaQueries.rollbackNewest(engine));
        assertTrue(error.getMessage().contains("Cannot roll back V17: s3_images rows use content type image/webp or"
                + " image/avif; convert or delete them first"), error.getMessage());

        assertEquals("17", engine.current().currentVersion());
        assertEquals("image/jpeg,image/png,image/webp,image/avif", single(database, LABELS));
        assertEquals("image/jpeg,image/webp", single(database,
                "select string_agg(content_type::text, ',' order by image_id) from s3_images"));
        SchemaDiff.assertSameSchema(before, SchemaQueries.snapshot(database), "the refused down changed the schema");
    }

    @Test
    @MigratedDatabase(version = "17")
    void withoutSuchImagesRestoresTheTwoOriginalLabelsAndKeepsTheData(DatabaseTarget database, MigrationEngine engine) {
        assertEquals("17", engine.current().currentVersion());
        insertImage(database, "00000000-0000-0000-0000-000000000001", "image/jpeg");
        insertImage(database, "00000000-0000-0000-0000-000000000002", "image/png");

        SchemaQueries.rollbackNewest(engine);

        assertEquals("16", engine.current().currentVersion());
        assertEquals("image/jpeg,image/png", single(database, LABELS));
        assertEquals(List.of(
                List.of("00000000-0000-0000-0000-000000000001", "image/jpeg", "content_type_enum"),
                List.of("00000000-0000-0000-0000-000000000002", "image/png", "content_type_enum")),
                SchemaQueries.rows(database, """
                        select image_id, content_type, pg_typeof(content_type)::text from s3_images order by image_id"""));
        assertEquals("0", single(database, "select count(*) from pg_type where typname like 'content_type_enum_%'"));
    }

    private static void insertImage(DatabaseTarget database, String id, String contentType) {
        SchemaQueries.execute(database, """
                insert into s3_images (image_id, s3_bucket, s3_key_original, content_type, file_size_bytes, width_px,
                                       height_px)
                values ('%s', 'demeter-photos', 'original/%s.img', '%s', 1024, 640, 480)"""
                .formatted(id, id, contentType));
    }

    private static String single(DatabaseTarget database, String sql) {
        List<List<String>> rows = SchemaQueries.rows(database, sql);
        assertEquals(1, rows.size(), sql);
        return rows.get(0).get(0);
    }
}
