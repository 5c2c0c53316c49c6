package ai.demeter.migrations.schema;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A snapshot drawn as a Mermaid {@code erDiagram}: every table with its key columns (primary key, unique, foreign
 * key), and one relationship per foreign key, optional when its columns may be null. GitHub and most Markdown
 * viewers render it.
 */
final class EntityRelationshipDiagram {
    private static final Pattern COLUMN_LIST = Pattern.compile("^(?:PRIMARY KEY|UNIQUE|FOREIGN KEY) \\(([^)]*)\\)");
    private static final Pattern REFERENCES = Pattern.compile("REFERENCES ([^(\\s]+)\\(");

    private EntityRelationshipDiagram() {
    }

    /** The diagram alone, from {@code erDiagram} on. */
    public static String mermaid(SchemaSnapshot snapshot) {
        StringBuilder out = new StringBuilder("erDiagram\n");
        List<SchemaObject.Constraint> constraints = snapshot.objects(SchemaObject.Constraint.class);
        for (SchemaObject.Table table : snapshot.objects(SchemaObject.Table.class)) {
            Set<String> primary = columns(constraints, table.name(), "primary key");
            Set<String> unique = columns(constraints, table.name(), "unique");
            Set<String> foreign = columns(constraints, table.name(), "foreign key");
            out.append("    ").append(table.name()).append(" {\n");
            for (SchemaObject.Column column : snapshot.columns(table.name())) {
                List<String> keys = new ArrayList<>();
                if (primary.contains(column.column())) {
                    keys.add("PK");
                }
                if (foreign.contains(column.column())) {
                    keys.add("FK");
                }
                if (unique.contains(column.column())) {
                    keys.add("UK");
                }
                if (!keys.isEmpty()) {
                    out.append("        ").append(typeWord(column.type())).append(' ').append(column.column())
                            .append(' ').append(String.join(", ", keys)).append('\n');
                }
            }
            out.append("    }\n");
        }
        for (SchemaObject.Constraint constraint : constraints) {
            if (!constraint.type().equals("foreign key")) {
                continue;
            }
            Matcher referenced = REFERENCES.matcher(constraint.definition());
            if (!referenced.find()) {
                continue;
            }
            String parent = unqualified(referenced.group(1), snapshot.schema());
            Set<String> local = columnList(constraint.definition());
            boolean optional = snapshot.columns(constraint.table()).stream()
                    .anyMatch(column -> local.contains(column.column()) && !column.notNull());
            out.append("    ").append(parent).append(optional ? " |o--o{ " : " ||--o{ ").append(constraint.table())
                    .append(" : \"").append(String.join(", ", local)).append("\"\n");
        }
        return out.toString();
    }

    private static Set<String> columns(List<SchemaObject.Constraint> constraints, String table, String type) {
        Set<String> columns = new LinkedHashSet<>();
        constraints.stream().filter(c -> c.table().equals(table) && c.type().equals(type))
                .forEach(c -> columns.addAll(columnList(c.definition())));
        return columns;
    }

    private static Set<String> columnList(String definition) {
        Matcher matcher = COLUMN_LIST.matcher(definition);
        Set<String> columns = new LinkedHashSet<>();
        if (matcher.find()) {
            for (String column : matcher.group(1).split(",")) {
                columns.add(column.strip().replace("\"", ""));
            }
        }
        return columns;
    }

    private static String unqualified(String table, String schema) {
        String name = table.startsWith(schema + ".") ? table.substring(schema.length() + 1) : table;
        return name.replace("\"", "");
    }

    /** A type as one Mermaid word: {@code character varying(50)} is {@code varchar}, {@code geometry(Point,4326)} is {@code geometry}. */
    static String typeWord(String type) {
        String base = type.replaceAll("\\(.*\\)", "").strip().toLowerCase(Locale.ROOT);
        base = switch (base) {
            case "character varying" -> "varchar";
            case "timestamp without time zone" -> "timestamp";
            case "timestamp with time zone" -> "timestamptz";
            case "double precision" -> "double";
            default -> base;
        };
        return base.replace("[]", "_array").replaceAll("[^a-z0-9_]+", "_");
    }
}
