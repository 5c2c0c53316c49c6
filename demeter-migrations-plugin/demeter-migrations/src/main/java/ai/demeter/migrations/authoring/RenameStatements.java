package ai.demeter.migrations.authoring;

import ai.demeter.migrations.authoring.DriftMigration.Step;
import ai.demeter.migrations.schema.SchemaObject;
import ai.demeter.migrations.schema.SchemaSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines for an assumed rename ({@link AssumedRenames}): the rename, which keeps the rows' values, under a review
 * comment that says how to make it a drop and an add where the two objects are not one.
 */
final class RenameStatements {
    private final Dsl dsl;
    private final TableStatements tables;

    RenameStatements(Dsl dsl, TableStatements tables) {
        this.dsl = dsl;
        this.tables = tables;
    }

    /** The rename, in what the database holds ({@code live}) as it is named there. */
    Step renamed(AssumedRenames.Rename rename, SchemaSnapshot live) {
        String from = dsl.name(rename.from());
        String to = dsl.name(rename.to());
        List<String> up = new ArrayList<>();
        String fact = rename.kind() + " " + (rename.kind().equals("table") ? rename.from() : rename.table() + "."
                + rename.from()) + ": renamed to " + rename.to() + " (assumed: the one is gone, the other new, alike"
                + " in everything but the name)";
        List<String> down;
        switch (rename.kind()) {
            case "table" -> {
                up.add("// review: assumed a rename, which keeps the rows: table " + rename.from() + " is gone and "
                        + rename.to() + " is new, with the same columns and comments.");
                up.add("// If " + rename.to() + " is another table, replace the next line with its createTable (as"
                        + " the database has it) and db.dropTable(" + from + ").execute(), which drops the"
                        + " rows; and down()'s rename with the reverse.");
                up.add("db.alterTable(" + from + ").renameTo(" + to + ").execute();");
                down = List.of("db.alterTable(" + to + ").renameTo(" + from + ").execute();");
            }
            case "column" -> {
                String table = "db.alterTable(" + dsl.name(rename.table()) + ")";
                SchemaObject.Column now = (SchemaObject.Column) live.find("column", rename.table() + "."
                        + rename.to()).orElseThrow();
                up.add("// review: assumed a rename, which keeps the rows' values: column " + rename.table() + "."
                        + rename.from() + " is gone and " + rename.to() + " is new, alike in type, nullability,"
                        + " default, constraints and comment.");
                if (TableStatements.declarable(now)) {
                    up.add("// If " + rename.to() + " is another column and the values of " + rename.from()
                            + " are to be dropped, replace the next line with");
                    up.add("//     " + tables.addColumn(now, live).get(0));
                    up.add("//     " + table + ".drop(" + from + ").execute();");
                    up.add("// and down()'s rename with the reverse (add " + rename.from() + ", drop " + rename.to()
                            + ").");
                } else {
                    up.add("// If " + rename.to() + " is another column and the values of " + rename.from()
                            + " are to be dropped, replace the next line with an add of " + rename.to() + " and a"
                            + " drop of " + rename.from() + ", and down()'s rename with the reverse.");
                }
                up.add(table + ".renameColumn(" + from + ").to(" + to + ").execute();");
                down = List.of(table + ".renameColumn(" + to + ").to(" + from + ").execute();");
            }
            case "constraint" -> {
                String table = "db.alterTable(" + dsl.name(rename.table()) + ")";
                up.add("// review: assumed a rename: constraint " + rename.table() + "." + rename.from()
                        + " is gone and " + rename.to() + " is new, with the same definition. If they are two"
                        + " constraints, drop " + rename.from() + " and add " + rename.to() + " instead, and the"
                        + " reverse in down().");
                up.add(table + ".renameConstraint(" + from + ").to(" + to + ").execute();");
                down = List.of(table + ".renameConstraint(" + to + ").to(" + from + ").execute();");
            }
            default -> {
                up.add("// review: assumed a rename: index " + rename.from() + " on " + rename.table()
                        + " is gone and " + rename.to() + " is new, with the same definition. If they are two"
                        + " indexes, drop " + rename.from() + " and create " + rename.to() + " instead, and the"
                        + " reverse in down().");
                up.add("db.alterIndex(" + from + ").renameTo(" + to + ").execute();");
                down = List.of("db.alterIndex(" + to + ").renameTo(" + from + ").execute();");
            }
        }
        return new Step(Phase.RENAMES, fact, up, down, true, null);
    }
}
