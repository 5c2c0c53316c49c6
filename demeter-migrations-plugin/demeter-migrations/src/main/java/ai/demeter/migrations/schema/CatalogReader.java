package ai.demeter.migrations.schema;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.database.Secrets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@link SchemaSnapshot} from {@code pg_catalog}, with PostgreSQL's own deparsers ({@code format_type},
 * {@code pg_get_constraintdef}, {@code pg_get_indexdef}, {@code pg_get_triggerdef}, {@code pg_get_functiondef},
 * {@code pg_get_viewdef}), so what is compared is what the server would print. Every query takes the schema name
 * ({@code :schema}) and the excluded table names ({@code :excluded}).
 */
final class CatalogReader {
    /** A relation, type or routine that an extension installed ({@code pg_depend.deptype = 'e'}). */
    private static final String NOT_FROM_EXTENSION = "not exists (select 1 from pg_depend dep where dep.classid = "
            + "'%s'::regclass and dep.objid = %s and dep.deptype = 'e')";
    private static final String IN_SCOPE = "n.nspname = :schema and not (c.relname = any (:excluded)) and "
            + NOT_FROM_EXTENSION.formatted("pg_class", "c.oid");

    private static final String TABLES = """
            select c.relname, case when c.relkind = 'p' then pg_get_partkeydef(c.oid) end, c.relpersistence = 'u'
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.relkind in ('r', 'p') and\s""" + IN_SCOPE;

    private static final String COLUMNS = """
            select c.relname, a.attname, row_number() over (partition by c.oid order by a.attnum),
                   format_type(a.atttypid, a.atttypmod), a.attnotnull,
                   case when a.attgenerated = '' then pg_get_expr(d.adbin, d.adrelid) end,
                   case when a.attgenerated = 's' then pg_get_expr(d.adbin, d.adrelid) end,
                   case a.attidentity when 'a' then 'always' when 'd' then 'by default' end,
                   case when a.attcollation <> t.typcollation then coll.collname end
            from pg_attribute a
            join pg_class c on c.oid = a.attrelid
            join pg_namespace n on n.oid = c.relnamespace
            join pg_type t on t.oid = a.atttypid
            left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
            left join pg_collation coll on coll.oid = a.attcollation
            where a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p') and\s""" + IN_SCOPE;

    private static final String CONSTRAINTS = """
            select c.relname, con.conname, con.contype, pg_get_constraintdef(con.oid)
            from pg_constraint con
            join pg_class c on c.oid = con.conrelid
            join pg_namespace n on n.oid = c.relnamespace
            where\s""" + IN_SCOPE;

    private static final String INDEXES = """
            select c.relname, i.relname, pg_get_indexdef(i.oid)
            from pg_index x
            join pg_class i on i.oid = x.indexrelid
            join pg_class c on c.oid = x.indrelid
            join pg_namespace n on n.oid = c.relnamespace
            where\s""" + IN_SCOPE;

    private static final String TRIGGERS = """
            select c.relname, tg.tgname, pg_get_triggerdef(tg.oid), tg.tgenabled
            from pg_trigger tg
            join pg_class c on c.oid = tg.tgrelid
            join pg_namespace n on n.oid = c.relnamespace
            where not tg.tgisinternal and\s""" + IN_SCOPE;

    private static final String FUNCTIONS = """
            select p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', pg_get_functiondef(p.oid)
            from pg_proc p join pg_namespace n on n.oid = p.pronamespace
            where p.prokind in ('f', 'p') and n.nspname = :schema and\s"""
            + NOT_FROM_EXTENSION.formatted("pg_proc", "p.oid");

    private static final String ENUM_LABELS = """
            select t.typname, e.enumlabel
            from pg_enum e
            join pg_type t on t.oid = e.enumtypid
            join pg_namespace n on n.oid = t.typnamespace
            where n.nspname = :schema and\s"""
            + NOT_FROM_EXTENSION.formatted("pg_type", "t.oid") + "\norder by t.typname, e.enumsortorder";

    private static final String SEQUENCES = """
            select c.relname, format_type(s.seqtypid, null), s.seqstart, s.seqincrement, s.seqmin, s.seqmax,
                   s.seqcache, s.seqcycle, owner.relname || '.' || a.attname
            from pg_sequence s
            join pg_class c on c.oid = s.seqrelid
            join pg_namespace n on n.oid = c.relnamespace
            left join pg_depend owned on owned.classid = 'pg_class'::regclass and owned.objid = c.oid
                 and owned.refclassid = 'pg_class'::regclass and owned.deptype in ('a', 'i')
            left join pg_class owner on owner.oid = owned.refobjid
            left join pg_attribute a on a.attrelid = owned.refobjid and a.attnum = owned.refobjsubid
            where coalesce(owner.relname <> all (:excluded), true) and\s""" + IN_SCOPE;

    private static final String VIEWS = """
            select c.relname, c.relkind = 'm', pg_get_viewdef(c.oid, true)
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.relkind in ('v', 'm') and\s""" + IN_SCOPE;

    private static final String EXTENSIONS = """
            select e.extname, e.extversion, n.nspname
            from pg_extension e join pg_namespace n on n.oid = e.extnamespace""";

    /** Comments on every kind of object read, named as the objects are. */
    private static final String COMMENTS = """
            select case c.relkind when 'v' then 'view ' when 'm' then 'materialized view ' when 'S' then 'sequence '
                   when 'i' then 'index ' else 'table ' end || c.relname, d.description
            from pg_description d
            join pg_class c on d.classoid = 'pg_class'::regclass and d.objoid = c.oid and d.objsubid = 0
            join pg_namespace n on n.oid = c.relnamespace
            where\s""" + IN_SCOPE + """

            union all
            select 'column ' || c.relname || '.' || a.attname, d.description
            from pg_description d
            join pg_class c on d.classoid = 'pg_class'::regclass and d.objoid = c.oid
            join pg_attribute a on a.attrelid = c.oid and a.attnum = d.objsubid
            join pg_namespace n on n.oid = c.relnamespace
            where d.objsubid > 0 and\s""" + IN_SCOPE + """

            union all
            select 'constraint ' || c.relname || '.' || con.conname, d.description
            from pg_description d
            join pg_constraint con on d.classoid = 'pg_constraint'::regclass and d.objoid = con.oid
            join pg_class c on c.oid = con.conrelid
            join pg_namespace n on n.oid = c.relnamespace
            where\s""" + IN_SCOPE + """

            union all
            select 'trigger ' || c.relname || '.' || tg.tgname, d.description
            from pg_description d
            join pg_trigger tg on d.classoid = 'pg_trigger'::regclass and d.objoid = tg.oid
            join pg_class c on c.oid = tg.tgrelid
            join pg_namespace n on n.oid = c.relnamespace
            where\s""" + IN_SCOPE + """

            union all
            select 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', d.description
            from pg_description d
            join pg_proc p on d.classoid = 'pg_proc'::regclass and d.objoid = p.oid
            join pg_namespace n on n.oid = p.pronamespace
            where n.nspname = :schema and\s"""
            + NOT_FROM_EXTENSION.formatted("pg_proc", "p.oid") + """

            union all
            select 'type ' || t.typname, d.description
            from pg_description d
            join pg_type t on d.classoid = 'pg_type'::regclass and d.objoid = t.oid
            join pg_namespace n on n.oid = t.typnamespace
            where n.nspname = :schema and\s"""
            + NOT_FROM_EXTENSION.formatted("pg_type", "t.oid") + """

            union all
            select 'extension ' || e.extname, d.description
            from pg_description d
            join pg_extension e on d.classoid = 'pg_extension'::regclass and d.objoid = e.oid""";

    private static final Pattern PLACEHOLDER = Pattern.compile("(?<!:):(schema|excluded)\\b");

    private final Connection connection;
    private final SnapshotScope scope;

    CatalogReader(Connection connection, SnapshotScope scope) {
        this.connection = connection;
        this.scope = scope;
    }

    SchemaSnapshot read() {
        List<SchemaObject> objects = new ArrayList<>();
        try {
            for (Row row : query(TABLES)) {
                objects.add(new SchemaObject.Table(row.text(1), row.text(2), row.bool(3)));
            }
            for (Row row : query(COLUMNS)) {
                objects.add(new SchemaObject.Column(row.text(1), row.text(2), (int) row.number(3), row.text(4),
                        row.bool(5), row.text(6), row.text(7), row.text(8), row.text(9)));
            }
            for (Row row : query(CONSTRAINTS)) {
                if (row.text(3).equals("n") && isDefaultNotNullName(row.text(2))) {
                    continue; // the column's notNull says it, on every version
                }
                objects.add(new SchemaObject.Constraint(row.text(1), row.text(2), constraintType(row.text(3)),
                        row.text(4)));
            }
            for (Row row : query(INDEXES)) {
                objects.add(new SchemaObject.Index(row.text(1), row.text(2), row.text(3)));
            }
            for (Row row : query(TRIGGERS)) {
                objects.add(new SchemaObject.Trigger(row.text(1), row.text(2), row.text(3), row.text(4)));
            }
            for (Row row : query(FUNCTIONS)) {
                objects.add(new SchemaObject.Function(row.text(1), row.text(2)));
            }
            Map<String, List<String>> labels = new LinkedHashMap<>();
            for (Row row : query(ENUM_LABELS)) {
                labels.computeIfAbsent(row.text(1), type -> new ArrayList<>()).add(row.text(2));
            }
            labels.forEach((type, values) -> objects.add(new SchemaObject.EnumType(type, values)));
            for (Row row : query(SEQUENCES)) {
                objects.add(new SchemaObject.Sequence(row.text(1), row.text(2), row.number(3), row.number(4),
                        row.number(5), row.number(6), row.number(7), row.bool(8), row.text(9)));
            }
            for (Row row : query(VIEWS)) {
                objects.add(new SchemaObject.View(row.text(1), row.bool(2), row.text(3)));
            }
            for (Row row : query(EXTENSIONS)) {
                objects.add(new SchemaObject.Extension(row.text(1), row.text(2), row.text(3)));
            }
            for (Row row : query(COMMENTS)) {
                objects.add(new SchemaObject.Comment(row.text(1), row.text(2)));
            }
        } catch (SQLException e) {
            throw DemeterException.fault("Cannot read the catalog of schema " + scope.schema() + ": "
                    + Secrets.mask(e.getMessage()), e);
        }
        return new SchemaSnapshot(scope.schema(), objects);
    }

    private static String constraintType(String code) {
        return switch (code) {
            case "p" -> "primary key";
            case "f" -> "foreign key";
            case "u" -> "unique";
            case "c" -> "check";
            case "x" -> "exclusion";
            case "t" -> "trigger";
            case "n" -> "not null";
            default -> code;
        };
    }

    /**
     * The form PostgreSQL 18 and later give a NOT NULL constraint nobody named: {@code <table>_<column>_not_null},
     * shortened to 63 bytes, numbered when the name was taken. It keeps that name when its table or column is renamed
     * later, so the form, not the current names, tells such a constraint from one someone named.
     */
    private static final Pattern DEFAULT_NOT_NULL = Pattern.compile(".+_not_null[0-9]*");

    /**
     * Whether a NOT NULL constraint is the column's NOT NULL and nothing more: named by the server, not by someone.
     * Earlier versions keep no row for it.
     */
    static boolean isDefaultNotNullName(String name) {
        return DEFAULT_NOT_NULL.matcher(name).matches();
    }

    /** One result row, by 1-based column. */
    private record Row(List<Object> values) {
        String text(int column) {
            Object value = values.get(column - 1);
            return value == null ? null : value.toString();
        }

        boolean bool(int column) {
            return Boolean.TRUE.equals(values.get(column - 1));
        }

        long number(int column) {
            return ((Number) values.get(column - 1)).longValue();
        }
    }

    /** Runs {@code sql} with the schema bound to each {@code :schema} and the excluded tables to {@code :excluded}. */
    private List<Row> query(String sql) throws SQLException {
        Matcher placeholders = PLACEHOLDER.matcher(sql);
        List<String> order = new ArrayList<>();
        while (placeholders.find()) {
            order.add(placeholders.group(1));
        }
        try (PreparedStatement statement = connection.prepareStatement(placeholders.replaceAll("?"))) {
            Array excluded = connection.createArrayOf("text", scope.excludedTables().toArray());
            for (int i = 0; i < order.size(); i++) {
                if (order.get(i).equals("schema")) {
                    statement.setString(i + 1, scope.schema());
                } else {
                    statement.setArray(i + 1, excluded);
                }
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<Object> values = new ArrayList<>(columns);
                    for (int c = 1; c <= columns; c++) {
                        values.add(result.getObject(c));
                    }
                    rows.add(new Row(values));
                }
            }
            return rows;
        }
    }
}
