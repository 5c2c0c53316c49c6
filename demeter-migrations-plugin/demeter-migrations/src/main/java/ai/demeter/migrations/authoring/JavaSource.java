package ai.demeter.migrations.authoring;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Java source of one migration class. The code that writes its lines asks this writer for each type and static
 * member it names ({@link #type}, {@link #member}), which records the import there and then, and for each helper the
 * class needs ({@link #helper}); {@link #migration} lays out the file with exactly those imports and helpers.
 */
final class JavaSource {
    /**
     * Whether the file has a group of static imports even when it is empty: the migrations {@code diff} writes
     * always had one (a second blank line below the package), and a file written again must not change.
     */
    private final boolean staticImportGroup;
    private final Set<String> imports = new TreeSet<>();
    private final Set<String> staticImports = new TreeSet<>();
    /** Class members (helper methods) in the order first asked for, each written once. */
    private final Set<String> helpers = new LinkedHashSet<>();

    private JavaSource(boolean staticImportGroup) {
        this.staticImportGroup = staticImportGroup;
    }

    /** A source whose lines use static imports: the group stands in the file, empty or not. */
    static JavaSource withStaticImports() {
        return new JavaSource(true);
    }

    /** A source of plain imports only. */
    static JavaSource withoutStaticImports() {
        return new JavaSource(false);
    }

    /** A copy, for a file that adds its own uses to those recorded so far. */
    JavaSource copy() {
        JavaSource copy = new JavaSource(staticImportGroup);
        copy.imports.addAll(imports);
        copy.staticImports.addAll(staticImports);
        copy.helpers.addAll(helpers);
        return copy;
    }

    /** The simple name of {@code qualifiedName}, imported. */
    String type(String qualifiedName) {
        imports.add(qualifiedName);
        return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
    }

    /** {@code member} of {@code qualifiedOwner} imported statically: {@code name} of {@code org.jooq.impl.DSL}. */
    String member(String qualifiedOwner, String member) {
        staticImports.add(qualifiedOwner + "." + member);
        return member;
    }

    /** A member of the class (a helper method), its text written with this source's {@link #type}. */
    void helper(String text) {
        helpers.add(text);
    }

    /**
     * The file of a {@code DemeterMigration} named {@code className}.
     *
     * @param javadoc the class comment, ending in a line break
     * @param up      the body of {@code up()}, each line indented and ended
     * @param down    the body of {@code down()}, each line indented and ended
     * @param members further members, each starting with a blank line; the {@link #helper}s follow them
     */
    String migration(String packageName, String javadoc, String className, String up, String down, String members) {
        String context = type("org.jooq.DSLContext");
        String superclass = type("ai.demeter.migrations.api.DemeterMigration");
        StringBuilder body = new StringBuilder()
                .append("    @Override\n    protected void up(").append(context).append(" db) {\n").append(up)
                .append("    }\n\n    @Override\n    protected void down(").append(context).append(" db) {\n")
                .append(down).append("    }\n").append(members);
        helpers.forEach(body::append);
        StringBuilder out = new StringBuilder("package ").append(packageName).append(";\n\n");
        if (staticImportGroup || !staticImports.isEmpty()) {
            staticImports.forEach(name -> out.append("import static ").append(name).append(";\n"));
            out.append('\n');
        }
        imports.forEach(name -> out.append("import ").append(name).append(";\n"));
        return out.append('\n').append(javadoc).append("public class ").append(className).append(" extends ")
                .append(superclass).append(" {\n\n").append(body).append("}\n").toString();
    }

    /** A Java string literal. */
    static String literal(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
