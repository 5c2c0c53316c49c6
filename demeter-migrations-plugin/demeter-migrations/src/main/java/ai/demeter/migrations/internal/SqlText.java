package ai.demeter.migrations.internal;

import java.util.regex.Pattern;

/** Identifiers and literals in SQL Demeter writes itself, quoted as PostgreSQL reads them. */
public final class SqlText {
    /** What PostgreSQL prints without quotes: lower case, digits, underscores and dollars, not starting with a digit. */
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

    private SqlText() {
    }

    /** {@code "name"}, always quoted: safe for any identifier, as written into statements Demeter runs. */
    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** The identifier as PostgreSQL prints it: quoted only when it must be (upper case, spaces, quotes). */
    public static String quoteIfNeeded(String identifier) {
        return PLAIN.matcher(identifier).matches() ? identifier : quote(identifier);
    }

    /** {@code 'text'}, with quotes doubled. */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
