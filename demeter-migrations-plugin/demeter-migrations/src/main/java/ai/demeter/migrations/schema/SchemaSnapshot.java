package ai.demeter.migrations.schema;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A database schema as its catalog ({@code pg_catalog}) describes it at one moment: tables, columns, constraints,
 * indexes, triggers, functions, enum types, sequences, views, extensions and comments. Objects that belong to an
 * extension (PostGIS's {@code spatial_ref_sys}, its views and routines) and the migration history tables are left
 * out: the migrations did not make them. Immutable; two snapshots are equal when their objects are.
 *
 * @param schema  the schema read, e.g. {@code public}
 * @param objects every object, in {@link #ORDER}
 */
public record SchemaSnapshot(String schema, List<SchemaObject> objects) {

    /** The kinds in the order a listing shows them. */
    static final List<String> KINDS = List.of("extension", "enum type", "sequence", "function", "table", "column",
            "constraint", "index", "trigger", "view", "materialized view", "comment");

    /** Kind first (in {@link #KINDS} order), then name. */
    public static final Comparator<SchemaObject> ORDER = Comparator
            .<SchemaObject>comparingInt(object -> KINDS.indexOf(object.kind()))
            .thenComparing(SchemaObject::name);

    public SchemaSnapshot {
        Objects.requireNonNull(schema, "schema");
        List<SchemaObject> sorted = new ArrayList<>(objects);
        sorted.sort(ORDER);
        objects = List.copyOf(sorted);
    }

    /** Reads the schema {@code scope} names from the catalog of the database {@code connection} is on. */
    public static SchemaSnapshot read(Connection connection, SnapshotScope scope) {
        return new CatalogReader(connection, scope).read();
    }

    /** The objects of one type, in order. */
    public <T extends SchemaObject> List<T> objects(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The columns of {@code table}, in their table order. */
    public List<SchemaObject.Column> columns(String table) {
        return objects(SchemaObject.Column.class).stream().filter(column -> column.table().equals(table))
                .sorted(Comparator.comparingInt(SchemaObject.Column::position)).toList();
    }

    public Optional<SchemaObject> find(String kind, String name) {
        return objects.stream().filter(object -> object.kind().equals(kind) && object.name().equals(name)).findFirst();
    }

    /** What differs between this snapshot (the left side) and {@code other} (the right side), fact by fact. */
    public List<SchemaDifference> differences(SchemaSnapshot other) {
        Map<String, SchemaObject> left = byIdentity(objects);
        Map<String, SchemaObject> right = byIdentity(other.objects);
        List<SchemaDifference> differences = new ArrayList<>();
        for (SchemaObject object : objects) {
            SchemaObject counterpart = right.get(identity(object));
            if (counterpart == null) {
                differences.add(new SchemaDifference.OnlyLeft(object));
            } else if (!counterpart.equals(object)) {
                Map<String, String> theirs = counterpart.properties();
                object.properties().forEach((property, value) -> {
                    if (!Objects.equals(value, theirs.get(property))) {
                        differences.add(new SchemaDifference.Changed(object, property, value, theirs.get(property)));
                    }
                });
            }
        }
        for (SchemaObject object : other.objects) {
            if (!left.containsKey(identity(object))) {
                differences.add(new SchemaDifference.OnlyRight(object));
            }
        }
        differences.sort(Comparator.comparing(SchemaDifference::object, ORDER));
        return List.copyOf(differences);
    }

    private static Map<String, SchemaObject> byIdentity(List<SchemaObject> objects) {
        Map<String, SchemaObject> map = new LinkedHashMap<>();
        objects.forEach(object -> map.put(identity(object), object));
        return map;
    }

    private static String identity(SchemaObject object) {
        return object.kind() + " " + object.name();
    }
}
