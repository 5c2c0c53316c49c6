package ai.demeter.migrations.schema;

/**
 * One fact on which two snapshots disagree: an object only on the left, only on the right, or one property of an
 * object on both sides. {@link #describe} words it for a reader, given what the two sides are called (e.g. "before
 * the up" and "after the down").
 */
public sealed interface SchemaDifference {

    /** The object the fact is about (the left one when both sides have it). */
    SchemaObject object();

    String describe(String left, String right);

    /**
     * Whether the fact is only where a column stands in its table. PostgreSQL adds a column at the end and cannot
     * move one, so a down that restores a dropped middle column by name, type, default, constraints and comment
     * still shifts it and the columns after it; code that names its columns (jOOQ's generated classes, every ORM)
     * does not notice, only {@code select *} does.
     */
    default boolean isColumnOrder() {
        return false;
    }

    record OnlyLeft(SchemaObject object) implements SchemaDifference {
        public String describe(String left, String right) {
            return object.describe() + ": only " + left;
        }
    }

    record OnlyRight(SchemaObject object) implements SchemaDifference {
        public String describe(String left, String right) {
            return object.describe() + ": only " + right;
        }
    }

    record Changed(SchemaObject object, String property, String leftValue, String rightValue)
            implements SchemaDifference {
        @Override
        public boolean isColumnOrder() {
            return object instanceof SchemaObject.Column && property.equals("position");
        }

        public String describe(String left, String right) {
            String prefix = object.kind() + " " + object.name() + ": " + property + " ";
            if (isMultiLine(leftValue) || isMultiLine(rightValue)) {
                return prefix + "differs " + left + " and " + right + firstDifferingLine(left, right);
            }
            return prefix + show(leftValue) + " " + left + ", " + show(rightValue) + " " + right;
        }

        /** For long texts (function bodies, view queries), the first line that differs on each side. */
        private String firstDifferingLine(String left, String right) {
            String[] a = leftValue == null ? new String[0] : leftValue.split("\n", -1);
            String[] b = rightValue == null ? new String[0] : rightValue.split("\n", -1);
            for (int i = 0; i < Math.max(a.length, b.length); i++) {
                String lineA = i < a.length ? a[i] : null;
                String lineB = i < b.length ? b[i] : null;
                if (lineA == null || !lineA.equals(lineB)) {
                    return "; first at line " + (i + 1) + ": " + show(lineA) + " " + left + ", " + show(lineB)
                            + " " + right;
                }
            }
            return "";
        }

        private static boolean isMultiLine(String value) {
            return value != null && value.contains("\n");
        }

        private static String show(String value) {
            return value == null ? "(none)" : value.strip().isEmpty() ? "'" + value + "'" : value.strip();
        }
    }
}
