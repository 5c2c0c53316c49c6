package ai.demeter.migrations.schema;

import ai.demeter.migrations.internal.SqlText;

/** Identifiers and literals written the way PostgreSQL prints them: quoted only when they must be. */
final class SqlNames {
    private SqlNames() {
    }

    static String quote(String identifier) {
        return SqlText.quoteIfNeeded(identifier);
    }

    static String literal(String text) {
        return SqlText.literal(text);
    }
}
