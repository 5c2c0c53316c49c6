package ai.demeter.migrations.authoring;

import static ai.demeter.migrations.internal.SqlText.quoteIfNeeded;

import ai.demeter.migrations.authoring.DriftMigration.Step;
import ai.demeter.migrations.schema.SchemaObject;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines for constraints and indexes: a check, unique, primary or foreign key and a plain btree index in the DSL,
 * any other (exclusion, {@code NOT VALID}, GiST, expressions, predicates) in plain SQL for review. Each comes as a
 * {@link Step} whose up creates the object and whose down drops it; the planner turns it round for a drop.
 */
final class ConstraintStatements {
    private static final Pattern INDEX = Pattern.compile(
            "CREATE (UNIQUE )?INDEX (\\S+) ON (?:ONLY )?(\\S+) USING (\\w+) \\((.+)\\)");
    private static final Pattern FOREIGN_KEY = Pattern.compile("FOREIGN KEY \\((.+?)\\) REFERENCES (\\S+?)\\((.+?)\\)"
            + "(?: ON UPDATE (CASCADE|RESTRICT|SET NULL|SET DEFAULT))?"
            + "(?: ON DELETE (CASCADE|RESTRICT|SET NULL|SET DEFAULT))?");

    private final Dsl dsl;
    /** The schema the database side was read from, which index definitions name and the migration must not. */
    private final String schema;

    ConstraintStatements(Dsl dsl, String schema) {
        this.dsl = dsl;
        this.schema = schema;
    }

    /** Adding {@code constraint} (up) and dropping it (down), in the DSL when its definition is a plain one. */
    Step constraintStep(SchemaObject.Constraint constraint) {
        String alter = "db.alterTable(" + dsl.name(constraint.table()) + ")";
        List<String> drop = List.of(alter + ".dropConstraint(" + dsl.name(constraint.constraint()) + ").execute();");
        String definition = constraint.definition();
        String declared = null;
        Phase phase = Phase.CONSTRAINTS;
        switch (constraint.type()) {
            case "check" -> {
                if (definition.startsWith("CHECK (") && definition.endsWith(")") && Dsl.templateSafe(definition)) {
                    declared = ".check(" + dsl.condition(definition.substring("CHECK (".length(),
                            definition.length() - 1)) + ")";
                }
            }
            case "unique", "primary key" -> {
                List<String> columns = Identifiers.of(definition, constraint.type().equals("unique") ? "UNIQUE"
                        : "PRIMARY KEY");
                if (columns != null) {
                    declared = (constraint.type().equals("unique") ? ".unique(" : ".primaryKey(") + dsl.names(columns)
                            + ")";
                }
            }
            case "foreign key" -> {
                phase = Phase.FOREIGN_KEYS;
                Matcher key = FOREIGN_KEY.matcher(definition);
                List<String> columns = key.matches() ? Identifiers.list(key.group(1)) : null;
                List<String> referenced = key.matches() ? Identifiers.list(key.group(3)) : null;
                if (columns != null && referenced != null && Identifiers.IDENTIFIER.matcher(key.group(2)).matches()) {
                    declared = ".foreignKey(" + dsl.names(columns) + ").references("
                            + dsl.name(Identifiers.unquoted(key.group(2))) + ", " + dsl.names(referenced) + ")"
                            + action("onUpdate", key.group(4)) + action("onDelete", key.group(5));
                }
            }
            default -> {
                // exclusion and the rest: plain SQL below
            }
        }
        if (declared != null) {
            return new Step(phase, null, List.of(alter + ".add(" + dsl.constraint(constraint.constraint()) + declared
                    + ").execute();"), drop, false, null);
        }
        return new Step(phase, null, dsl.plainSql("ALTER TABLE " + quoteIfNeeded(constraint.table())
                + " ADD CONSTRAINT " + quoteIfNeeded(constraint.constraint()) + " " + definition, "a constraint"
                + " jOOQ's DSL cannot declare as it is"), drop, true, null);
    }

    /** {@code .onDelete...()} of a foreign key's action, e.g. {@code .onDeleteSetNull()}; nothing for none. */
    private static String action(String prefix, String action) {
        if (action == null) {
            return "";
        }
        String[] words = action.toLowerCase(Locale.ROOT).split(" ");
        StringBuilder method = new StringBuilder(prefix);
        for (String word : words) {
            method.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return "." + method + "()";
    }

    /** Creating {@code index} (up) and dropping it (down): a plain btree index in the DSL, any other in plain SQL. */
    Step indexStep(SchemaObject.Index index) {
        List<String> drop = List.of("db.dropIndex(" + dsl.name(index.index()) + ").execute();");
        String definition = Identifiers.withoutSchema(index.definition(), schema);
        Matcher matcher = INDEX.matcher(definition);
        List<String> columns = matcher.matches() ? Identifiers.list(matcher.group(5)) : null;
        if (matcher.matches() && matcher.group(4).equals("btree") && columns != null) {
            String create = matcher.group(1) != null ? "createUniqueIndex" : "createIndex";
            return new Step(Phase.INDEXES, null, List.of("db." + create + "(" + dsl.name(index.index()) + ").on("
                    + dsl.name(index.table()) + ", " + dsl.names(columns) + ").execute();"), drop, false, null);
        }
        String why = !matcher.matches() ? "jOOQ's DSL cannot declare this index as it is"
                : !matcher.group(4).equals("btree") ? "jOOQ's DSL has no USING " + matcher.group(4)
                : "jOOQ's DSL cannot declare an index on expressions, with a predicate or with options";
        return new Step(Phase.INDEXES, null, dsl.plainSql(definition, why), drop, true, null);
    }
}
