package ai.demeter.migrations.safety;

import ai.demeter.migrations.schema.SchemaObject;
import ai.demeter.migrations.schema.SchemaSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Compares the schema a release was generated for with a newer one, for the changes that break that release's
 * code while it still runs during a rolling deploy. Its jOOQ classes name every column in each select of a table
 * ({@code selectFrom}), write the columns it knows and leave out the ones it does not, bind values of the old
 * column types and enum labels, and may call functions and read views. So these break it:
 * <ul>
 * <li>{@code dropped-table}, {@code dropped-column}: gone (a rename is a drop and an add);</li>
 * <li>{@code changed-type}: a type its values no longer fit or read as before ({@link ColumnTypeChange});</li>
 * <li>{@code new-not-null-column}: a NOT NULL column with no default, identity or generation on a table it
 *     inserts into without naming that column;</li>
 * <li>{@code made-not-null}: an existing column made NOT NULL, which it may write null to;</li>
 * <li>{@code dropped-default}: a NOT NULL column that loses its default, which its inserts relied on;</li>
 * <li>{@code removed-enum-label}: a label it may write;</li>
 * <li>{@code dropped-function}, {@code dropped-view}: gone, or a function with other arguments.</li>
 * </ul>
 * New tables, nullable columns, columns with a default, added enum labels, indexes, constraints, triggers and
 * functions break nothing here. Pure functions of snapshots: no database.
 */
public final class ReleaseCompatibility {

    /** The schema after one migration's up, as verify snapshots it. */
    public record AfterUp(String version, SchemaSnapshot schema) {
        public AfterUp {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(schema, "schema");
        }
    }

    private ReleaseCompatibility() {
    }

    /** What breaks code generated for {@code released} when it runs against {@code head}. */
    public static List<CompatibilityBreak> breaks(SchemaSnapshot released, SchemaSnapshot head) {
        List<CompatibilityBreak> breaks = new ArrayList<>();
        Map<String, SchemaObject.Column> headColumns = byName(head.objects(SchemaObject.Column.class));
        for (SchemaObject.Table table : released.objects(SchemaObject.Table.class)) {
            if (head.find("table", table.name()).isEmpty()) {
                breaks.add(droppedTable(table.name()));
                continue;
            }
            Map<String, SchemaObject.Column> wasColumns = byName(released.columns(table.name()));
            for (SchemaObject.Column was : wasColumns.values()) {
                SchemaObject.Column now = headColumns.get(was.name());
                if (now == null) {
                    breaks.add(droppedColumn(was));
                } else {
                    changedColumn(was, now).forEach(breaks::add);
                }
            }
            for (SchemaObject.Column added : head.columns(table.name())) {
                if (!wasColumns.containsKey(added.name()) && added.notNull() && !filledByServer(added)) {
                    breaks.add(newNotNullColumn(added));
                }
            }
        }
        Map<String, SchemaObject.EnumType> headEnums = byName(head.objects(SchemaObject.EnumType.class));
        for (SchemaObject.EnumType was : released.objects(SchemaObject.EnumType.class)) {
            SchemaObject.EnumType now = headEnums.get(was.name());
            // A dropped type is reported through the columns that used it.
            if (now != null) {
                was.labels().stream().filter(label -> !now.labels().contains(label))
                        .forEach(label -> breaks.add(removedEnumLabel(was, label)));
            }
        }
        for (SchemaObject.Function was : released.objects(SchemaObject.Function.class)) {
            if (head.find("function", was.name()).isEmpty()) {
                breaks.add(droppedFunction(was, head));
            }
        }
        for (SchemaObject.View was : released.objects(SchemaObject.View.class)) {
            if (head.find(was.kind(), was.name()).isEmpty()) {
                breaks.add(droppedView(was));
            }
        }
        return List.copyOf(breaks);
    }

    /**
     * The breaks between {@code released} and the last of {@code newMigrations} (the schema after each migration
     * newer than the release, oldest first), each attributed to the first migration whose schema shows it: the
     * migration that made the change, which may accept it. A finding of a migration that {@code isReleased} is
     * information only.
     */
    public static List<Finding> findings(SchemaSnapshot released, List<AfterUp> newMigrations,
            Function<String, Acceptances> acceptances, Predicate<String> isReleased) {
        if (newMigrations.isEmpty()) {
            return List.of();
        }
        List<CompatibilityBreak> atHead = breaks(released, newMigrations.get(newMigrations.size() - 1).schema());
        List<List<CompatibilityBreak>> afterEach = new ArrayList<>();
        for (AfterUp migration : newMigrations.subList(0, newMigrations.size() - 1)) {
            afterEach.add(atHead.isEmpty() ? List.of() : breaks(released, migration.schema()));
        }
        afterEach.add(atHead);
        Map<String, Acceptances> accepted = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < newMigrations.size(); i++) {
            String version = newMigrations.get(i).version();
            for (CompatibilityBreak found : atHead) {
                if (firstShownAt(found, afterEach) == i) {
                    Finding finding = new Finding(version, Finding.Direction.UP, found.rule(), found.table(),
                            found.fact(), "", found.recipe(), Optional.empty(), isReleased.test(version));
                    findings.add(finding.acceptedBy(accepted.computeIfAbsent(version, acceptances)));
                }
            }
        }
        return List.copyOf(findings);
    }

    private static int firstShownAt(CompatibilityBreak found, List<List<CompatibilityBreak>> afterEach) {
        for (int i = 0; i < afterEach.size(); i++) {
            if (afterEach.get(i).stream().anyMatch(found::sameAs)) {
                return i;
            }
        }
        return afterEach.size() - 1;
    }

    private static List<CompatibilityBreak> changedColumn(SchemaObject.Column was, SchemaObject.Column now) {
        List<CompatibilityBreak> breaks = new ArrayList<>();
        ColumnTypeChange.incompatibility(was.type(), now.type()).ifPresent(why -> breaks.add(new CompatibilityBreak(
                "changed-type", was.table(), was.name(), "column " + was.name() + " changed type from " + was.type()
                + " to " + now.type() + ", " + why + ".",
                "Add a column of the new type, write both (a trigger, or the code of the next release), backfill"
                + " it, switch reads to it in the next release, and drop the old column in a release after that."
                + " Widening is compatible: a longer varchar or text, smallint to integer to bigint, more numeric"
                + " digits.")));
        if (!was.notNull() && now.notNull()) {
            breaks.add(new CompatibilityBreak("made-not-null", was.table(), was.name(), "column " + was.name()
                    + " became NOT NULL; the running release may insert or update it with null.",
                    "Keep the column nullable until no running release writes null to it: make the next release"
                    + " always write a value (or give the column a default), backfill the nulls, and set NOT NULL"
                    + " in a release after that (ADD CONSTRAINT ... CHECK (column IS NOT NULL) NOT VALID, VALIDATE"
                    + " it, then SET NOT NULL, keeps the lock short)."));
        } else if (was.notNull() && now.notNull() && filledByServer(was) && !filledByServer(now)) {
            breaks.add(new CompatibilityBreak("dropped-default", was.table(), was.name(), "column " + was.name()
                    + " is NOT NULL and lost its " + serverValue(was) + "; the running release's inserts that"
                    + " leave it out fail.",
                    "Keep the default until no running release inserts without the column: make the next release"
                    + " set it in every insert, and drop the default in a release after that."));
        }
        return breaks;
    }

    private static CompatibilityBreak droppedTable(String table) {
        return new CompatibilityBreak("dropped-table", table, table, "table " + table + " is gone (dropped or"
                + " renamed); the running release reads and writes it.",
                "Drop it in two releases: the next release stops using the table, a migration of a release after"
                + " that drops it. To rename it, create the new table, write both (a trigger, or the code of the"
                + " next release), backfill, switch reads in the next release, and drop the old table in a release"
                + " after that.");
    }

    private static CompatibilityBreak droppedColumn(SchemaObject.Column was) {
        return new CompatibilityBreak("dropped-column", was.table(), was.name(), "column " + was.name() + " ("
                + was.type() + ") is gone (dropped or renamed); the running release names it in every select of "
                + was.table() + " and may write it.",
                "Drop it in two releases: the next release stops using the column (explicit field lists instead of"
                + " selectFrom, no writes; make it nullable or give it a default first if it is NOT NULL), and a"
                + " migration of a release after that drops it. To rename it, add the new column, write both (a"
                + " trigger, or the code of the next release), backfill, switch reads in the next release, and drop"
                + " the old column in a release after that.");
    }

    private static CompatibilityBreak newNotNullColumn(SchemaObject.Column added) {
        return new CompatibilityBreak("new-not-null-column", added.table(), added.name(), "column " + added.name()
                + " " + added.type() + " is new, NOT NULL and has no default; the running release's inserts into "
                + added.table() + " leave it out and fail.",
                "Add the column nullable or with a default, make the next release write it, backfill, and set NOT"
                + " NULL (or drop the default) in a release after that.");
    }

    private static CompatibilityBreak removedEnumLabel(SchemaObject.EnumType type, String label) {
        return new CompatibilityBreak("removed-enum-label", type.name(), type.name() + "." + label, "enum type "
                + type.name() + " lost label '" + label + "' (removed or renamed); the running release may write"
                + " it.",
                "Stop writing the label first: the next release no longer writes it and moves the rows that have it"
                + " to another label; remove it (recreate the type) in a release after that. A rename is an added"
                + " label now and the old one removed later.");
    }

    private static CompatibilityBreak droppedFunction(SchemaObject.Function was, SchemaSnapshot head) {
        String name = was.name().substring(0, was.name().indexOf('('));
        List<String> others = head.objects(SchemaObject.Function.class).stream()
                .map(SchemaObject.Function::name).filter(signature -> signature.startsWith(name + "(")).toList();
        String fact = others.isEmpty() ? "function " + was.name() + " is gone; the running release may call it."
                : "function " + was.name() + " is gone, now " + String.join(", ", others) + " (other arguments);"
                        + " the running release may call it with the old ones.";
        return new CompatibilityBreak("dropped-function", name, was.name(), fact,
                "Keep the old function while a running release calls it: add the new signature beside it, switch"
                + " the callers in the next release, and drop the old one in a release after that.");
    }

    private static CompatibilityBreak droppedView(SchemaObject.View was) {
        return new CompatibilityBreak("dropped-view", was.name(), was.name(), was.kind() + " " + was.name()
                + " is gone (dropped or renamed); the running release may read it.",
                "Keep the view while a running release reads it (redefine it over the new tables if they changed),"
                + " and drop it in a release after the code stops using it.");
    }

    /** Whether the server fills the column when an insert leaves it out. */
    private static boolean filledByServer(SchemaObject.Column column) {
        return column.defaultValue() != null || column.identity() != null || column.generated() != null;
    }

    private static String serverValue(SchemaObject.Column column) {
        return column.defaultValue() != null ? "default " + column.defaultValue()
                : column.identity() != null ? "identity" : "generation expression";
    }

    private static <T extends SchemaObject> Map<String, T> byName(List<T> objects) {
        return objects.stream().collect(Collectors.toMap(SchemaObject::name, object -> object, (a, b) -> a,
                LinkedHashMap::new));
    }
}
