package ai.demeter.migrations.api;

import ai.demeter.migrations.internal.SqlText;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The columns a backfill walks its table over (the primary key, or the unique NOT NULL columns {@code keyedBy} names)
 * with their types, and the SQL that compares and binds key values. Key values travel as text and are cast back to
 * the columns' types, so that any key type (bigint, uuid, text, timestamps, composites of them) works the same way.
 */
record BackfillKey(List<String> columns, List<String> types) {

    /**
     * The key of {@code table} (as rendered) for {@code backfill}; refuses, naming the choices, a table without a
     * primary key or {@code keyedBy} columns that are not a unique NOT NULL key.
     */
    static BackfillKey of(Connection connection, String label, String table, String schema, Backfill backfill)
            throws SQLException {
        Long oid;
        try (PreparedStatement query = connection.prepareStatement("select to_regclass(?)::oid")) {
            query.setString(1, table);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                oid = (Long) row.getObject(1);
            }
        }
        if (oid == null) {
            throw DemeterException.userMistake(label + ": there is no table " + table + " in the search path ("
                    + schema + "). Nothing of the backfill ran.");
        }
        List<List<String>> uniqueKeys = new ArrayList<>();
        List<String> primaryKey = null;
        try (PreparedStatement query = connection.prepareStatement("select i.indisprimary, array(select a.attname"
                + " from unnest(i.indkey::int2[]) with ordinality k(attnum, n) join pg_attribute a"
                + " on a.attrelid = i.indrelid and a.attnum = k.attnum order by k.n)::text[],"
                + " (select bool_and(a.attnotnull) from pg_attribute a where a.attrelid = i.indrelid"
                + " and a.attnum = any(i.indkey::int2[])) from pg_index i"
                + " where i.indrelid = ? and i.indisunique and i.indpred is null and i.indexprs is null and i.indisvalid"
                + " order by i.indisprimary desc, i.indexrelid")) {
            query.setLong(1, oid);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    List<String> columns = Arrays.asList(texts(rows.getArray(2)));
                    if (rows.getBoolean(1)) {
                        primaryKey = columns;
                    } else if (rows.getBoolean(3)) {
                        uniqueKeys.add(columns);
                    }
                }
            }
        }
        List<String> columns;
        if (!backfill.key().isEmpty()) {
            if (!backfill.key().equals(primaryKey) && !uniqueKeys.contains(backfill.key())) {
                throw DemeterException.userMistake(label + ": keyedBy(" + String.join(", ", backfill.key()) + ") is"
                        + " not the columns of a unique index whose columns are all NOT NULL, so batches over it could"
                        + " miss or repeat rows. " + choices(primaryKey, uniqueKeys) + " Nothing of the backfill ran.");
            }
            columns = backfill.key();
        } else if (primaryKey != null) {
            columns = primaryKey;
        } else {
            throw DemeterException.userMistake(label + ": " + backfill.tableName() + " has no primary key to walk it"
                    + " in batches. " + choices(null, uniqueKeys) + " Nothing of the backfill ran.");
        }
        List<String> types = new ArrayList<>();
        for (String column : columns) {
            try (PreparedStatement query = connection.prepareStatement("select format_type(atttypid, atttypmod)"
                    + " from pg_attribute where attrelid = ? and attname = ? and not attisdropped")) {
                query.setLong(1, oid);
                query.setString(2, column);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    types.add(row.getString(1));
                }
            }
        }
        return new BackfillKey(List.copyOf(columns), List.copyOf(types));
    }

    private static String choices(List<String> primaryKey, List<List<String>> uniqueKeys) {
        List<String> choices = new ArrayList<>();
        if (primaryKey != null) {
            choices.add("the primary key (" + String.join(", ", primaryKey) + ")");
        }
        uniqueKeys.forEach(key -> choices.add("keyedBy(\"" + String.join("\", \"", key) + "\")"));
        return choices.isEmpty() ? "It has no unique index over NOT NULL columns either: add a primary key in a"
                + " migration before this one, or give keyedBy(columns) once such an index exists."
                : "Use " + String.join(" or ", choices) + ".";
    }

    /** {@code "a" desc, "b" desc} with {@code suffix} " desc", or the plain list. */
    String list(String prefix, String suffix) {
        List<String> parts = new ArrayList<>();
        columns.forEach(column -> parts.add(prefix + SqlText.quote(column) + suffix));
        return String.join(", ", parts);
    }

    /** The key columns as text, aliased: an output column named like a key column would take its place in ORDER BY. */
    String asText(String prefix) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            parts.add(prefix + SqlText.quote(columns.get(i)) + "::text as demeter_key_" + (i + 1));
        }
        return String.join(", ", parts);
    }

    /** {@code ("a", "b")}: the key as a row value, compared with {@link #params()}. */
    String tuple() {
        return "(" + list("", "") + ")";
    }

    /** {@code (?::bigint, ?::text)}: the key's text values cast back to the columns' types. */
    String params() {
        List<String> parts = new ArrayList<>();
        types.forEach(type -> parts.add("?::" + type));
        return "(" + String.join(", ", parts) + ")";
    }

    /** Binds {@code key} from parameter {@code first} on; returns the next parameter's index. */
    static int bind(PreparedStatement statement, int first, String[] key) throws SQLException {
        for (int i = 0; i < key.length; i++) {
            statement.setString(first + i, key[i]);
        }
        return first + key.length;
    }

    /** A key (or any text array) read from a result. */
    static String[] texts(Array array) throws SQLException {
        return array == null ? null : (String[]) array.getArray();
    }
}
