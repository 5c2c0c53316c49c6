package ai.demeter.migrations.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Comparing snapshots built by hand: one line per differing fact, in a stable order. */
class SchemaSnapshotTest {
    private static final SchemaObject.Table IMAGES = new SchemaObject.Table("s3_images", null, false);
    private static final SchemaObject.Column IMAGE_ID = new SchemaObject.Column("s3_images", "image_id", 1, "uuid",
            true, null, null, null, null);
    private static final SchemaObject.Column IMAGE_DATA = new SchemaObject.Column("s3_images", "image_data", 2,
            "bytea", false, null, null, null, null);
    private static final SchemaObject.Column OUTLINE = new SchemaObject.Column("s3_images", "outline", 2,
            "geometry(Polygon,4326)", false, null, null, null, null);

    @Test
    void equalSnapshotsHaveNoDifferences() {
        SchemaSnapshot snapshot = snapshot(IMAGES, IMAGE_ID, IMAGE_DATA);
        assertEquals(snapshot, snapshot(IMAGE_DATA, IMAGES, IMAGE_ID), "order of reading does not matter");
        assertTrue(snapshot.differences(snapshot(IMAGE_DATA, IMAGE_ID, IMAGES)).isEmpty());
    }

    @Test
    void objectsOnlyOnOneSide() {
        SchemaSnapshot before = snapshot(IMAGES, IMAGE_ID, new SchemaObject.EnumType("image_type_enum",
                List.of("original", "thumbnail")));
        SchemaSnapshot after = snapshot(IMAGES, IMAGE_ID, IMAGE_DATA);
        assertEquals(List.of(
                        "enum type image_type_enum (original, thumbnail): only before the up",
                        "column s3_images.image_data bytea: only after the down"),
                lines(before, after, "before the up", "after the down"));
    }

    @Test
    void aChangedObjectShowsEachDifferingProperty() {
        SchemaObject.Column point = new SchemaObject.Column("s3_images", "outline", 3, "geometry(Point,4326)", true,
                null, null, null, null);
        assertEquals(List.of(
                        "column s3_images.outline: position 2 before, 3 after",
                        "column s3_images.outline: type geometry(Polygon,4326) before, geometry(Point,4326) after",
                        "column s3_images.outline: nullability nullable before, not null after"),
                lines(snapshot(OUTLINE), snapshot(point), "before", "after"));
        SchemaObject.Column withDefault = new SchemaObject.Column("s3_images", "outline", 2, "geometry(Polygon,4326)",
                false, "NULL::geometry", null, null, null);
        assertEquals(List.of("column s3_images.outline: default (none) before, NULL::geometry after"),
                lines(snapshot(OUTLINE), snapshot(withDefault), "before", "after"));
    }

    @Test
    void enumLabelsInAnotherOrderDiffer() {
        assertEquals(List.of("enum type kind: labels a, b before, b, a after"),
                lines(snapshot(new SchemaObject.EnumType("kind", List.of("a", "b"))),
                        snapshot(new SchemaObject.EnumType("kind", List.of("b", "a"))), "before", "after"));
    }

    @Test
    void aChangedFunctionBodyShowsItsFirstDifferingLine() {
        SchemaObject.Function before = new SchemaObject.Function("touch()", "CREATE FUNCTION touch()\nBEGIN\n"
                + "  new.centroid = ST_Centroid(new.outline);\nEND");
        SchemaObject.Function after = new SchemaObject.Function("touch()", "CREATE FUNCTION touch()\nBEGIN\n"
                + "  new.centroid := ST_Centroid(new.outline);\nEND");
        assertEquals(List.of("function touch(): definition differs before and after; first at line 3:"
                        + " new.centroid = ST_Centroid(new.outline); before, new.centroid := ST_Centroid(new.outline);"
                        + " after"),
                lines(snapshot(before), snapshot(after), "before", "after"));
        assertTrue(before.describe().matches("function touch\\(\\) \\(md5 [0-9a-f]{32}\\)"), before.describe());
    }

    @Test
    void differencesComeInKindThenNameOrder() {
        SchemaObject.Trigger trigger = new SchemaObject.Trigger("s3_images", "trg", "CREATE TRIGGER trg ...", "O");
        SchemaObject.Index index = new SchemaObject.Index("s3_images", "idx", "CREATE INDEX idx ...");
        SchemaObject.Comment comment = new SchemaObject.Comment("table s3_images", "Images");
        SchemaObject.Extension postgis = new SchemaObject.Extension("postgis", "3.3.2", "public");
        List<String> kinds = new ArrayList<>();
        snapshot().differences(snapshot(comment, trigger, IMAGE_DATA, index, postgis, IMAGES))
                .forEach(difference -> kinds.add(difference.object().kind()));
        assertEquals(List.of("extension", "table", "column", "index", "trigger", "comment"), kinds);
    }

    @Test
    void sequencesConstraintsAndViewsAreDescribedByTheirDefinition() {
        assertEquals("sequence s3_images_id_seq integer owned by s3_images.id", new SchemaObject.Sequence(
                "s3_images_id_seq", "integer", 1, 1, 1, 2147483647, 1, false, "s3_images.id").describe());
        assertEquals("constraint s3_images.ck_size CHECK ((size > 0)) NOT VALID",
                new SchemaObject.Constraint("s3_images", "ck_size", "check", "CHECK ((size > 0)) NOT VALID").describe());
        assertEquals("materialized view codes", new SchemaObject.View("codes", true, " SELECT 1;").describe());
        assertEquals("comment on column s3_images.image_data: 'Raw bytes'",
                new SchemaObject.Comment("column s3_images.image_data", "Raw bytes").describe());
    }

    private static SchemaSnapshot snapshot(SchemaObject... objects) {
        return new SchemaSnapshot("public", List.of(objects));
    }

    private static List<String> lines(SchemaSnapshot left, SchemaSnapshot right, String leftName, String rightName) {
        return left.differences(right).stream().map(difference -> difference.describe(leftName, rightName)).toList();
    }
}
