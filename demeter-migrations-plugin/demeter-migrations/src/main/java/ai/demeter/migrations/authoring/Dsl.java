package ai.demeter.migrations.authoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The words of jOOQ's DSL a statement line is made of ({@code name(...)}, {@code SQLDataType.CLOB},
 * {@code db.execute(...)} for plain SQL), each recording in the class's {@link JavaSource} the import it needs.
 */
final class Dsl {
    private static final String DSL = "org.jooq.impl.DSL";
    /** PostgreSQL's spelling ({@code format_type}) of the types {@code SQLDataType} has a constant for. */
    private static final Map<String, String> SQL_DATA_TYPES = Map.ofEntries(
            Map.entry("integer", "INTEGER"), Map.entry("bigint", "BIGINT"), Map.entry("smallint", "SMALLINT"),
            Map.entry("boolean", "BOOLEAN"), Map.entry("text", "CLOB"), Map.entry("bytea", "BLOB"),
            Map.entry("double precision", "DOUBLE"), Map.entry("real", "REAL"), Map.entry("numeric", "NUMERIC"),
            Map.entry("character varying", "VARCHAR"), Map.entry("date", "DATE"),
            Map.entry("timestamp without time zone", "TIMESTAMP"),
            Map.entry("timestamp with time zone", "TIMESTAMPWITHTIMEZONE"),
            Map.entry("time without time zone", "TIME"), Map.entry("jsonb", "JSONB"), Map.entry("json", "JSON"),
            Map.entry("uuid", "UUID"));
    private static final Pattern VARCHAR = Pattern.compile("character varying\\((\\d+)\\)");
    private static final Pattern CHAR = Pattern.compile("character\\((\\d+)\\)");
    private static final Pattern NUMERIC = Pattern.compile("numeric\\((\\d+),(\\d+)\\)");
    /** A numbered placeholder, which jOOQ's plain SQL would try to fill. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+}");

    private final JavaSource source;

    Dsl(JavaSource source) {
        this.source = source;
    }

    /** {@code name("plots")}; {@code name("plots", "code")} for a qualified name. */
    String name(String... identifiers) {
        return source.member(DSL, "name") + "(" + Arrays.stream(identifiers).map(JavaSource::literal)
                .collect(Collectors.joining(", ")) + ")";
    }

    /** {@code name("a"), name("b")}. */
    String names(List<String> identifiers) {
        return identifiers.stream().map(identifier -> name(identifier)).collect(Collectors.joining(", "));
    }

    /** {@code field(...)} of the arguments as written. */
    String field(String... arguments) {
        return source.member(DSL, "field") + "(" + String.join(", ", arguments) + ")";
    }

    /** {@code constraint(name("..."))}. */
    String constraint(String constraintName) {
        return source.member(DSL, "constraint") + "(" + name(constraintName) + ")";
    }

    /** {@code condition("...")} of a SQL condition. */
    String condition(String sql) {
        return source.member(DSL, "condition") + "(" + JavaSource.literal(sql) + ")";
    }

    /** {@code SQLDataType.VARCHAR(50)} for {@code character varying(50)}; {@code type("...")} for the rest. */
    String dataType(String formatType) {
        String constant = SQL_DATA_TYPES.get(formatType);
        if (constant != null) {
            return sqlDataType(constant);
        }
        Matcher matcher = VARCHAR.matcher(formatType);
        if (matcher.matches()) {
            return sqlDataType("VARCHAR(" + matcher.group(1) + ")");
        }
        matcher = CHAR.matcher(formatType);
        if (matcher.matches()) {
            return sqlDataType("CHAR(" + matcher.group(1) + ")");
        }
        matcher = NUMERIC.matcher(formatType);
        if (matcher.matches()) {
            return sqlDataType("NUMERIC(" + matcher.group(1) + ", " + matcher.group(2) + ")");
        }
        return namedType(formatType);
    }

    private String sqlDataType(String constant) {
        return source.type("org.jooq.impl.SQLDataType") + "." + constant;
    }

    /** {@code type("serial")}: the class's helper for a type {@code SQLDataType} has no constant for. */
    String namedType(String typeName) {
        source.helper("""

                    /** A column type by its PostgreSQL name, for types SQLDataType has no constant for. */
                    private static %s<Object> type(String name) {
                        return %s.getDefaultDataType(%s.POSTGRES, name);
                    }
                """.formatted(source.type("org.jooq.DataType"), source.type("org.jooq.impl.DefaultDataType"),
                source.type("org.jooq.SQLDialect")));
        return "type(" + JavaSource.literal(typeName) + ")";
    }

    /** {@code db.execute("...")} for a statement the DSL has no word for, with a {@code // review} note. */
    List<String> plainSql(String sql, String why) {
        List<String> lines = new ArrayList<>(List.of("// review: plain SQL" + (why == null ? "" : " (" + why + ")")));
        lines.addAll(execute(sql));
        return lines;
    }

    /** {@code db.execute("...")}, for a statement under a review comment of its own. */
    List<String> execute(String sql) {
        String literal = multiLineLiteral(sql);
        if (templateSafe(sql)) {
            return ("db.execute(" + literal + ");").lines().toList();
        }
        // "{0}" in the text would be read by jOOQ's plain SQL as a placeholder; a name is rendered verbatim.
        return ("db.query(\"{0}\", " + source.type(DSL) + ".unquotedName(" + literal + ")).execute();").lines()
                .toList();
    }

    /** Whether jOOQ's plain SQL takes {@code sql} as it is, with no placeholder to fill. */
    static boolean templateSafe(String sql) {
        return !PLACEHOLDER.matcher(sql).find();
    }

    private static String multiLineLiteral(String text) {
        String[] lines = text.split("(?<=\n)");
        if (lines.length == 1) {
            return JavaSource.literal(text);
        }
        StringBuilder out = new StringBuilder(JavaSource.literal(lines[0]));
        for (int i = 1; i < lines.length; i++) {
            out.append("\n        + ").append(JavaSource.literal(lines[i]));
        }
        return out.toString();
    }
}
