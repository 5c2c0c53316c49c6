package ai.demeter.migrations.authoring;

import static ai.demeter.migrations.internal.SqlText.literal;
import static ai.demeter.migrations.internal.SqlText.quoteIfNeeded;

import ai.demeter.migrations.authoring.DriftMigration.Step;
import ai.demeter.migrations.schema.SchemaObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The lines for the objects besides tables, columns, constraints, indexes and enum types: sequences, views,
 * extensions, triggers, functions and comments. jOOQ's DSL has sequences, dropping views and comments on tables,
 * views and columns; the rest is plain SQL for review, functions and triggers in the database's own text.
 */
final class ObjectStatements {
    private static final String VIEW_AS_TEXT = "jOOQ's DSL cannot take a view's query as text";
    private static final String SEQUENCE_OPTIONS = "jOOQ's DSL has no OWNED BY or AS";

    private final Dsl dsl;
    /** The schema the database side was read from, which trigger definitions name and the migration must not. */
    private final String schema;

    ObjectStatements(Dsl dsl, String schema) {
        this.dsl = dsl;
        this.schema = schema;
    }

    /** The step that creates {@code object}, only in the database, and drops it on the way down. */
    Step added(SchemaObject object) {
        if (object instanceof SchemaObject.Trigger trigger) {
            return new Step(Phase.TRIGGERS, null, dsl.plainSql(createTrigger(trigger), "jOOQ's DSL has no CREATE"
                    + " TRIGGER"), dsl.plainSql(dropTrigger(trigger), null), true, null);
        } else if (object instanceof SchemaObject.Function function) {
            return new Step(Phase.FUNCTIONS, null, dsl.plainSql(function.definition(), "jOOQ's DSL has no CREATE"
                    + " FUNCTION; the text is the database's"), dsl.plainSql(dropRoutine(function), null), true, null);
        } else if (object instanceof SchemaObject.Sequence sequence) {
            return new Step(Phase.SEQUENCES, null, createSequence(sequence), dropSequence(sequence), false, null);
        } else if (object instanceof SchemaObject.View view) {
            return new Step(Phase.VIEWS, null, dsl.plainSql(createView(view), VIEW_AS_TEXT), dropView(view), true,
                    null);
        } else if (object instanceof SchemaObject.Extension extension) {
            return new Step(Phase.EXTENSIONS, null, dsl.plainSql(createExtension(extension), null),
                    dsl.plainSql(dropExtension(extension), null), true, null);
        }
        SchemaObject.Comment comment = (SchemaObject.Comment) object;
        return new Step(Phase.COMMENTS, null, comment(comment.target(), comment.text()),
                comment(comment.target(), null), false, null);
    }

    /** The step that drops {@code object}, only in what the migrations build, and creates it on the way down. */
    Step dropped(SchemaObject object) {
        if (object instanceof SchemaObject.Trigger trigger) {
            return new Step(Phase.DROP_TRIGGERS, null, dsl.plainSql(dropTrigger(trigger), "jOOQ's DSL has no DROP"
                    + " TRIGGER"), dsl.plainSql(createTrigger(trigger), null), true, null);
        } else if (object instanceof SchemaObject.Function function) {
            return new Step(Phase.DROP_FUNCTIONS, null, dsl.plainSql(dropRoutine(function), "jOOQ's DSL has no DROP"
                    + " FUNCTION"), dsl.plainSql(function.definition(), null), true, null);
        } else if (object instanceof SchemaObject.Sequence sequence) {
            return new Step(Phase.DROP_TYPES, null, dropSequence(sequence), createSequence(sequence), false, null);
        } else if (object instanceof SchemaObject.View view) {
            return new Step(Phase.DROP_VIEWS, null, dropView(view), dsl.plainSql(createView(view), VIEW_AS_TEXT),
                    true, null);
        } else if (object instanceof SchemaObject.Extension extension) {
            return new Step(Phase.DROP_EXTENSIONS, null, dsl.plainSql(dropExtension(extension), null),
                    dsl.plainSql(createExtension(extension), null), true, null);
        }
        SchemaObject.Comment comment = (SchemaObject.Comment) object;
        return new Step(Phase.REMOVE_COMMENTS, null, comment(comment.target(), null),
                comment(comment.target(), comment.text()), false, null);
    }

    /** The steps that change {@code before}'s {@code property} to {@code after}'s: one, or two for a view. */
    List<Step> changed(String fact, String property, SchemaObject before, SchemaObject after) {
        if (before instanceof SchemaObject.Function function) {
            return List.of(new Step(Phase.FUNCTIONS, fact, dsl.plainSql(((SchemaObject.Function) after).definition(),
                    "the database's text of the function; CREATE OR REPLACE cannot change its return type: drop it"
                            + " first if that changed"), dsl.plainSql(function.definition(), null), true, null));
        } else if (before instanceof SchemaObject.Trigger trigger) {
            SchemaObject.Trigger now = (SchemaObject.Trigger) after;
            if (property.equals("enabled")) {
                return List.of(new Step(Phase.TRIGGERS, fact, dsl.plainSql(enableTrigger(now), "jOOQ's DSL cannot"
                        + " enable a trigger"), dsl.plainSql(enableTrigger(trigger), null), true, null));
            }
            List<String> up = new ArrayList<>(dsl.plainSql(dropTrigger(trigger), "jOOQ's DSL has no triggers;"
                    + " the trigger is created again as the database has it"));
            up.addAll(dsl.plainSql(createTrigger(now), null));
            List<String> down = new ArrayList<>(dsl.plainSql(dropTrigger(now), null));
            down.addAll(dsl.plainSql(createTrigger(trigger), null));
            return List.of(new Step(Phase.TRIGGERS, fact, up, down, true, null));
        } else if (before instanceof SchemaObject.Extension extension) {
            SchemaObject.Extension now = (SchemaObject.Extension) after;
            if (property.equals("version")) {
                return List.of(new Step(Phase.EXTENSIONS, fact, dsl.plainSql(updateExtension(now), "an extension's"
                        + " downgrade path may not exist (PostGIS ships upgrades only): check the down"),
                        dsl.plainSql(updateExtension(extension), null), true, null));
            }
            return List.of(new Step(Phase.EXTENSIONS, fact, dsl.plainSql(extensionSchema(now), null),
                    dsl.plainSql(extensionSchema(extension), null), true, null));
        } else if (before instanceof SchemaObject.Comment comment) {
            return List.of(new Step(Phase.COMMENTS, fact, comment(comment.target(),
                    ((SchemaObject.Comment) after).text()), comment(comment.target(), comment.text()), false, null));
        } else if (before instanceof SchemaObject.Sequence sequence) {
            return List.of(new Step(Phase.SEQUENCES, fact, dsl.plainSql(alterSequence((SchemaObject.Sequence) after),
                    SEQUENCE_OPTIONS), dsl.plainSql(alterSequence(sequence), null), true, null));
        }
        // Dropped before the other changes and created after them, so that they may change what it reads, and the
        // old text is created again in the down only when they are undone.
        SchemaObject.View view = (SchemaObject.View) before;
        SchemaObject.View now = (SchemaObject.View) after;
        return List.of(new Step(Phase.DROP_VIEWS, fact + " (dropped here, created again after the other changes)",
                        dropView(view), dsl.plainSql(createView(view), VIEW_AS_TEXT), true, null),
                new Step(Phase.VIEWS, fact + " (created again as the database has it)",
                        dsl.plainSql(createView(now), VIEW_AS_TEXT), dropView(now), true, null));
    }

    // ---------------------------------------------------------------- sequences

    private List<String> createSequence(SchemaObject.Sequence sequence) {
        List<String> lines = new ArrayList<>();
        lines.add("db.createSequence(" + dsl.name(sequence.sequence()) + ").startWith(" + sequence.start()
                + "L).incrementBy(" + sequence.increment() + "L).minvalue(" + sequence.min() + "L).maxvalue("
                + sequence.max() + "L).cache(" + sequence.cache() + "L)" + (sequence.cycle() ? ".cycle()" : ".noCycle()")
                + ".execute();");
        if (!sequence.type().equals("bigint") || sequence.ownedBy() != null) {
            lines.addAll(dsl.plainSql(alterSequence(sequence), SEQUENCE_OPTIONS));
        }
        return lines;
    }

    private List<String> dropSequence(SchemaObject.Sequence sequence) {
        return List.of("db.dropSequence(" + dsl.name(sequence.sequence()) + ").execute();");
    }

    private static String alterSequence(SchemaObject.Sequence sequence) {
        return "ALTER SEQUENCE " + quoteIfNeeded(sequence.sequence()) + " AS " + sequence.type() + " INCREMENT BY "
                + sequence.increment() + " MINVALUE " + sequence.min() + " MAXVALUE " + sequence.max()
                + " START WITH " + sequence.start() + " CACHE " + sequence.cache()
                + (sequence.cycle() ? " CYCLE" : " NO CYCLE") + " OWNED BY "
                + (sequence.ownedBy() == null ? "NONE" : Identifiers.qualified(sequence.ownedBy()));
    }

    // ---------------------------------------------------------------- views, extensions, functions, triggers

    private static String createView(SchemaObject.View view) {
        String query = view.definition().strip();
        if (query.endsWith(";")) {
            query = query.substring(0, query.length() - 1);
        }
        return "CREATE " + (view.materialized() ? "MATERIALIZED " : "") + "VIEW " + quoteIfNeeded(view.view())
                + " AS\n" + query;
    }

    private List<String> dropView(SchemaObject.View view) {
        return List.of("db." + (view.materialized() ? "dropMaterializedView" : "dropView") + "("
                + dsl.name(view.view()) + ").execute();");
    }

    private static String createExtension(SchemaObject.Extension extension) {
        return "CREATE EXTENSION " + quoteIfNeeded(extension.extension()) + " WITH SCHEMA "
                + quoteIfNeeded(extension.schema()) + " VERSION " + literal(extension.version());
    }

    private static String dropExtension(SchemaObject.Extension extension) {
        return "DROP EXTENSION " + quoteIfNeeded(extension.extension());
    }

    private static String updateExtension(SchemaObject.Extension extension) {
        return "ALTER EXTENSION " + quoteIfNeeded(extension.extension()) + " UPDATE TO " + literal(extension.version());
    }

    private static String extensionSchema(SchemaObject.Extension extension) {
        return "ALTER EXTENSION " + quoteIfNeeded(extension.extension()) + " SET SCHEMA "
                + quoteIfNeeded(extension.schema());
    }

    private static String dropRoutine(SchemaObject.Function function) {
        return "DROP ROUTINE " + function.signature();
    }

    private String createTrigger(SchemaObject.Trigger trigger) {
        return Identifiers.withoutSchema(trigger.definition(), schema);
    }

    private static String dropTrigger(SchemaObject.Trigger trigger) {
        return "DROP TRIGGER " + quoteIfNeeded(trigger.trigger()) + " ON " + quoteIfNeeded(trigger.table());
    }

    private static String enableTrigger(SchemaObject.Trigger trigger) {
        String how = switch (trigger.enabled()) {
            case "D" -> "DISABLE";
            case "R" -> "ENABLE REPLICA";
            case "A" -> "ENABLE ALWAYS";
            default -> "ENABLE";
        };
        return "ALTER TABLE " + quoteIfNeeded(trigger.table()) + " " + how + " TRIGGER "
                + quoteIfNeeded(trigger.trigger());
    }

    // ---------------------------------------------------------------- comments

    /** Sets the comment on {@code target} ({@code column t.c}, {@code table t}, ...) to {@code text}; null removes it. */
    private List<String> comment(String target, String text) {
        String is = ".is(" + JavaSource.literal(text == null ? "" : text) + ").execute();";
        int space = target.lastIndexOf(' ');
        String kind = target.substring(0, space);
        String name = target.substring(space + 1);
        switch (kind) {
            case "table" -> {
                return List.of("db.commentOnTable(" + dsl.name(name) + ")" + is);
            }
            case "view" -> {
                return List.of("db.commentOnView(" + dsl.name(name) + ")" + is);
            }
            case "column" -> {
                int dot = name.indexOf('.');
                return List.of("db.commentOnColumn(" + dsl.name(name.substring(0, dot), name.substring(dot + 1)) + ")"
                        + is);
            }
            default -> {
                String value = text == null ? "NULL" : literal(text);
                String object = switch (kind) {
                    case "constraint", "trigger" -> {
                        int dot = name.indexOf('.');
                        yield kind.toUpperCase(Locale.ROOT) + " " + quoteIfNeeded(name.substring(dot + 1)) + " ON "
                                + quoteIfNeeded(name.substring(0, dot));
                    }
                    case "function" -> "ROUTINE " + target.substring("function ".length());
                    default -> kind.toUpperCase(Locale.ROOT) + " " + quoteIfNeeded(name);
                };
                return dsl.plainSql("COMMENT ON " + object + " IS " + value, "jOOQ's DSL comments only on tables,"
                        + " views and columns");
            }
        }
    }
}
