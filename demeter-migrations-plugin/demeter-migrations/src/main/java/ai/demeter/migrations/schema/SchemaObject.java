package ai.demeter.migrations.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One object of a database schema as the catalog describes it. Two snapshots are compared object by object: an
 * object is identified by its {@link #kind()} and {@link #name()}, and two objects with the same identity differ
 * when any of their {@link #properties()} differ.
 */
public sealed interface SchemaObject {

    /** What kind of object this is, as a reader would say it: {@code column}, {@code enum type}, ... */
    String kind();

    /** Its name within the schema; table-bound objects are named {@code table.object}. */
    String name();

    /** The facts that make up its definition, in a fixed order; what a comparison compares. */
    Map<String, String> properties();

    /** One line naming the object with its essential definition, e.g. {@code column s3_images.image_data bytea}. */
    default String describe() {
        return kind() + " " + name();
    }

    /**
     * A table.
     *
     * @param partitionKey for a partitioned table, its key as {@code pg_get_partkeydef} prints it; else null
     */
    record Table(String name, String partitionKey, boolean unlogged) implements SchemaObject {
        public String kind() {
            return "table";
        }

        public Map<String, String> properties() {
            return ordered("partition key", partitionKey, "unlogged", String.valueOf(unlogged));
        }
    }

    /**
     * A table column.
     *
     * @param position  its place among the table's live columns, from 1
     * @param type      the full type as {@code format_type} prints it, e.g. {@code geometry(Point,4326)}
     * @param defaultValue the default expression, or null
     * @param generated the expression of a stored generated column, or null
     * @param identity  {@code always} or {@code by default} for an identity column, else null
     * @param collation a collation other than the type's default, or null
     */
    record Column(String table, String column, int position, String type, boolean notNull, String defaultValue,
            String generated, String identity, String collation) implements SchemaObject {
        public String kind() {
            return "column";
        }

        public String name() {
            return table + "." + column;
        }

        public Map<String, String> properties() {
            return ordered("position", String.valueOf(position), "type", type, "nullability",
                    notNull ? "not null" : "nullable", "default", defaultValue, "generated", generated, "identity",
                    identity, "collation", collation);
        }

        /** With what {@code diff} writes for the column besides its type: its default, generation or identity. */
        @Override
        public String describe() {
            return "column " + name() + " " + type + (notNull ? " not null" : "")
                    + (defaultValue == null ? "" : " default " + defaultValue)
                    + (generated == null ? "" : " generated always as (" + generated + ") stored")
                    + (identity == null ? "" : " generated " + identity + " as identity");
        }

        /** The column as it would be declared in {@code CREATE TABLE}. */
        public String declaration() {
            StringBuilder out = new StringBuilder(SqlNames.quote(column)).append(' ').append(type);
            if (collation != null) {
                out.append(" COLLATE ").append(SqlNames.quote(collation));
            }
            if (generated != null) {
                out.append(" GENERATED ALWAYS AS (").append(generated).append(") STORED");
            }
            if (identity != null) {
                out.append(" GENERATED ").append(identity.toUpperCase(java.util.Locale.ROOT)).append(" AS IDENTITY");
            }
            if (defaultValue != null) {
                out.append(" DEFAULT ").append(defaultValue);
            }
            if (notNull) {
                out.append(" NOT NULL");
            }
            return out.toString();
        }
    }

    /**
     * A table constraint.
     *
     * @param type       {@code primary key}, {@code foreign key}, {@code unique}, {@code check}, {@code exclusion}
     * @param definition as {@code pg_get_constraintdef} prints it, including {@code NOT VALID} and deferrability
     */
    record Constraint(String table, String constraint, String type, String definition) implements SchemaObject {
        public String kind() {
            return "constraint";
        }

        public String name() {
            return table + "." + constraint;
        }

        public Map<String, String> properties() {
            return ordered("definition", definition);
        }

        @Override
        public String describe() {
            return "constraint " + name() + " " + definition;
        }
    }

    /** An index, as {@code pg_get_indexdef} prints it (method, columns or expressions, predicate, uniqueness). */
    record Index(String table, String index, String definition) implements SchemaObject {
        public String kind() {
            return "index";
        }

        public String name() {
            return table + "." + index;
        }

        public Map<String, String> properties() {
            return ordered("definition", definition);
        }

        @Override
        public String describe() {
            return "index " + name() + ": " + definition;
        }
    }

    /** A trigger, as {@code pg_get_triggerdef} prints it; {@code enabled} is {@code pg_trigger.tgenabled}. */
    record Trigger(String table, String trigger, String definition, String enabled) implements SchemaObject {
        public String kind() {
            return "trigger";
        }

        public String name() {
            return table + "." + trigger;
        }

        public Map<String, String> properties() {
            return ordered("definition", definition, "enabled", enabled);
        }

        @Override
        public String describe() {
            return "trigger " + name() + ": " + definition;
        }
    }

    /**
     * A function or procedure, with its whole {@code CREATE} text ({@code pg_get_functiondef}): PostgreSQL keeps
     * the body verbatim, so a changed comment or blank line in a body is a change of the schema.
     */
    record Function(String signature, String definition) implements SchemaObject {
        public String kind() {
            return "function";
        }

        public String name() {
            return signature;
        }

        /** MD5 of the definition, hex: a short way to tell two bodies apart in a listing. */
        public String hash() {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                        .digest(definition.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        public Map<String, String> properties() {
            return ordered("definition", definition);
        }

        @Override
        public String describe() {
            return "function " + signature + " (md5 " + hash() + ")";
        }
    }

    /** An enum type with its labels in their sort order. */
    record EnumType(String type, List<String> labels) implements SchemaObject {
        public EnumType {
            labels = List.copyOf(labels);
        }

        public String kind() {
            return "enum type";
        }

        public String name() {
            return type;
        }

        public Map<String, String> properties() {
            return ordered("labels", String.join(", ", labels));
        }

        @Override
        public String describe() {
            return "enum type " + type + " (" + String.join(", ", labels) + ")";
        }
    }

    /** A sequence; {@code ownedBy} is the {@code table.column} it belongs to (serial or identity), or null. */
    record Sequence(String sequence, String type, long start, long increment, long min, long max, long cache,
            boolean cycle, String ownedBy) implements SchemaObject {
        public String kind() {
            return "sequence";
        }

        public String name() {
            return sequence;
        }

        public Map<String, String> properties() {
            return ordered("type", type, "start", String.valueOf(start), "increment", String.valueOf(increment),
                    "minimum", String.valueOf(min), "maximum", String.valueOf(max), "cache", String.valueOf(cache),
                    "cycle", String.valueOf(cycle), "owned by", ownedBy);
        }

        @Override
        public String describe() {
            return "sequence " + sequence + " " + type + (ownedBy == null ? "" : " owned by " + ownedBy);
        }
    }

    /** A view or a materialized view, with its query as {@code pg_get_viewdef} prints it. */
    record View(String view, boolean materialized, String definition) implements SchemaObject {
        public String kind() {
            return materialized ? "materialized view" : "view";
        }

        public String name() {
            return view;
        }

        public Map<String, String> properties() {
            return ordered("definition", definition);
        }
    }

    /** An installed extension: its version and the schema it lives in. */
    record Extension(String extension, String version, String schema) implements SchemaObject {
        public String kind() {
            return "extension";
        }

        public String name() {
            return extension;
        }

        public Map<String, String> properties() {
            return ordered("version", version, "schema", schema);
        }

        @Override
        public String describe() {
            return "extension " + extension + " " + version;
        }
    }

    /** A comment ({@code COMMENT ON}); {@code target} names the object, e.g. {@code column warehouses.code}. */
    record Comment(String target, String text) implements SchemaObject {
        public String kind() {
            return "comment";
        }

        public String name() {
            return "on " + target;
        }

        public Map<String, String> properties() {
            return ordered("text", text);
        }

        @Override
        public String describe() {
            return "comment on " + target + ": " + SqlNames.literal(text);
        }
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }
}
