package ai.demeter.migrations.schema;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A snapshot written as a DDL-like listing ({@code docs/schema.sql}): stable (sorted by kind and name, no
 * timestamps, no versions of the machine's extensions), so that a change of the schema shows in a pull request as a
 * change of these lines. It reads like a schema script, but it is documentation, not a script to run: the migrations
 * are the way to build the schema.
 */
final class SchemaListing {
    private SchemaListing() {
    }

    public static String render(SchemaSnapshot snapshot, String header) {
        StringBuilder out = new StringBuilder();
        header.lines().forEach(line -> out.append("-- ").append(line).append('\n'));
        for (SchemaObject.Extension extension : snapshot.objects(SchemaObject.Extension.class)) {
            if (extension.schema().equals("pg_catalog")) {
                continue; // plpgsql: in every database
            }
            section(out);
            out.append("CREATE EXTENSION ").append(SqlNames.quote(extension.extension())).append(" SCHEMA ")
                    .append(SqlNames.quote(extension.schema())).append(";\n");
        }
        for (SchemaObject.EnumType type : snapshot.objects(SchemaObject.EnumType.class)) {
            section(out);
            out.append("CREATE TYPE ").append(SqlNames.quote(type.type())).append(" AS ENUM (")
                    .append(type.labels().stream().map(SqlNames::literal).collect(Collectors.joining(", ")))
                    .append(");\n");
        }
        for (SchemaObject.Sequence sequence : snapshot.objects(SchemaObject.Sequence.class)) {
            section(out);
            out.append("CREATE SEQUENCE ").append(SqlNames.quote(sequence.sequence())).append(" AS ")
                    .append(sequence.type()).append(" START ").append(sequence.start()).append(" INCREMENT ")
                    .append(sequence.increment()).append(" MINVALUE ").append(sequence.min()).append(" MAXVALUE ")
                    .append(sequence.max()).append(" CACHE ").append(sequence.cache())
                    .append(sequence.cycle() ? " CYCLE" : " NO CYCLE");
            if (sequence.ownedBy() != null) {
                out.append(" OWNED BY ").append(sequence.ownedBy());
            }
            out.append(";\n");
        }
        for (SchemaObject.Function function : snapshot.objects(SchemaObject.Function.class)) {
            section(out);
            out.append(function.definition().stripTrailing()).append(";\n");
        }
        for (SchemaObject.Table table : snapshot.objects(SchemaObject.Table.class)) {
            section(out);
            out.append("CREATE ").append(table.unlogged() ? "UNLOGGED " : "").append("TABLE ")
                    .append(SqlNames.quote(table.name())).append(" (\n");
            List<String> lines = new java.util.ArrayList<>();
            snapshot.columns(table.name()).forEach(column -> lines.add(column.declaration()));
            constraints(snapshot, table.name()).forEach(constraint -> lines.add("CONSTRAINT "
                    + SqlNames.quote(constraint.constraint()) + " " + constraint.definition()));
            out.append(lines.stream().map(line -> "    " + line).collect(Collectors.joining(",\n")));
            out.append("\n)").append(table.partitionKey() == null ? "" : " PARTITION BY " + table.partitionKey())
                    .append(";\n");
        }
        Set<String> constraintIndexes = snapshot.objects(SchemaObject.Constraint.class).stream()
                .map(SchemaObject.Constraint::name).collect(Collectors.toSet());
        for (SchemaObject.Index index : snapshot.objects(SchemaObject.Index.class)) {
            if (!constraintIndexes.contains(index.name())) {
                section(out);
                out.append(index.definition()).append(";\n");
            }
        }
        for (SchemaObject.Trigger trigger : snapshot.objects(SchemaObject.Trigger.class)) {
            section(out);
            out.append(trigger.definition()).append(trigger.enabled().equals("D") ? "; -- disabled\n" : ";\n");
        }
        for (SchemaObject.View view : snapshot.objects(SchemaObject.View.class)) {
            section(out);
            out.append("CREATE ").append(view.materialized() ? "MATERIALIZED VIEW " : "VIEW ")
                    .append(SqlNames.quote(view.view())).append(" AS\n").append(view.definition().stripTrailing());
            out.append(view.definition().stripTrailing().endsWith(";") ? "\n" : ";\n");
        }
        for (SchemaObject.Comment comment : snapshot.objects(SchemaObject.Comment.class)) {
            section(out);
            out.append("COMMENT ON ").append(commentTarget(comment.target())).append(" IS ")
                    .append(SqlNames.literal(comment.text())).append(";\n");
        }
        return out.toString();
    }

    private static List<SchemaObject.Constraint> constraints(SchemaSnapshot snapshot, String table) {
        List<String> order = List.of("primary key", "unique", "exclusion", "check", "foreign key", "trigger");
        return snapshot.objects(SchemaObject.Constraint.class).stream()
                .filter(constraint -> constraint.table().equals(table))
                .sorted(java.util.Comparator.comparingInt((SchemaObject.Constraint c) -> order.indexOf(c.type()))
                        .thenComparing(SchemaObject.Constraint::constraint))
                .toList();
    }

    /** {@code column t.c} as {@code COLUMN t.c}; constraints and triggers as {@code CONSTRAINT c ON t}. */
    private static String commentTarget(String target) {
        int space = target.lastIndexOf(' ');
        String kind = target.substring(0, space).toUpperCase(Locale.ROOT);
        String name = target.substring(space + 1);
        if ((kind.equals("CONSTRAINT") || kind.equals("TRIGGER")) && name.contains(".")) {
            int dot = name.indexOf('.');
            return kind + " " + name.substring(dot + 1) + " ON " + name.substring(0, dot);
        }
        return kind + " " + name;
    }

    private static void section(StringBuilder out) {
        out.append('\n');
    }
}
