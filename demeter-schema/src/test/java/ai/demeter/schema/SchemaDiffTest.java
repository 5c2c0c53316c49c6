package ai.demeter.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class SchemaDiffTest {
    @Test
    void showsOnlyTheDifferingLinesWithContext() {
        String expected = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn";
        String actual = "a\nb\nc\nd\ne\nf\nG\nh\ni\nj\nk\nl\nm\nn\no";
        assertEquals("""
                --- expected
                +++ actual
                @@ expected line 4 @@
                 d
                 e
                 f
                -g
                +G
                 h
                 i
                 j
                @@ expected line 12 @@
                 l
                 m
                 n
                +o
                """, SchemaDiff.unified(expected, actual));
    }

    @Test
    void failureMessageCarriesTheDiff() {
        AssertionFailedError error = assertThrows(AssertionFailedError.class,
                () -> SchemaDiff.assertSameSchema("x\ny", "x\nz", "after V3's down"));
        assertTrue(error.getMessage().contains("after V3's down\n--- expected\n+++ actual\n@@ expected line 1 @@\n x\n-y\n+z"),
                error.getMessage());
    }
}
