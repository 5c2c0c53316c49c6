package ai.demeter.migrations.authoring;

import static ai.demeter.migrations.internal.SqlText.quoteIfNeeded;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Names read back from the catalog's deparsed definitions, and written into plain SQL. */
final class Identifiers {
    /** One identifier as PostgreSQL prints it: bare, or quoted with quotes doubled. */
    static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]*|\"(?:[^\"]|\"\")+\"");

    private Identifiers() {
    }

    /** The columns of {@code KEYWORD (a, b)}, or null when the definition is anything more. */
    static List<String> of(String definition, String keyword) {
        String prefix = keyword + " (";
        if (!definition.startsWith(prefix) || !definition.endsWith(")")) {
            return null;
        }
        return list(definition.substring(prefix.length(), definition.length() - 1));
    }

    /** {@code a, "B"} as names, or null when an item is not a bare identifier. */
    static List<String> list(String list) {
        List<String> names = new ArrayList<>();
        for (String item : list.split(", ")) {
            if (!IDENTIFIER.matcher(item).matches()) {
                return null;
            }
            names.add(unquoted(item));
        }
        return names;
    }

    static String unquoted(String identifier) {
        return identifier.startsWith("\"") ? identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"")
                : identifier;
    }

    /** {@code table.column} as SQL names it. */
    static String qualified(String tableDotColumn) {
        int dot = tableDotColumn.indexOf('.');
        return quoteIfNeeded(tableDotColumn.substring(0, dot)) + "." + quoteIfNeeded(tableDotColumn.substring(dot + 1));
    }

    /** Index and trigger definitions name the table with its schema; the migration runs in the schema it targets. */
    static String withoutSchema(String definition, String schema) {
        return definition.replace(" ON " + quoteIfNeeded(schema) + ".", " ON ");
    }
}
