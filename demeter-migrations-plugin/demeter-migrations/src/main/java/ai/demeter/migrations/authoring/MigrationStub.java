package ai.demeter.migrations.authoring;

/** The class {@code demeter:new} writes ({@code alembic revision -m}): up and down stubs that fail until written. */
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

    /** The statement that fails the method until it is written, naming the class and the method. */
    private static String unwritten(String className, String method) {
        return "        throw new UnsupportedOperationException(" + JavaSource.literal(className + ": write " + method
                + "() before running it") + ");\n";
    }
}
