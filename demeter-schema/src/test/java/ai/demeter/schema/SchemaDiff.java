package ai.demeter.schema;

import static org.junit.jupiter.api.Assertions.fail;

import ai.demeter.migrations.schema.SchemaDifference;
import ai.demeter.migrations.schema.SchemaSnapshot;
import java.util.stream.Collectors;

/** Differences of catalog snapshots, so a failed comparison shows what differs rather than just "not equal". */
final class SchemaDiff {
    private SchemaDiff() {
    }

    static void assertSameSchema(SchemaSnapshot expected, SchemaSnapshot actual, String what) {
        if (!expected.equals(actual)) {
            fail(what + "\n" + facts(expected, actual));
        }
    }

    /** One line per differing fact, {@code expected} being the left side. */
    static String facts(SchemaSnapshot expected, SchemaSnapshot actual) {
        return expected.differences(actual).stream()
                .map((SchemaDifference difference) -> "  " + difference.describe("expected", "actual"))
                .collect(Collectors.joining("\n"));
    }
}
