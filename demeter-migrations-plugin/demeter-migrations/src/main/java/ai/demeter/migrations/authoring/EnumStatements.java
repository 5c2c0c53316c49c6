package ai.demeter.migrations.authoring;

import static ai.demeter.migrations.internal.SqlText.literal;
import static ai.demeter.migrations.internal.SqlText.quoteIfNeeded;

import ai.demeter.migrations.authoring.DriftMigration.Step;
import ai.demeter.migrations.schema.SchemaObject;
import ai.demeter.migrations.schema.SchemaSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The lines for enum types: created and dropped in the DSL, a label renamed or added. PostgreSQL cannot drop a
 * label, so the down of an added one makes the type again and converts its columns; where other objects use the
 * type so that this fails, the step is irreversible, and its reason says what to do.
 */
final class EnumStatements {
    private final Dsl dsl;
    /** What the migrations build (renames made): the columns the down converts, the objects that use the type. */
    private final SchemaSnapshot built;
    private final SchemaSnapshot live;

    EnumStatements(Dsl dsl, SchemaSnapshot built, SchemaSnapshot live) {
        this.dsl = dsl;
        this.built = built;
        this.live = live;
    }

    /** Creating the type (up) and dropping it (down). */
    Step created(SchemaObject.EnumType type) {
        return new Step(Phase.ENUM_TYPES, null, createType(type),
                List.of("db.dropType(" + dsl.name(type.type()) + ").execute();"), false, null);
    }

    private List<String> createType(SchemaObject.EnumType type) {
        return List.of("db.createType(" + dsl.name(type.type()) + ").asEnum(" + type.labels().stream()
                .map(JavaSource::literal).collect(Collectors.joining(", ")) + ").execute();");
    }

    /** The step from {@code before}'s labels to {@code after}'s: a rename, labels added, or a review comment. */
    Step labelsChanged(String fact, SchemaObject.EnumType before, SchemaObject.EnumType after) {
        List<String> old = before.labels();
        List<String> now = after.labels();
        if (old.size() == now.size()) {
            List<Integer> renamed = new ArrayList<>();
            for (int i = 0; i < old.size(); i++) {
                if (!old.get(i).equals(now.get(i))) {
                    renamed.add(i);
                }
            }
            if (renamed.size() == 1 && !old.contains(now.get(renamed.get(0)))) {
                int i = renamed.get(0);
                String alter = alterType(before);
                return new Step(Phase.ENUM_TYPES, fact, List.of(alter + ".renameValue(" + JavaSource.literal(old.get(i))
                        + ").to(" + JavaSource.literal(now.get(i)) + ").execute();"), List.of(alter + ".renameValue("
                        + JavaSource.literal(now.get(i)) + ").to(" + JavaSource.literal(old.get(i)) + ").execute();"),
                        false, null);
            }
        }
        if (!isSubsequence(old, now)) {
            return new Step(Phase.ENUM_TYPES, fact, List.of("// review: enum type " + before.type() + " went from ("
                    + String.join(", ", old) + ") to (" + String.join(", ", now) + "). PostgreSQL cannot remove or"
                    + " reorder labels: rename the type, create it with the new labels, convert each of its columns"
                    + " (ALTER TABLE t ALTER COLUMN c DROP DEFAULT, ALTER COLUMN c TYPE " + before.type()
                    + " USING c::text::" + before.type() + ", ALTER COLUMN c SET DEFAULT ...: PostgreSQL cannot"
                    + " cast the default) and drop the old type."),
                    List.of("// review: undo the change of enum type " + before.type() + " by hand."), true, null);
        }
        List<String> up = new ArrayList<>();
        up.add("// PostgreSQL 12 and later add a label inside a transaction, but it cannot be used before that"
                + " commits; older servers need transactional() to return false.");
        Set<String> present = new LinkedHashSet<>(old);
        List<String> addedLabels = new ArrayList<>();
        for (int i = 0; i < now.size(); i++) {
            String label = now.get(i);
            if (present.contains(label)) {
                continue;
            }
            addedLabels.add(label);
            String next = now.subList(i + 1, now.size()).stream().filter(present::contains).findFirst().orElse(null);
            if (next == null) {
                up.add(alterType(before) + ".addValue(" + JavaSource.literal(label) + ").execute();");
            } else {
                up.addAll(dsl.plainSql("ALTER TYPE " + quoteIfNeeded(before.type()) + " ADD VALUE " + literal(label)
                        + " BEFORE " + literal(next), "jOOQ's DSL has no ADD VALUE ... BEFORE"));
            }
            present.add(label);
        }
        String labels = addedLabels.stream().map(label -> literal(label)).collect(Collectors.joining(", "));
        List<String> dependents = enumDependents(before.type());
        String reason = dependents.isEmpty() ? null : "It adds " + labels + " to enum type " + before.type()
                + ", and PostgreSQL cannot drop an enum label: down() makes the type again with the labels it had"
                + " and converts its columns, but the type is used by " + String.join(", ", dependents) + ", which"
                + " makes that fail. Drop them at the start of that part of down() and create them again at its"
                + " end, then delete irreversibilityReason().";
        String eitherLabel = addedLabels.stream().map(label -> literal(label)).collect(Collectors.joining(" or "));
        return new Step(Phase.ENUM_TYPES, fact, up, enumAgain(before, eitherLabel, dependents), true, reason);
    }

    private String alterType(SchemaObject.EnumType type) {
        return "db.alterType(" + dsl.name(type.type()) + ")";
    }

    /**
     * The way back from labels added to {@code type}: PostgreSQL cannot drop a label, so the type is renamed, made
     * again with the labels it had, each of its columns converted to it, and the renamed type dropped. A column's
     * default is dropped and set again around its conversion, which could not cast it.
     */
    private List<String> enumAgain(SchemaObject.EnumType type, String addedLabels, List<String> dependents) {
        String spare = spareTypeName(type.type());
        List<String> lines = new ArrayList<>();
        lines.add("// review: PostgreSQL cannot drop an enum label: " + type.type() + " is made again with the labels"
                + " it had, and its columns converted to it (a default is dropped and set again around the"
                + " conversion, which cannot cast it). A row that holds " + addedLabels + " makes the conversion"
                + " fail: give it another label first.");
        if (!dependents.isEmpty()) {
            lines.add("// review: " + type.type() + " is used by " + String.join(", ", dependents) + ", which makes"
                    + " the conversion fail: drop them before the next line and create them again after the last"
                    + " of this part (then delete irreversibilityReason()).");
        }
        lines.add(alterType(type) + ".renameTo(" + dsl.name(spare) + ").execute();");
        lines.addAll(createType(type));
        String quoted = quoteIfNeeded(type.type());
        for (SchemaObject.Column column : built.objects(SchemaObject.Column.class)) {
            boolean array = column.type().equals(quoted + "[]");
            if (!array && !column.type().equals(quoted)) {
                continue;
            }
            String name = quoteIfNeeded(column.column());
            String convert = "ALTER COLUMN " + name + " TYPE " + column.type() + " USING " + name + "::text"
                    + (array ? "[]" : "") + "::" + column.type();
            if (column.defaultValue() != null) {
                convert = "ALTER COLUMN " + name + " DROP DEFAULT, " + convert + ", ALTER COLUMN " + name
                        + " SET DEFAULT " + column.defaultValue();
            }
            lines.addAll(dsl.execute("ALTER TABLE " + quoteIfNeeded(column.table()) + " " + convert));
        }
        lines.add("db.dropType(" + dsl.name(spare) + ").execute();");
        return lines;
    }

    /** A name for the old type while the down makes it again: the type's with {@code _old}, free on both sides. */
    private String spareTypeName(String type) {
        String stem = type.length() > 55 ? type.substring(0, 55) : type;
        String spare = stem + "_old";
        for (int i = 2; built.find("enum type", spare).isPresent() || live.find("enum type", spare).isPresent()
                || relationNamed(spare); i++) {
            spare = stem + "_old" + i;
        }
        return spare;
    }

    private boolean relationNamed(String name) {
        return built.find("table", name).isPresent() || built.find("view", name).isPresent()
                || built.find("materialized view", name).isPresent() || built.find("sequence", name).isPresent();
    }

    /**
     * What uses enum type {@code type} besides columns, so that converting its columns to a type made again fails:
     * views, functions that take or return it, constraints and indexes that cast to it.
     */
    private List<String> enumDependents(String type) {
        Pattern word = Pattern.compile("(?<![\\w$\"])" + Pattern.quote(quoteIfNeeded(type)) + "(?![\\w$\"])");
        Pattern cast = Pattern.compile("::" + Pattern.quote(quoteIfNeeded(type)) + "(?![\\w$\"])");
        List<String> dependents = new ArrayList<>();
        for (SchemaObject object : built.objects()) {
            if (object instanceof SchemaObject.View view && word.matcher(view.definition()).find()) {
                dependents.add(view.kind() + " " + view.view());
            } else if (object instanceof SchemaObject.Function function
                    && (word.matcher(function.signature()).find() || returns(function, word))) {
                dependents.add("function " + function.signature());
            } else if (object instanceof SchemaObject.Constraint constraint
                    && cast.matcher(constraint.definition()).find()) {
                dependents.add("constraint " + constraint.name());
            } else if (object instanceof SchemaObject.Index index && cast.matcher(index.definition()).find()) {
                dependents.add("index " + index.name());
            }
        }
        return dependents;
    }

    /** Whether the {@code RETURNS} line of the function's text names the type. */
    private static boolean returns(SchemaObject.Function function, Pattern type) {
        return function.definition().lines().anyMatch(line -> line.strip().startsWith("RETURNS ")
                && type.matcher(line).find());
    }

    private static boolean isSubsequence(List<String> part, List<String> whole) {
        int i = 0;
        for (String item : whole) {
            if (i < part.size() && part.get(i).equals(item)) {
                i++;
            }
        }
        return i == part.size();
    }
}
