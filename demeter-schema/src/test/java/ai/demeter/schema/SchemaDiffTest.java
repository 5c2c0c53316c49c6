package ai.demeter.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.schema.SchemaObject;
import ai.demeter.migrations.schema.SchemaSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class SchemaDiffTest {
    private static final SchemaObject.Column IMAGE_DATA = new SchemaObject.Column("s3_images", "image_data", 2,
            "bytea", false, null, null, null, null);
    private static final SchemaObject.EnumType KINDS = new SchemaObject.EnumType("image_type_enum",
            List.of("original", "thumbnail"));

    @Test
    void showsOnlyTheDifferingFacts() {
        SchemaSnapshot expected = new SchemaSnapshot("public", List.of(KINDS));
        SchemaSnapshot actual = new SchemaSnapshot("public", List.of(IMAGE_DATA,
                new SchemaObject.EnumType("image_type_enum", List.of("original"))));
        assertEquals("  enum type image_type_enum: labels original, thumbnail expected, original actual\n"
                + "  column s3_images.image_data bytea: only actual", SchemaDiff.facts(expected, actual));
    }

    @Test
    void failureMessageCarriesTheFacts() {
        AssertionFailedError error = assertThrows(AssertionFailedError.class,
                () -> SchemaDiff.assertSameSchema(new SchemaSnapshot("public", List.of(IMAGE_DATA)),
                        new SchemaSnapshot("public", List.of()), "after V18's down"));
        assertTrue(error.getMessage().startsWith("after V18's down\n  column s3_images.image_data bytea: only expected"),
                error.getMessage());
    }
}
