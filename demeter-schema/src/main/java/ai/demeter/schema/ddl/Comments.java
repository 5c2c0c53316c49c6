package ai.demeter.schema.ddl;

import static org.jooq.impl.DSL.name;

import org.jooq.DSLContext;

/**
 * The catalog documentation of a table: its comment and its columns' comments, which the schema carries so
 * that {@code \d+} and generated code explain each column where it is used. Dropping the table or column
 * drops its comment, so downs need nothing from here.
 */
public final class Comments {
    private Comments() {
    }

    /**
     * @param tableComment the table's comment, or {@code null} for none
     * @param columnComments alternating column name and comment
     */
    public static void describe(DSLContext db, String table, String tableComment, String... columnComments) {
        if (columnComments.length % 2 != 0) {
            throw new IllegalArgumentException(table + ": column comments must come in (column, comment) pairs");
        }
        if (tableComment != null) {
            db.commentOnTable(name(table)).is(tableComment).execute();
        }
        for (int i = 0; i < columnComments.length; i += 2) {
            db.commentOnColumn(name(table, columnComments[i])).is(columnComments[i + 1]).execute();
        }
    }
}
