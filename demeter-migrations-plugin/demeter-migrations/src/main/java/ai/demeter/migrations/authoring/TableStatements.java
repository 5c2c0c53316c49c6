package ai.demeter.migrations.authoring;

import static ai.demeter.migrations.internal.SqlText.quoteIfNeeded;

import ai.demeter.migrations.schema.SchemaObject;
import ai.demeter.migrations.schema.SchemaSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines for tables and columns: {@code createTable} with the columns and primary key, adding and dropping a
 * column, a column's type with nullability and default, {@code SET NOT NULL} and defaults. What the DSL cannot
 * declare (identity, generated or collated columns, partitioning, {@code UNLOGGED}) is written in plain SQL.
 */
final class TableStatements {
    private static final Pattern NEXTVAL = Pattern.compile("nextval\\('([^']+)'::regclass\\)");

    private final Dsl dsl;
    /** The planner's objects accounted for by another fact: a key's index, a serial column's sequence. */
    private final Set<String> covered;

    TableStatements(Dsl dsl, Set<String> covered) {
        this.dsl = dsl;
        this.covered = covered;
    }

    List<String> dropTable(SchemaObject.Table table) {
        return List.of("db.dropTable(" + dsl.name(table.name()) + ").execute();");
    }

    /** The table as {@code side} has it: its columns and its primary key, which covers the key's index. */
    List<String> createTable(SchemaObject.Table table, SchemaSnapshot side) {
        List<SchemaObject.Column> columns = side.columns(table.name());
        Optional<SchemaObject.Constraint> primaryKey = side.objects(SchemaObject.Constraint.class).stream()
                .filter(constraint -> constraint.table().equals(table.name()) && constraint.type().equals("primary key"))
                .findFirst();
        primaryKey.ifPresent(key -> covered.add("index " + key.name()));
        List<String> keyColumns = primaryKey.map(key -> Identifiers.of(key.definition(), "PRIMARY KEY")).orElse(null);
        boolean plain = table.partitionKey() != null || table.unlogged() || (primaryKey.isPresent() && keyColumns == null)
                || columns.stream().anyMatch(column -> !declarable(column));
        if (plain) {
            StringBuilder sql = new StringBuilder("CREATE ").append(table.unlogged() ? "UNLOGGED " : "")
                    .append("TABLE ").append(quoteIfNeeded(table.name())).append(" (\n");
            List<String> parts = new ArrayList<>(columns.stream().map(column -> "    " + column.declaration()).toList());
            primaryKey.ifPresent(key -> parts.add("    CONSTRAINT " + quoteIfNeeded(key.constraint()) + " "
                    + key.definition()));
            sql.append(String.join(",\n", parts)).append("\n)");
            if (table.partitionKey() != null) {
                sql.append(" PARTITION BY ").append(table.partitionKey());
            }
            return dsl.plainSql(sql.toString(), "a table jOOQ's DSL cannot declare (identity, generated or collated"
                    + " columns, partitioning, UNLOGGED)");
        }
        List<String> lines = new ArrayList<>();
        lines.add("db.createTable(" + dsl.name(table.name()) + ")");
        for (SchemaObject.Column column : columns) {
            lines.add("        .column(" + dsl.name(column.column()) + ", " + columnType(column, side) + ")");
        }
        primaryKey.ifPresent(key -> lines.add("        .constraints(" + dsl.constraint(key.constraint())
                + ".primaryKey(" + dsl.names(keyColumns) + "))"));
        lines.add("        .execute();");
        return lines;
    }

    /** Whether the DSL can declare the column: not identity, generated or collated. */
    static boolean declarable(SchemaObject.Column column) {
        return column.generated() == null && column.identity() == null && column.collation() == null;
    }

    List<String> addColumn(SchemaObject.Column column, SchemaSnapshot side) {
        if (!declarable(column)) {
            return dsl.plainSql("ALTER TABLE " + quoteIfNeeded(column.table()) + " ADD COLUMN "
                    + column.declaration(), "jOOQ's DSL cannot declare identity, generated or collated columns");
        }
        return List.of("db.alterTable(" + dsl.name(column.table()) + ").add(" + dsl.field(dsl.name(column.column()),
                columnType(column, side)) + ").execute();");
    }

    List<String> dropColumn(SchemaObject.Column column) {
        return List.of("db.alterTable(" + dsl.name(column.table()) + ").drop(" + dsl.name(column.column())
                + ").execute();");
    }

    /** {@code db.alterTable(name("t")).alter(name("c"))}, which the column's changes continue. */
    String alter(SchemaObject.Column column) {
        return "db.alterTable(" + dsl.name(column.table()) + ").alter(" + dsl.name(column.column()) + ")";
    }

    /**
     * The column's data type with nullability and default. A {@code nextval} default on the column's own sequence
     * is a serial column: declared as {@code serial}, which makes the sequence too.
     */
    private String columnType(SchemaObject.Column column, SchemaSnapshot side) {
        String serial = serialType(column, side);
        String type = serial != null ? dsl.namedType(serial) : dsl.dataType(column.type());
        StringBuilder out = new StringBuilder(type);
        if (column.notNull()) {
            out.append(".nullable(false)");
        }
        if (column.defaultValue() != null && serial == null) {
            out.append(".defaultValue(").append(dsl.field(JavaSource.literal(column.defaultValue()),
                    dsl.dataType(column.type()))).append(")");
        }
        return out.toString();
    }

    /** {@code serial} (or its bigint, smallint kin) for a serial column, whose sequence it covers; else null. */
    String serialType(SchemaObject.Column column, SchemaSnapshot side) {
        if (column.defaultValue() == null) {
            return null;
        }
        Matcher nextval = NEXTVAL.matcher(column.defaultValue());
        String sequenceName = column.table() + "_" + column.column() + "_seq";
        if (!nextval.matches() || !Identifiers.unquoted(nextval.group(1)).equals(sequenceName)) {
            return null;
        }
        Optional<SchemaObject> sequence = side.find("sequence", sequenceName);
        if (sequence.isEmpty() || !column.name().equals(((SchemaObject.Sequence) sequence.get()).ownedBy())) {
            return null;
        }
        String serial = switch (column.type()) {
            case "integer" -> "serial";
            case "bigint" -> "bigserial";
            case "smallint" -> "smallserial";
            default -> null;
        };
        if (serial != null) {
            covered.add("sequence " + sequenceName);
        }
        return serial;
    }

    /**
     * {@code SET NOT NULL}, which fails on a row that holds NULL: with a default, the rows that hold NULL get it
     * first; without one, a review comment says they must be dealt with.
     *
     * @param alter     {@link #alter} of the column
     * @param direction {@code up} or {@code down}, for the comment
     */
    List<String> setNotNull(String alter, SchemaObject.Column column, String direction) {
        List<String> lines = new ArrayList<>();
        if (column.defaultValue() != null) {
            // The default is in place by then: up() sets it before NOT NULL (COLUMNS, then NOT_NULL), and down()
            // restores it before this line (its step follows the nullability's in up()).
            lines.add("// Rows that hold NULL get the column's default first: SET NOT NULL fails on them.");
            lines.add("db.query(\"update {0} set {1} = default where {1} is null\", " + dsl.name(column.table())
                    + ", " + dsl.name(column.column()) + ").execute();");
        } else if (direction.equals("up")) {
            lines.add("// review: SET NOT NULL fails while a row of " + column.table() + " holds NULL in "
                    + column.column() + ": give those rows a value first (an update before this line), or give the"
                    + " column a default. Where a running release may still write NULL, verify's made-not-null rule"
                    + " asks for the change over releases: write a value always, backfill, then set NOT NULL.");
        } else {
            lines.add("// review: SET NOT NULL fails while a row of " + column.table() + " holds NULL in "
                    + column.column() + ", which up() allows: give those rows a value first (an update before this"
                    + " line).");
        }
        lines.add(alter + ".setNotNull().execute();");
        return lines;
    }

    List<String> setDefault(String alter, SchemaObject.Column column) {
        return List.of(column.defaultValue() == null ? alter + ".dropDefault().execute();"
                : alter + ".setDefault(" + dsl.field(JavaSource.literal(column.defaultValue())) + ").execute();");
    }

    static String logged(SchemaObject.Table table) {
        return "ALTER TABLE " + quoteIfNeeded(table.name()) + (table.unlogged() ? " SET UNLOGGED" : " SET LOGGED");
    }
}
