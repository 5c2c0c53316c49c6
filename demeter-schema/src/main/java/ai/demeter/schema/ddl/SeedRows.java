package ai.demeter.schema.ddl;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Record;

/**
 * Reference rows a migration ships with its table, and their removal by natural key in the down.
 *
 * <p>Values are inlined literals, not binds: the statement then reads the same online and offline (so the
 * checksum covers the data), and a string literal is coerced to an enum column's type by PostgreSQL.
 */
public final class SeedRows {
    private final String table;
    private final List<String> columns;
    private final List<List<Object>> rows = new ArrayList<>();

    private SeedRows(String table, List<String> columns) {
        this.table = table;
        this.columns = columns;
    }

    public static SeedRows into(String table, String... columns) {
        return new SeedRows(table, List.of(columns));
    }

    /** A decimal literal written as in the source ({@code "54.0"}), never a binary double. */
    public static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    /** One row, values in column order; {@code null} for SQL NULL. */
    public SeedRows row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(table + ": " + columns.size() + " columns but " + values.length
                    + " values");
        }
        rows.add(java.util.Arrays.asList(values));
        return this;
    }

    /** Inserts all rows in one statement, in the given order (which fixes the serial keys they get). */
    public void insert(DSLContext db) {
        InsertValuesStepN<Record> insert = db.insertInto(table(name(table)), columns.stream()
                .map(c -> field(name(c))).toArray(Field<?>[]::new));
        for (List<Object> row : rows) {
            insert = insert.values(row.stream().map(v -> (Field<?>) inline(v)).toArray(Field<?>[]::new));
        }
        insert.execute();
    }

    /** Deletes exactly the seeded rows, identified by the (unique) {@code keyColumn}. */
    public void delete(DSLContext db, String keyColumn) {
        int key = columns.indexOf(keyColumn);
        if (key < 0) {
            throw new IllegalArgumentException(keyColumn + " is not a seeded column of " + table);
        }
        db.deleteFrom(table(name(table)))
                .where(field(name(keyColumn)).in(rows.stream().map(r -> inline(r.get(key))).toList()))
                .execute();
    }
}
