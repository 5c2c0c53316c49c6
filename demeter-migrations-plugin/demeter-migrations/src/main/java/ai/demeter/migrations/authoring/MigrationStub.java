package ai.demeter.migrations.authoring;

/**
 * The class {@code demeter:new} writes ({@code alembic revision -m}): up and down stubs that fail until written; with
 * {@code demeter.backfill}, the stub of a backfill migration.
 */
public final class MigrationStub {
    private MigrationStub() {
    }

    /**
     * @param description what the migration does, in words, for the class comment
     * @return the Java source of the class
     */
    public static String source(String packageName, String className, String description) {
        return JavaSource.withoutStaticImports().migration(packageName, "/** " + description.strip() + ". */\n",
                className,
                "        // Write the change with the jOOQ DSL: DSL.name(...), SQLDataType, db.createTable(...), ...\n"
                        + unwritten(className, "up"),
                "        // Undo up() exactly, newest statement first.\n" + unwritten(className, "down"), "");
    }

    /**
     * A migration that fills columns of {@code table} with a backfill (docs/online-migrations.md): outside a
     * transaction, as backfills must run, with the call to complete in up and its inverse in down. It compiles as
     * written, and fails until its up and down are written.
     */
    public static String backfill(String packageName, String className, String description, String table) {
        // The types the commented call uses are imported, so that uncommenting it is all it takes.
        JavaSource java = JavaSource.withoutStaticImports();
        String backfill = java.type("ai.demeter.migrations.api.Backfill") + ".table(" + JavaSource.literal(table) + ")";
        String dsl = java.type("org.jooq.impl.DSL");
        String column = dsl + ".field(" + dsl + ".name(\"column\"), " + java.type("org.jooq.impl.SQLDataType")
                + ".VARCHAR)";
        return java.migration(packageName, "/** " + description.strip() + ". */\n", className,
                "        // Fill the new column of every existing row, in keyset batches that are transactions of their own and\n"
                        + "        // resume after a crash (docs/online-migrations.md); this migration holds backfills only:\n"
                        + "        // backfill(db, " + backfill + "\n"
                        + "        //         .set(" + column + ", " + dsl + ".inline(\"value\"))\n"
                        + "        //         .where(" + dsl + ".field(" + dsl + ".name(\"column\")).isNull()));\n"
                        + unwritten(className, "up"),
                "        // The inverse, for rollback:\n"
                        + "        // backfill(db, " + backfill + ".set(" + column + ", (String) null));\n"
                        + unwritten(className, "down"),
                "\n    @Override\n    protected boolean transactional() {\n"
                        + "        return false; // each batch of a backfill is a transaction of its own\n    }\n");
    }

    /** The statement that fails the method until it is written, naming the class and the method. */
    private static String unwritten(String className, String method) {
        return "        throw new UnsupportedOperationException(" + JavaSource.literal(className + ": write " + method
                + "() before running it") + ");\n";
    }
}
