package ai.demeter.migrations.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The migration that turns one schema (what the migrations build) into another (what a database holds), written as
 * the Java source of a {@code DemeterMigration}: {@code alembic revision --autogenerate}. It works on the catalog
 * facts of the two {@link SchemaSnapshot}s. Each fact becomes a {@link Step} with an up and the down that undoes
 * it, in the jOOQ DSL where the DSL has words for it; elsewhere (functions, triggers, GiST indexes, enum labels in
 * the middle, geometry type changes with {@code USING}) in plain SQL marked {@code // review}. An added enum label,
 * which PostgreSQL cannot drop, is undone by making the type again; where other objects use the type so that this
 * fails, the migration is irreversible, with the reason in {@code irreversibilityReason()}. Nothing is left out
 * silently: what cannot be generated becomes a comment that says what to do.
 *
 * <p>A table, column, constraint or index that is gone, with exactly one new one alike in everything but its name,
 * is taken for renamed ({@link AssumedRenames}) and written as a rename under {@code // review}, since a drop and an
 * add would lose the rows' values; the rest of the migration is planned from what the migrations build with those
 * renames made.
 */
public final class DriftMigration {
    /** PostgreSQL's spelling ({@code format_type}) of the types {@code SQLDataType} names. */
    private static final Map<String, String> SQL_DATA_TYPES = Map.ofEntries(
            Map.entry("integer", "SQLDataType.INTEGER"), Map.entry("bigint", "SQLDataType.BIGINT"),
            Map.entry("smallint", "SQLDataType.SMALLINT"), Map.entry("boolean", "SQLDataType.BOOLEAN"),
            Map.entry("text", "SQLDataType.CLOB"), Map.entry("bytea", "SQLDataType.BLOB"),
            Map.entry("double precision", "SQLDataType.DOUBLE"), Map.entry("real", "SQLDataType.REAL"),
            Map.entry("numeric", "SQLDataType.NUMERIC"), Map.entry("character varying", "SQLDataType.VARCHAR"),
            Map.entry("date", "SQLDataType.DATE"), Map.entry("timestamp without time zone", "SQLDataType.TIMESTAMP"),
            Map.entry("timestamp with time zone", "SQLDataType.TIMESTAMPWITHTIMEZONE"),
            Map.entry("time without time zone", "SQLDataType.TIME"), Map.entry("jsonb", "SQLDataType.JSONB"),
            Map.entry("json", "SQLDataType.JSON"), Map.entry("uuid", "SQLDataType.UUID"));
    private static final Pattern VARCHAR = Pattern.compile("character varying\\((\\d+)\\)");
    private static final Pattern CHAR = Pattern.compile("character\\((\\d+)\\)");
    private static final Pattern NUMERIC = Pattern.compile("numeric\\((\\d+),(\\d+)\\)");
    private static final Pattern SPATIAL = Pattern.compile("(geometry|geography)(?:\\((\\w+)(?:,(-?\\d+))?\\))?");
    private static final Pattern NEXTVAL = Pattern.compile("nextval\\('([^']+)'::regclass\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]*|\"(?:[^\"]|\"\")+\"");
    private static final Pattern INDEX = Pattern.compile(
            "CREATE (UNIQUE )?INDEX (\\S+) ON (?:ONLY )?(\\S+) USING (\\w+) \\((.+)\\)");
    private static final Pattern FOREIGN_KEY = Pattern.compile("FOREIGN KEY \\((.+?)\\) REFERENCES (\\S+?)\\((.+?)\\)"
            + "(?: ON UPDATE (CASCADE|RESTRICT|SET NULL|SET DEFAULT))?"
            + "(?: ON DELETE (CASCADE|RESTRICT|SET NULL|SET DEFAULT))?");
    /** The function a trigger runs, as {@code pg_get_triggerdef} names it (schema-qualified when off the path). */
    private static final Pattern TRIGGER_FUNCTION = Pattern.compile("EXECUTE (?:FUNCTION|PROCEDURE) (?:\\S+\\.)?(\\S+?)\\(");
    /** A numbered placeholder, which jOOQ's plain SQL would try to fill. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+}");

    /** The phases steps run in on the way up; the down runs every step's inverse in the opposite order. */
    enum Phase {
        /*
         * Every step from RENAMES on names objects as the renames leave them, and its inverse runs before the renames
         * are undone. The two phases before RENAMES name nothing a rename changes: a removed comment on a renamed
         * object is no rename (AssumedRenames), and views are dropped by their own names, and created again from
         * the old text only after the renames are undone.
         */
        REMOVE_COMMENTS, DROP_VIEWS, RENAMES, DROP_TRIGGERS, DROP_INDEXES, DROP_FOREIGN_KEYS, DROP_CONSTRAINTS,
        EXTENSIONS, ENUM_TYPES, SEQUENCES, FUNCTIONS, CREATE_TABLES, COLUMNS, NOT_NULL, CONSTRAINTS, FOREIGN_KEYS,
        INDEXES, TRIGGERS, VIEWS, DROP_COLUMNS, DROP_TABLES, DROP_FUNCTIONS, DROP_TYPES, DROP_EXTENSIONS, COMMENTS
    }

    /**
     * One fact's part of the migration.
     *
     * @param fact         the fact, as {@code diff} prints it
     * @param up           Java lines for up(): statements and comments
     * @param down         Java lines for down() that undo {@code up}
     * @param review       whether a line is plain SQL or otherwise needs a reader's judgement (marked
     *                     {@code // review})
     * @param irreversible why {@code up} cannot be undone, or null
     */
    public record Step(Phase phase, String fact, List<String> up, List<String> down, boolean review,
            String irreversible) {
        public Step {
            up = List.copyOf(up);
            down = List.copyOf(down);
        }
    }

    /** What the migrations build, with the assumed renames made: what every step but the renames starts from. */
    private final SchemaSnapshot built;
    private final SchemaSnapshot live;
    private final List<AssumedRenames.Rename> renames;
    private final List<Step> steps = new ArrayList<>();
    /** Whether any line uses the {@code type(...)} helper for a type SQLDataType has no constant for. */
    private boolean namedTypes;
    /** Objects the generator accounts for as part of another fact (a serial column's sequence, a key's index). */
    private final Set<String> covered = new LinkedHashSet<>();

    private DriftMigration(SchemaSnapshot built, SchemaSnapshot live, List<AssumedRenames.Rename> renames) {
        this.built = built;
        this.live = live;
        this.renames = renames;
    }

    /**
     * The migration that turns {@code built} (what the migrations build) into {@code live} (what the database
     * holds).
     */
    public static DriftMigration between(SchemaSnapshot built, SchemaSnapshot live) {
        AssumedRenames renames = AssumedRenames.between(built, live);
        DriftMigration migration = new DriftMigration(renames.renamed(), live, renames.renames());
        migration.plan(renames.renamed().differences(live));
        return migration;
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** How many lines of the class (in up() and down()) are marked {@code // review}. */
    public long reviewCount() {
        return steps.stream().flatMap(step -> concat(step.up(), step.down()).stream())
                .filter(line -> line.startsWith("// review")).count();
    }

    /**
     * The renames the migration assumes, e.g. {@code column plots.code to plot_code}: each is written as a rename
     * under a {@code // review} comment that says how to make it a drop and an add.
     */
    public List<String> assumedRenames() {
        return renames.stream().map(AssumedRenames.Rename::describe).toList();
    }

    /** Why the migration cannot be rolled back, when one of its steps has no inverse. */
    public Optional<String> irreversibility() {
        List<String> reasons = steps.stream().map(Step::irreversible).filter(Objects::nonNull).toList();
        return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", reasons));
    }

    private void plan(List<SchemaDifference> differences) {
        renames.forEach(this::renamed);
        // A serial column's sequence comes with the column; sequences are listed before columns, so look first.
        for (SchemaDifference difference : differences) {
            if (difference.object() instanceof SchemaObject.Column column) {
                serialType(column, difference instanceof SchemaDifference.OnlyLeft ? built : live);
            }
        }
        for (SchemaDifference difference : differences) {
            SchemaObject object = difference.object();
            if (covered.contains(key(object))) {
                continue;
            }
            if (difference instanceof SchemaDifference.OnlyRight) {
                added(object);
            } else if (difference instanceof SchemaDifference.OnlyLeft) {
                dropped(object);
            } else {
                changed((SchemaDifference.Changed) difference,
                        difference.describe("in what the migrations build", "in the database"));
            }
        }
        columnOrder();
        steps.sort(Comparator.comparing(Step::phase));
    }

    // ---------------------------------------------------------------- renames

    /** An assumed rename, written as one, under a review comment that says how to make it a drop and an add. */
    private void renamed(AssumedRenames.Rename rename) {
        String from = java(rename.from());
        String to = java(rename.to());
        String table = java(rename.table());
        List<String> up = new ArrayList<>();
        String fact = rename.kind() + " " + (rename.kind().equals("table") ? rename.from() : rename.table() + "."
                + rename.from()) + ": renamed to " + rename.to() + " (assumed: the one is gone, the other new, alike"
                + " in everything but the name)";
        switch (rename.kind()) {
            case "table" -> {
                up.add("// review: assumed a rename, which keeps the rows: table " + rename.from() + " is gone and "
                        + rename.to() + " is new, with the same columns and comments.");
                up.add("// If " + rename.to() + " is another table, replace the next line with its createTable (as"
                        + " the database has it) and db.dropTable(name(" + from + ")).execute(), which drops the"
                        + " rows; and down()'s rename with the reverse.");
                up.add("db.alterTable(name(" + from + ")).renameTo(name(" + to + ")).execute();");
                add(Phase.RENAMES, fact, up, List.of("db.alterTable(name(" + to + ")).renameTo(name(" + from
                        + ")).execute();"), true, null);
            }
            case "column" -> {
                SchemaObject.Column now = (SchemaObject.Column) live.find("column", rename.table() + "."
                        + rename.to()).orElseThrow();
                List<String> adding = addColumn(now, live);
                up.add("// review: assumed a rename, which keeps the rows' values: column " + rename.table() + "."
                        + rename.from() + " is gone and " + rename.to() + " is new, alike in type, nullability,"
                        + " default, constraints and comment.");
                if (adding.size() == 1) {
                    up.add("// If " + rename.to() + " is another column and the values of " + rename.from()
                            + " are to be dropped, replace the next line with");
                    up.add("//     " + adding.get(0));
                    up.add("//     db.alterTable(name(" + table + ")).drop(name(" + from + ")).execute();");
                    up.add("// and down()'s rename with the reverse (add " + rename.from() + ", drop " + rename.to()
                            + ").");
                } else {
                    up.add("// If " + rename.to() + " is another column and the values of " + rename.from()
                            + " are to be dropped, replace the next line with an add of " + rename.to() + " and a"
                            + " drop of " + rename.from() + ", and down()'s rename with the reverse.");
                }
                up.add("db.alterTable(name(" + table + ")).renameColumn(name(" + from + ")).to(name(" + to
                        + ")).execute();");
                add(Phase.RENAMES, fact, up, List.of("db.alterTable(name(" + table + ")).renameColumn(name(" + to
                        + ")).to(name(" + from + ")).execute();"), true, null);
            }
            case "constraint" -> {
                up.add("// review: assumed a rename: constraint " + rename.table() + "." + rename.from()
                        + " is gone and " + rename.to() + " is new, with the same definition. If they are two"
                        + " constraints, drop " + rename.from() + " and add " + rename.to() + " instead, and the"
                        + " reverse in down().");
                up.add("db.alterTable(name(" + table + ")).renameConstraint(name(" + from + ")).to(name(" + to
                        + ")).execute();");
                add(Phase.RENAMES, fact, up, List.of("db.alterTable(name(" + table + ")).renameConstraint(name("
                        + to + ")).to(name(" + from + ")).execute();"), true, null);
            }
            default -> {
                up.add("// review: assumed a rename: index " + rename.from() + " on " + rename.table()
                        + " is gone and " + rename.to() + " is new, with the same definition. If they are two"
                        + " indexes, drop " + rename.from() + " and create " + rename.to() + " instead, and the"
                        + " reverse in down().");
                up.add("db.alterIndex(name(" + from + ")).renameTo(name(" + to + ")).execute();");
                add(Phase.RENAMES, fact, up, List.of("db.alterIndex(name(" + to + ")).renameTo(name(" + from
                        + ")).execute();"), true, null);
            }
        }
    }

    // ---------------------------------------------------------------- objects the database has and the chain lacks

    private void added(SchemaObject object) {
        String fact = object.describe() + ": only in the database";
        if (object instanceof SchemaObject.Table table) {
            createTable(fact, table, live);
        } else if (object instanceof SchemaObject.Column column) {
            if (live.find("table", column.table()).isPresent() && built.find("table", column.table()).isEmpty()) {
                return; // declared in the table's CREATE TABLE
            }
            List<String> adding = new ArrayList<>();
            if (column.notNull() && column.defaultValue() == null && column.identity() == null
                    && column.generated() == null) {
                adding.add("// review: " + column.name() + " is NOT NULL without a default: adding it fails when "
                        + column.table() + " has rows. Add it nullable, fill it, then set NOT NULL (verify's"
                        + " new-not-null-column rule asks for that over releases).");
            }
            adding.addAll(addColumn(column, live));
            add(Phase.COLUMNS, fact, adding, dropColumn(column), !adding.get(0).startsWith("db."), null);
        } else if (object instanceof SchemaObject.Constraint constraint) {
            if (constraint.type().equals("primary key") && built.find("table", constraint.table()).isEmpty()) {
                return; // declared in the table's CREATE TABLE
            }
            covered.add("index " + constraint.name());
            addConstraint(fact, constraint);
        } else if (object instanceof SchemaObject.Index index) {
            if (live.find("constraint", index.name()).isPresent()) {
                return; // the constraint's own index
            }
            createIndex(fact, index);
        } else if (object instanceof SchemaObject.Trigger trigger) {
            add(Phase.TRIGGERS, fact,
                plainSql(withoutSchema(trigger.definition()), "jOOQ's DSL has no CREATE TRIGGER"),
                plainSql(dropTrigger(trigger), null), true, null);
        } else if (object instanceof SchemaObject.Function function) {
            add(Phase.FUNCTIONS, fact,
                plainSql(function.definition(), "jOOQ's DSL has no CREATE FUNCTION; the text is the database's"),
                plainSql("DROP ROUTINE " + function.signature(), null), true, null);
        } else if (object instanceof SchemaObject.EnumType type) {
            add(Phase.ENUM_TYPES, fact, createType(type),
                List.of("db.dropType(name(" + java(type.type()) + ")).execute();"), false, null);
        } else if (object instanceof SchemaObject.Sequence sequence) {
            add(Phase.SEQUENCES, fact, createSequence(sequence),
                List.of("db.dropSequence(name(" + java(sequence.sequence()) + ")).execute();"), false, null);
        } else if (object instanceof SchemaObject.View view) {
            add(Phase.VIEWS, fact, plainSql(createView(view), "jOOQ's DSL cannot"
                + " take a view's query as text"), List.of(dropView(view)), true, null);
        } else if (object instanceof SchemaObject.Extension extension) {
            add(Phase.EXTENSIONS, fact,
                plainSql(createExtension(extension), null),
                plainSql("DROP EXTENSION " + SqlNames.quote(extension.extension()), null), true, null);
        } else if (object instanceof SchemaObject.Comment comment) {
            add(Phase.COMMENTS, fact, comment(comment.target(), comment.text()),
                comment(comment.target(), null), false, null);
        }
    }

    // ---------------------------------------------------------------- objects the chain builds and the database lacks

    private void dropped(SchemaObject object) {
        String fact = object.describe() + ": only in what the migrations build";
        if (object instanceof SchemaObject.Table table) {
            add(Phase.DROP_TABLES, fact,
                List.of("db.dropTable(name(" + java(table.name()) + ")).execute();"),
                createTableLines(table, built), table.partitionKey() != null, null);
        } else if (object instanceof SchemaObject.Column column) {
            if (built.find("table", column.table()).isPresent() && live.find("table", column.table()).isEmpty()) {
                return; // dropped with its table
            }
            List<String> restore = new ArrayList<>();
            if (column.notNull() && column.defaultValue() == null) {
                restore.add("// A NOT NULL column without a default can be added back only to an empty table:"
                        + " fill it and set NOT NULL in a second step if the table has rows.");
            }
            restore.addAll(addColumn(column, built));
            add(Phase.DROP_COLUMNS, fact, dropColumn(column), restore, false, null);
        } else if (object instanceof SchemaObject.Constraint constraint) {
            if (constraint.type().equals("primary key") && live.find("table", constraint.table()).isEmpty()) {
                return; // dropped with its table, declared again by its CREATE TABLE
            }
            covered.add("index " + constraint.name());
            Step adding = constraintStep(constraint);
            add(constraint.type().equals("foreign key") ? Phase.DROP_FOREIGN_KEYS : Phase.DROP_CONSTRAINTS, fact,
                    adding.down(), adding.up(), adding.review(), null);
        } else if (object instanceof SchemaObject.Index index) {
            if (built.find("constraint", index.name()).isPresent()) {
                return;
            }
            Step creating = indexStep(index);
            add(Phase.DROP_INDEXES, fact, creating.down(), creating.up(), creating.review(), null);
        } else if (object instanceof SchemaObject.Trigger trigger) {
            add(Phase.DROP_TRIGGERS, fact, plainSql(dropTrigger(trigger),
                "jOOQ's DSL has no DROP TRIGGER"), plainSql(withoutSchema(trigger.definition()), null), true, null);
        } else if (object instanceof SchemaObject.Function function) {
            add(Phase.DROP_FUNCTIONS, fact,
                plainSql("DROP ROUTINE " + function.signature(), "jOOQ's DSL has no DROP FUNCTION"),
                plainSql(function.definition(), null), true, null);
        } else if (object instanceof SchemaObject.EnumType type) {
            add(Phase.DROP_TYPES, fact,
                List.of("db.dropType(name(" + java(type.type()) + ")).execute();"), createType(type), false, null);
        } else if (object instanceof SchemaObject.Sequence sequence) {
            add(Phase.DROP_TYPES, fact,
                List.of("db.dropSequence(name(" + java(sequence.sequence()) + ")).execute();"),
                createSequence(sequence), false, null);
        } else if (object instanceof SchemaObject.View view) {
            add(Phase.DROP_VIEWS, fact, List.of(dropView(view)),
                plainSql(createView(view), "jOOQ's DSL cannot take a view's query as text"), true, null);
        } else if (object instanceof SchemaObject.Extension extension) {
            add(Phase.DROP_EXTENSIONS, fact,
                plainSql("DROP EXTENSION " + SqlNames.quote(extension.extension()), null),
                plainSql(createExtension(extension), null), true, null);
        } else if (object instanceof SchemaObject.Comment comment) {
            add(Phase.REMOVE_COMMENTS, fact, comment(comment.target(), null),
                comment(comment.target(), comment.text()), false, null);
        }
    }

    // ---------------------------------------------------------------- objects on both sides with a differing property

    private void changed(SchemaDifference.Changed change, String fact) {
        SchemaObject before = change.object();
        SchemaObject after = live.find(before.kind(), before.name()).orElseThrow();
        if (before instanceof SchemaObject.Column column) {
            changedColumn(fact, change.property(), column,
                (SchemaObject.Column) after);
        } else if (before instanceof SchemaObject.EnumType type) {
            changedLabels(fact, type, (SchemaObject.EnumType) after);
        } else if (before instanceof SchemaObject.Function function) {
            add(Phase.FUNCTIONS, fact,
                plainSql(((SchemaObject.Function) after).definition(), "the database's text of the function;"
                        + " CREATE OR REPLACE cannot change its return type: drop it first if that changed"),
                plainSql(function.definition(), null), true, null);
        } else if (before instanceof SchemaObject.Trigger trigger) {
            SchemaObject.Trigger now = (SchemaObject.Trigger) after;
            if (change.property().equals("enabled")) {
                add(Phase.TRIGGERS, fact, plainSql(enableTrigger(now), "jOOQ's DSL cannot enable a trigger"),
                        plainSql(enableTrigger(trigger), null), true, null);
                return;
            }
            List<String> up = new ArrayList<>(plainSql(dropTrigger(trigger), "jOOQ's DSL has no triggers;"
                    + " the trigger is created again as the database has it"));
            up.addAll(plainSql(withoutSchema(now.definition()), null));
            List<String> down = new ArrayList<>(plainSql(dropTrigger(now), null));
            down.addAll(plainSql(withoutSchema(trigger.definition()), null));
            add(Phase.TRIGGERS, fact, up, down, true, null);
        } else if (before instanceof SchemaObject.Index index) {
            Step old = indexStep(index);
            Step now = indexStep((SchemaObject.Index) after);
            add(Phase.INDEXES, fact, concat(old.down(), now.up()), concat(now.down(), old.up()),
                    old.review() || now.review(), null);
        } else if (before instanceof SchemaObject.Constraint constraint) {
            Step old = constraintStep(constraint);
            Step now = constraintStep((SchemaObject.Constraint) after);
            add(constraint.type().equals("foreign key") ? Phase.FOREIGN_KEYS : Phase.CONSTRAINTS, fact,
                    concat(old.down(), now.up()), concat(now.down(), old.up()), old.review() || now.review(),
                    null);
        } else if (before instanceof SchemaObject.Extension extension) {
            SchemaObject.Extension now = (SchemaObject.Extension) after;
            if (change.property().equals("version")) {
                add(Phase.EXTENSIONS, fact, plainSql(updateExtension(now), "an extension's downgrade path may"
                        + " not exist (PostGIS ships upgrades only): check the down"),
                        plainSql(updateExtension(extension), null), true, null);
            } else {
                add(Phase.EXTENSIONS, fact, plainSql(extensionSchema(now), null),
                        plainSql(extensionSchema(extension), null), true, null);
            }
        } else if (before instanceof SchemaObject.Comment comment) {
            add(Phase.COMMENTS, fact,
                comment(comment.target(), ((SchemaObject.Comment) after).text()),
                comment(comment.target(), comment.text()), false, null);
        } else if (before instanceof SchemaObject.Sequence sequence) {
            add(Phase.SEQUENCES, fact,
                plainSql(alterSequence((SchemaObject.Sequence) after), "jOOQ's DSL has no OWNED BY or AS"),
                plainSql(alterSequence(sequence), null), true, null);
        } else if (before instanceof SchemaObject.View view) {
            // Dropped before the other changes and created after them, so that they may change what it reads,
            // and the old text is created again in the down only when they are undone.
            SchemaObject.View now = (SchemaObject.View) after;
            add(Phase.DROP_VIEWS, fact + " (dropped here, created again after the other changes)",
                    List.of(dropView(view)), plainSql(createView(view), "jOOQ's DSL cannot take a view's query as"
                            + " text"), true, null);
            add(Phase.VIEWS, fact + " (created again as the database has it)",
                    plainSql(createView(now), "jOOQ's DSL cannot take a view's query as text"),
                    List.of(dropView(now)), true, null);
        } else if (before instanceof SchemaObject.Table table) {
            SchemaObject.Table now = (SchemaObject.Table) after;
            if (change.property().equals("unlogged")) {
                add(Phase.CREATE_TABLES, fact, plainSql(logged(now), null), plainSql(logged(table), null), true,
                        null);
            } else {
                add(Phase.CREATE_TABLES, fact, List.of("// review: " + table.name() + "'s partition key"
                                + " cannot be changed in place: create a partitioned table and move the rows."),
                        List.of("// review: see up()."), true, null);
            }
        }
    }

    private void changedColumn(String fact, String property, SchemaObject.Column before, SchemaObject.Column after) {
        String alter = "db.alterTable(name(" + java(before.table()) + ")).alter(name(" + java(before.column()) + "))";
        switch (property) {
            case "position" -> {
                // Follows from columns added and dropped; columnOrder() speaks up when it does not.
            }
            case "type" -> {
                if (SPATIAL.matcher(before.type()).matches() && SPATIAL.matcher(after.type()).matches()) {
                    List<String> up = new ArrayList<>(codeUsing(after));
                    up.addAll(plainSql(spatialType(before, after), spatialNote(before, after)));
                    add(Phase.COLUMNS, fact, up, plainSql(spatialType(after, before), spatialNote(after, before)),
                            true, null);
                } else {
                    add(Phase.COLUMNS, fact, List.of("// review: existing values are converted with PostgreSQL's"
                                    + " assignment cast; without one, write ALTER COLUMN ... TYPE ... USING.",
                                    alter + ".set(" + dataType(after.type()) + ").execute();"),
                            List.of(alter + ".set(" + dataType(before.type()) + ").execute();"), true, null);
                }
            }
            case "nullability" -> {
                List<String> dropNotNull = List.of(alter + ".dropNotNull().execute();");
                if (after.notNull()) {
                    // After the default changes (COLUMNS), so that the default the backfill writes is the new one.
                    List<String> up = setNotNull(alter, after, "up");
                    add(Phase.NOT_NULL, fact, up, dropNotNull, up.get(0).startsWith("// review"), null);
                } else {
                    List<String> down = setNotNull(alter, before, "down");
                    add(Phase.COLUMNS, fact, dropNotNull, down, down.get(0).startsWith("// review"), null);
                }
            }
            case "default" -> add(Phase.COLUMNS, fact, setDefault(alter, after), setDefault(alter, before), false,
                    null);
            default -> add(Phase.COLUMNS, fact, List.of("// review: the column's " + property + " changed ("
                    + before.properties().get(property) + " -> " + after.properties().get(property) + "). Not"
                    + " generated: write the ALTER TABLE (or drop and add the column) by hand."),
                    List.of("// review: undo the " + property + " change of " + before.name() + " by hand."), true,
                    null);
        }
    }

    /**
     * {@code SET NOT NULL}, which fails on a row that holds NULL: with a default, the rows that hold NULL get it
     * first; without one, a review comment says they must be dealt with.
     *
     * @param direction {@code up} or {@code down}, for the comment
     */
    private static List<String> setNotNull(String alter, SchemaObject.Column column, String direction) {
        List<String> lines = new ArrayList<>();
        if (column.defaultValue() != null) {
            // The default is in place by then: up() sets it before NOT NULL (COLUMNS, then NOT_NULL), and down()
            // restores it before this line (its step follows the nullability's in up()).
            lines.add("// Rows that hold NULL get the column's default first: SET NOT NULL fails on them.");
            lines.add("db.query(\"update {0} set {1} = default where {1} is null\", name(" + java(column.table())
                    + "), name(" + java(column.column()) + ")).execute();");
        } else if (direction.equals("up")) {
            lines.add("// review: SET NOT NULL fails while a row of " + column.table() + " holds NULL in "
                    + column.column() + ": give those rows a value first (an update before this line), or give the"
                    + " column a default. Where a running release may still write NULL, verify's made-not-null rule"
                    + " asks for the change over releases: write a value always, backfill, then set NOT NULL.");
        } else {
            lines.add("// review: SET NOT NULL fails while a row of " + column.table() + " holds NULL in "
                    + column.column() + ", which up() allows: give those rows a value first (an update before this"
                    + " line).");
        }
        lines.add(alter + ".setNotNull().execute();");
        return lines;
    }

    private static List<String> setDefault(String alter, SchemaObject.Column column) {
        return List.of(column.defaultValue() == null ? alter + ".dropDefault().execute();"
                : alter + ".setDefault(field(" + java(column.defaultValue()) + ")).execute();");
    }

    private void changedLabels(String fact, SchemaObject.EnumType before, SchemaObject.EnumType after) {
        List<String> old = before.labels();
        List<String> now = after.labels();
        String type = java(before.type());
        if (old.size() == now.size()) {
            List<Integer> renamed = new ArrayList<>();
            for (int i = 0; i < old.size(); i++) {
                if (!old.get(i).equals(now.get(i))) {
                    renamed.add(i);
                }
            }
            if (renamed.size() == 1 && !old.contains(now.get(renamed.get(0)))) {
                int i = renamed.get(0);
                add(Phase.ENUM_TYPES, fact, List.of("db.alterType(name(" + type + ")).renameValue(" + java(old.get(i))
                                + ").to(" + java(now.get(i)) + ").execute();"),
                        List.of("db.alterType(name(" + type + ")).renameValue(" + java(now.get(i)) + ").to("
                                + java(old.get(i)) + ").execute();"), false, null);
                return;
            }
        }
        if (!isSubsequence(old, now)) {
            add(Phase.ENUM_TYPES, fact, List.of("// review: enum type " + before.type() + " went from ("
                    + String.join(", ", old) + ") to (" + String.join(", ", now) + "). PostgreSQL cannot remove or"
                    + " reorder labels: rename the type, create it with the new labels, convert each of its columns"
                    + " (ALTER TABLE t ALTER COLUMN c DROP DEFAULT, ALTER COLUMN c TYPE " + before.type()
                    + " USING c::text::" + before.type() + ", ALTER COLUMN c SET DEFAULT ...: PostgreSQL cannot"
                    + " cast the default) and drop the old type."),
                    List.of("// review: undo the change of enum type " + before.type() + " by hand."), true, null);
            return;
        }
        List<String> up = new ArrayList<>();
        up.add("// PostgreSQL 12 and later add a label inside a transaction, but it cannot be used before that"
                + " commits; older servers need transactional() to return false.");
        Set<String> present = new LinkedHashSet<>(old);
        List<String> addedLabels = new ArrayList<>();
        for (int i = 0; i < now.size(); i++) {
            String label = now.get(i);
            if (present.contains(label)) {
                continue;
            }
            addedLabels.add(label);
            String next = now.subList(i + 1, now.size()).stream().filter(present::contains).findFirst().orElse(null);
            if (next == null) {
                up.add("db.alterType(name(" + type + ")).addValue(" + java(label) + ").execute();");
            } else {
                up.addAll(plainSql("ALTER TYPE " + SqlNames.quote(before.type()) + " ADD VALUE "
                        + SqlNames.literal(label) + " BEFORE " + SqlNames.literal(next), "jOOQ's DSL has no ADD"
                        + " VALUE ... BEFORE"));
            }
            present.add(label);
        }
        String labels = addedLabels.stream().map(SqlNames::literal).collect(Collectors.joining(", "));
        List<String> dependents = enumDependents(before.type());
        String reason = dependents.isEmpty() ? null : "It adds " + labels + " to enum type " + before.type()
                + ", and PostgreSQL cannot drop an enum label: down() makes the type again with the labels it had"
                + " and converts its columns, but the type is used by " + String.join(", ", dependents) + ", which"
                + " makes that fail. Drop them at the start of that part of down() and create them again at its"
                + " end, then delete irreversibilityReason().";
        String eitherLabel = addedLabels.stream().map(SqlNames::literal).collect(Collectors.joining(" or "));
        add(Phase.ENUM_TYPES, fact, up, enumAgain(before, eitherLabel, dependents), true, reason);
    }

    /**
     * The way back from labels added to {@code type}: PostgreSQL cannot drop a label, so the type is renamed, made
     * again with the labels it had, each of its columns converted to it, and the renamed type dropped. A column's
     * default is dropped and set again around its conversion, which could not cast it.
     */
    private List<String> enumAgain(SchemaObject.EnumType type, String addedLabels, List<String> dependents) {
        String spare = spareTypeName(type.type());
        List<String> lines = new ArrayList<>();
        lines.add("// review: PostgreSQL cannot drop an enum label: " + type.type() + " is made again with the labels"
                + " it had, and its columns converted to it (a default is dropped and set again around the"
                + " conversion, which cannot cast it). A row that holds " + addedLabels + " makes the conversion"
                + " fail: give it another label first.");
        if (!dependents.isEmpty()) {
            lines.add("// review: " + type.type() + " is used by " + String.join(", ", dependents) + ", which makes"
                    + " the conversion fail: drop them before the next line and create them again after the last"
                    + " of this part (then delete irreversibilityReason()).");
        }
        lines.add("db.alterType(name(" + java(type.type()) + ")).renameTo(name(" + java(spare) + ")).execute();");
        lines.addAll(createType(type));
        String quoted = SqlNames.quote(type.type());
        for (SchemaObject.Column column : built.objects(SchemaObject.Column.class)) {
            boolean array = column.type().equals(quoted + "[]");
            if (!array && !column.type().equals(quoted)) {
                continue;
            }
            String name = SqlNames.quote(column.column());
            String convert = "ALTER COLUMN " + name + " TYPE " + column.type() + " USING " + name + "::text"
                    + (array ? "[]" : "") + "::" + column.type();
            if (column.defaultValue() != null) {
                convert = "ALTER COLUMN " + name + " DROP DEFAULT, " + convert + ", ALTER COLUMN " + name
                        + " SET DEFAULT " + column.defaultValue();
            }
            lines.addAll(execute("ALTER TABLE " + SqlNames.quote(column.table()) + " " + convert));
        }
        lines.add("db.dropType(name(" + java(spare) + ")).execute();");
        return lines;
    }

    /** A name for the old type while the down makes it again: the type's with {@code _old}, free on both sides. */
    private String spareTypeName(String type) {
        String stem = type.length() > 55 ? type.substring(0, 55) : type;
        String spare = stem + "_old";
        for (int i = 2; built.find("enum type", spare).isPresent() || live.find("enum type", spare).isPresent()
                || relationNamed(spare); i++) {
            spare = stem + "_old" + i;
        }
        return spare;
    }

    private boolean relationNamed(String name) {
        return built.find("table", name).isPresent() || built.find("view", name).isPresent()
                || built.find("materialized view", name).isPresent() || built.find("sequence", name).isPresent();
    }

    /**
     * What uses enum type {@code type} besides columns, so that converting its columns to a type made again fails:
     * views, functions that take or return it, constraints and indexes that cast to it.
     */
    private List<String> enumDependents(String type) {
        Pattern word = Pattern.compile("(?<![\\w$\"])" + Pattern.quote(SqlNames.quote(type)) + "(?![\\w$\"])");
        Pattern cast = Pattern.compile("::" + Pattern.quote(SqlNames.quote(type)) + "(?![\\w$\"])");
        List<String> dependents = new ArrayList<>();
        for (SchemaObject object : built.objects()) {
            if (object instanceof SchemaObject.View view && word.matcher(view.definition()).find()) {
                dependents.add(view.kind() + " " + view.view());
            } else if (object instanceof SchemaObject.Function function
                    && (word.matcher(function.signature()).find() || returns(function, word))) {
                dependents.add("function " + function.signature());
            } else if (object instanceof SchemaObject.Constraint constraint
                    && cast.matcher(constraint.definition()).find()) {
                dependents.add("constraint " + constraint.name());
            } else if (object instanceof SchemaObject.Index index && cast.matcher(index.definition()).find()) {
                dependents.add("index " + index.name());
            }
        }
        return dependents;
    }

    /** Whether the {@code RETURNS} line of the function's text names the type. */
    private static boolean returns(SchemaObject.Function function, Pattern type) {
        return function.definition().lines().anyMatch(line -> line.strip().startsWith("RETURNS ")
                && type.matcher(line).find());
    }

    /** Columns whose order differs in a way adding and dropping columns does not explain: said, not hidden. */
    private void columnOrder() {
        for (SchemaObject.Table table : live.objects(SchemaObject.Table.class)) {
            if (built.find("table", table.name()).isEmpty()) {
                continue;
            }
            List<String> now = live.columns(table.name()).stream().map(SchemaObject.Column::column).toList();
            List<String> expected = new ArrayList<>(built.columns(table.name()).stream()
                    .map(SchemaObject.Column::column).filter(now::contains).toList());
            now.stream().filter(column -> !expected.contains(column)).forEach(expected::add);
            if (!expected.equals(now)) {
                add(Phase.COLUMNS, "column order of " + table.name() + ": " + String.join(", ", expected)
                        + " after this migration, " + String.join(", ", now) + " in the database",
                        List.of("// review: the columns of " + table.name() + " are in another order in the database ("
                                + String.join(", ", now) + "). PostgreSQL cannot reorder columns; this migration"
                                + " leaves them as " + String.join(", ", expected) + "."),
                        List.of(), true, null);
            }
        }
    }

    // ---------------------------------------------------------------- tables and columns

    private void createTable(String fact, SchemaObject.Table table, SchemaSnapshot side) {
        add(Phase.CREATE_TABLES, fact, createTableLines(table, side),
                List.of("db.dropTable(name(" + java(table.name()) + ")).execute();"),
                table.partitionKey() != null || table.unlogged(), null);
    }

    private List<String> createTableLines(SchemaObject.Table table, SchemaSnapshot side) {
        List<SchemaObject.Column> columns = side.columns(table.name());
        Optional<SchemaObject.Constraint> primaryKey = side.objects(SchemaObject.Constraint.class).stream()
                .filter(constraint -> constraint.table().equals(table.name()) && constraint.type().equals("primary key"))
                .findFirst();
        primaryKey.ifPresent(key -> covered.add("index " + key.name()));
        List<String> keyColumns = primaryKey.map(key -> identifiers(key.definition(), "PRIMARY KEY")).orElse(null);
        boolean plain = table.partitionKey() != null || table.unlogged() || (primaryKey.isPresent() && keyColumns == null)
                || columns.stream().anyMatch(column -> column.generated() != null || column.identity() != null
                        || column.collation() != null);
        if (plain) {
            StringBuilder sql = new StringBuilder("CREATE ").append(table.unlogged() ? "UNLOGGED " : "")
                    .append("TABLE ").append(SqlNames.quote(table.name())).append(" (\n");
            List<String> parts = new ArrayList<>(columns.stream().map(column -> "    " + column.declaration()).toList());
            primaryKey.ifPresent(key -> parts.add("    CONSTRAINT " + SqlNames.quote(key.constraint()) + " "
                    + key.definition()));
            sql.append(String.join(",\n", parts)).append("\n)");
            if (table.partitionKey() != null) {
                sql.append(" PARTITION BY ").append(table.partitionKey());
            }
            return plainSql(sql.toString(), "a table jOOQ's DSL cannot declare (identity, generated or collated"
                    + " columns, partitioning, UNLOGGED)");
        }
        List<String> lines = new ArrayList<>();
        lines.add("db.createTable(name(" + java(table.name()) + "))");
        for (SchemaObject.Column column : columns) {
            lines.add("        .column(name(" + java(column.column()) + "), " + columnType(column, side) + ")");
        }
        primaryKey.ifPresent(key -> lines.add("        .constraints(constraint(name(" + java(key.constraint())
                + ")).primaryKey(" + names(keyColumns) + "))"));
        lines.add("        .execute();");
        return lines;
    }

    private List<String> addColumn(SchemaObject.Column column, SchemaSnapshot side) {
        if (column.generated() != null || column.identity() != null || column.collation() != null) {
            return plainSql("ALTER TABLE " + SqlNames.quote(column.table()) + " ADD COLUMN " + column.declaration(),
                    "jOOQ's DSL cannot declare identity, generated or collated columns");
        }
        return List.of("db.alterTable(name(" + java(column.table()) + ")).add(field(name(" + java(column.column())
                + "), " + columnType(column, side) + ")).execute();");
    }

    private static List<String> dropColumn(SchemaObject.Column column) {
        return List.of("db.alterTable(name(" + java(column.table()) + ")).drop(name(" + java(column.column())
                + ")).execute();");
    }

    /**
     * The column's data type with nullability and default. A {@code nextval} default on the column's own sequence
     * is a serial column: declared as {@code serial}, which makes the sequence too.
     */
    private String columnType(SchemaObject.Column column, SchemaSnapshot side) {
        String serial = serialType(column, side);
        String type = serial != null ? namedType(serial) : dataType(column.type());
        StringBuilder out = new StringBuilder(type);
        if (column.notNull()) {
            out.append(".nullable(false)");
        }
        if (column.defaultValue() != null && serial == null) {
            out.append(".defaultValue(field(").append(java(column.defaultValue())).append(", ")
                    .append(dataType(column.type())).append("))");
        }
        return out.toString();
    }

    private String serialType(SchemaObject.Column column, SchemaSnapshot side) {
        if (column.defaultValue() == null) {
            return null;
        }
        Matcher nextval = NEXTVAL.matcher(column.defaultValue());
        String sequenceName = column.table() + "_" + column.column() + "_seq";
        if (!nextval.matches() || !unquoted(nextval.group(1)).equals(sequenceName)) {
            return null;
        }
        Optional<SchemaObject> sequence = side.find("sequence", sequenceName);
        if (sequence.isEmpty() || !column.name().equals(((SchemaObject.Sequence) sequence.get()).ownedBy())) {
            return null;
        }
        String serial = switch (column.type()) {
            case "integer" -> "serial";
            case "bigint" -> "bigserial";
            case "smallint" -> "smallserial";
            default -> null;
        };
        if (serial != null) {
            covered.add("sequence " + sequenceName);
        }
        return serial;
    }

    /** {@code SQLDataType.VARCHAR(50)} for {@code character varying(50)}; {@code type("...")} for the rest. */
    private String dataType(String formatType) {
        String constant = SQL_DATA_TYPES.get(formatType);
        if (constant != null) {
            return constant;
        }
        Matcher matcher = VARCHAR.matcher(formatType);
        if (matcher.matches()) {
            return "SQLDataType.VARCHAR(" + matcher.group(1) + ")";
        }
        matcher = CHAR.matcher(formatType);
        if (matcher.matches()) {
            return "SQLDataType.CHAR(" + matcher.group(1) + ")";
        }
        matcher = NUMERIC.matcher(formatType);
        if (matcher.matches()) {
            return "SQLDataType.NUMERIC(" + matcher.group(1) + ", " + matcher.group(2) + ")";
        }
        return namedType(formatType);
    }

    private String namedType(String typeName) {
        namedTypes = true;
        return "type(" + java(typeName) + ")";
    }

    // ---------------------------------------------------------------- geometry and geography

    private static String spatialType(SchemaObject.Column from, SchemaObject.Column to) {
        return "ALTER TABLE " + SqlNames.quote(from.table()) + " ALTER COLUMN " + SqlNames.quote(from.column())
                + " TYPE " + to.type() + " USING " + spatialConversion(from, to);
    }

    /** The expression that carries a value of {@code from}'s geometry type over to {@code to}'s. */
    static String spatialConversion(SchemaObject.Column from, SchemaObject.Column to) {
        Spatial source = Spatial.of(from.type());
        Spatial target = Spatial.of(to.type());
        String value = SqlNames.quote(from.column());
        if (!source.family().equals(target.family())) {
            return value + "::" + to.type();
        }
        if (target.multi() && !source.multi()) {
            value = "ST_Multi(" + value + ")";
        } else if (source.multi() && !target.multi() && !target.generic()) {
            value = "ST_GeometryN(" + value + ", 1)";
        }
        if (!source.dimensions().equals(target.dimensions())) {
            value = switch (target.dimensions()) {
                case "Z" -> "ST_Force3DZ(" + value + ")";
                case "M" -> "ST_Force3DM(" + value + ")";
                case "ZM" -> "ST_Force4D(" + value + ")";
                default -> "ST_Force2D(" + value + ")";
            };
        }
        if (source.srid() != target.srid()) {
            value = "ST_SetSRID(" + value + ", " + target.srid() + ")";
        }
        return value;
    }

    private static String spatialNote(SchemaObject.Column from, SchemaObject.Column to) {
        Spatial source = Spatial.of(from.type());
        Spatial target = Spatial.of(to.type());
        List<String> notes = new ArrayList<>(List.of("jOOQ's DSL has no ALTER COLUMN ... TYPE ... USING"));
        if (source.srid() != target.srid()) {
            notes.add("ST_SetSRID relabels the coordinates; use ST_Transform(" + from.column() + ", "
                    + target.srid() + ") to convert them, and ST_Transform(" + from.column() + ", " + source.srid()
                    + ") the other way");
        }
        if (source.multi() && !target.multi() && !target.generic()) {
            notes.add("ST_GeometryN(" + from.column() + ", 1) keeps the first part of each multi geometry and"
                    + " drops the others");
        }
        return String.join("; ", notes);
    }

    /**
     * A review comment for each function of the schema that names a column whose type changes and runs as a
     * trigger on its table or names the table: what it writes or computes may no longer fit (a trigger that sets a
     * Point centroid fails once the column holds MultiPoints).
     */
    private List<String> codeUsing(SchemaObject.Column column) {
        Pattern columnName = wordPattern(column.column());
        Pattern tableName = wordPattern(column.table());
        List<String> lines = new ArrayList<>();
        for (SchemaObject.Function function : live.objects(SchemaObject.Function.class)) {
            if (!columnName.matcher(function.definition()).find()) {
                continue;
            }
            String routine = function.signature().substring(0, function.signature().indexOf('('));
            List<String> triggers = live.objects(SchemaObject.Trigger.class).stream()
                    .filter(trigger -> trigger.table().equals(column.table()))
                    .filter(trigger -> {
                        Matcher runs = TRIGGER_FUNCTION.matcher(trigger.definition());
                        return runs.find() && unquoted(runs.group(1)).equals(routine);
                    })
                    .map(SchemaObject.Trigger::trigger).toList();
            if (triggers.isEmpty() && !tableName.matcher(function.definition()).find()) {
                continue;
            }
            lines.add("// review: function " + function.signature() + (triggers.isEmpty() ? "" : " (run by trigger"
                    + (triggers.size() == 1 ? " " : "s ") + String.join(", ", triggers) + " on " + column.table()
                    + ")") + " names " + column.column() + ": check that what it writes or computes there fits "
                    + column.type() + ", or it fails after this change.");
        }
        return lines;
    }

    /** {@code name} as a whole word, in either case: PL/pgSQL folds unquoted names. */
    private static Pattern wordPattern(String name) {
        return Pattern.compile("(?<![\\w$])" + Pattern.quote(name) + "(?![\\w$])", Pattern.CASE_INSENSITIVE);
    }

    /**
     * A PostGIS column type: family, subtype's multi-ness and dimensions, SRID (0 when none); {@code generic} for
     * {@code Geometry}, which takes every subtype.
     */
    private record Spatial(String family, boolean multi, boolean generic, String dimensions, int srid) {
        static Spatial of(String type) {
            Matcher matcher = SPATIAL.matcher(type);
            if (!matcher.matches()) {
                throw new IllegalArgumentException(type);
            }
            String subtype = matcher.group(2) == null ? "Geometry" : matcher.group(2);
            String dimensions = subtype.endsWith("ZM") ? "ZM" : subtype.endsWith("Z") ? "Z"
                    : subtype.endsWith("M") && !subtype.endsWith("ZM") && !subtype.equals("Geometry") ? "M" : "";
            int srid = matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3));
            return new Spatial(matcher.group(1), subtype.startsWith("Multi"), subtype.startsWith("Geometry"),
                    dimensions, srid);
        }
    }

    // ---------------------------------------------------------------- constraints and indexes

    private void addConstraint(String fact, SchemaObject.Constraint constraint) {
        Step step = constraintStep(constraint);
        add(step.phase(), fact, step.up(), step.down(), step.review(), null);
    }

    /** Adding {@code constraint} (up) and dropping it (down), in the DSL when its definition is a plain one. */
    private Step constraintStep(SchemaObject.Constraint constraint) {
        String alter = "db.alterTable(name(" + java(constraint.table()) + "))";
        String named = "constraint(name(" + java(constraint.constraint()) + "))";
        List<String> drop = List.of(alter + ".dropConstraint(name(" + java(constraint.constraint()) + ")).execute();");
        String definition = constraint.definition();
        String dsl = null;
        Phase phase = Phase.CONSTRAINTS;
        switch (constraint.type()) {
            case "check" -> {
                if (definition.startsWith("CHECK (") && definition.endsWith(")") && templateSafe(definition)) {
                    dsl = ".check(condition(" + java(definition.substring("CHECK (".length(), definition.length() - 1))
                            + "))";
                }
            }
            case "unique", "primary key" -> {
                List<String> columns = identifiers(definition, constraint.type().equals("unique") ? "UNIQUE"
                        : "PRIMARY KEY");
                if (columns != null) {
                    dsl = (constraint.type().equals("unique") ? ".unique(" : ".primaryKey(") + names(columns) + ")";
                }
            }
            case "foreign key" -> {
                phase = Phase.FOREIGN_KEYS;
                Matcher key = FOREIGN_KEY.matcher(definition);
                List<String> columns = key.matches() ? identifierList(key.group(1)) : null;
                List<String> referenced = key.matches() ? identifierList(key.group(3)) : null;
                if (columns != null && referenced != null && IDENTIFIER.matcher(key.group(2)).matches()) {
                    dsl = ".foreignKey(" + names(columns) + ").references(name(" + java(unquoted(key.group(2)))
                            + "), " + names(referenced) + ")" + action("onUpdate", key.group(4))
                            + action("onDelete", key.group(5));
                }
            }
            default -> {
                // exclusion and the rest: plain SQL below
            }
        }
        if (dsl != null) {
            return new Step(phase, null, List.of(alter + ".add(" + named + dsl + ").execute();"), drop, false, null);
        }
        return new Step(phase, null, plainSql("ALTER TABLE " + SqlNames.quote(constraint.table()) + " ADD CONSTRAINT "
                + SqlNames.quote(constraint.constraint()) + " " + definition, "a constraint jOOQ's DSL cannot"
                + " declare as it is"), drop, true, null);
    }

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

    private void createIndex(String fact, SchemaObject.Index index) {
        Step step = indexStep(index);
        add(Phase.INDEXES, fact, step.up(), step.down(), step.review(), null);
    }

    /** Creating {@code index} (up) and dropping it (down): a plain btree index in the DSL, any other in plain SQL. */
    private Step indexStep(SchemaObject.Index index) {
        List<String> drop = List.of("db.dropIndex(name(" + java(index.index()) + ")).execute();");
        Matcher matcher = INDEX.matcher(withoutSchema(index.definition()));
        List<String> columns = matcher.matches() ? identifierList(matcher.group(5)) : null;
        if (matcher.matches() && matcher.group(4).equals("btree") && columns != null) {
            String create = matcher.group(1) != null ? "createUniqueIndex" : "createIndex";
            return new Step(Phase.INDEXES, null, List.of("db." + create + "(name(" + java(index.index()) + ")).on(name("
                    + java(index.table()) + "), " + names(columns) + ").execute();"), drop, false, null);
        }
        String why = !matcher.matches() ? "jOOQ's DSL cannot declare this index as it is"
                : !matcher.group(4).equals("btree") ? "jOOQ's DSL has no USING " + matcher.group(4)
                : "jOOQ's DSL cannot declare an index on expressions, with a predicate or with options";
        return new Step(Phase.INDEXES, null, plainSql(withoutSchema(index.definition()), why), drop, true, null);
    }

    // ---------------------------------------------------------------- enum types, sequences, views, extensions

    private static List<String> createType(SchemaObject.EnumType type) {
        return List.of("db.createType(name(" + java(type.type()) + ")).asEnum(" + type.labels().stream()
                .map(DriftMigration::java).collect(Collectors.joining(", ")) + ").execute();");
    }

    private static List<String> createSequence(SchemaObject.Sequence sequence) {
        List<String> lines = new ArrayList<>();
        lines.add("db.createSequence(name(" + java(sequence.sequence()) + ")).startWith(" + sequence.start()
                + "L).incrementBy(" + sequence.increment() + "L).minvalue(" + sequence.min() + "L).maxvalue("
                + sequence.max() + "L).cache(" + sequence.cache() + "L)" + (sequence.cycle() ? ".cycle()" : ".noCycle()")
                + ".execute();");
        if (!sequence.type().equals("bigint") || sequence.ownedBy() != null) {
            lines.addAll(plainSql(alterSequence(sequence), "jOOQ's DSL has no OWNED BY or AS"));
        }
        return lines;
    }

    private static String alterSequence(SchemaObject.Sequence sequence) {
        return "ALTER SEQUENCE " + SqlNames.quote(sequence.sequence()) + " AS " + sequence.type() + " INCREMENT BY "
                + sequence.increment() + " MINVALUE " + sequence.min() + " MAXVALUE " + sequence.max()
                + " START WITH " + sequence.start() + " CACHE " + sequence.cache()
                + (sequence.cycle() ? " CYCLE" : " NO CYCLE") + " OWNED BY "
                + (sequence.ownedBy() == null ? "NONE" : qualified(sequence.ownedBy()));
    }

    private static String createView(SchemaObject.View view) {
        String query = view.definition().strip();
        if (query.endsWith(";")) {
            query = query.substring(0, query.length() - 1);
        }
        return "CREATE " + (view.materialized() ? "MATERIALIZED " : "") + "VIEW " + SqlNames.quote(view.view())
                + " AS\n" + query;
    }

    private static String dropView(SchemaObject.View view) {
        return "db." + (view.materialized() ? "dropMaterializedView" : "dropView") + "(name(" + java(view.view())
                + ")).execute();";
    }

    private static String createExtension(SchemaObject.Extension extension) {
        return "CREATE EXTENSION " + SqlNames.quote(extension.extension()) + " WITH SCHEMA "
                + SqlNames.quote(extension.schema()) + " VERSION " + SqlNames.literal(extension.version());
    }

    private static String updateExtension(SchemaObject.Extension extension) {
        return "ALTER EXTENSION " + SqlNames.quote(extension.extension()) + " UPDATE TO "
                + SqlNames.literal(extension.version());
    }

    private static String extensionSchema(SchemaObject.Extension extension) {
        return "ALTER EXTENSION " + SqlNames.quote(extension.extension()) + " SET SCHEMA "
                + SqlNames.quote(extension.schema());
    }

    private static String logged(SchemaObject.Table table) {
        return "ALTER TABLE " + SqlNames.quote(table.name()) + (table.unlogged() ? " SET UNLOGGED" : " SET LOGGED");
    }

    private static String dropTrigger(SchemaObject.Trigger trigger) {
        return "DROP TRIGGER " + SqlNames.quote(trigger.trigger()) + " ON " + SqlNames.quote(trigger.table());
    }

    private static String enableTrigger(SchemaObject.Trigger trigger) {
        String how = switch (trigger.enabled()) {
            case "D" -> "DISABLE";
            case "R" -> "ENABLE REPLICA";
            case "A" -> "ENABLE ALWAYS";
            default -> "ENABLE";
        };
        return "ALTER TABLE " + SqlNames.quote(trigger.table()) + " " + how + " TRIGGER "
                + SqlNames.quote(trigger.trigger());
    }

    // ---------------------------------------------------------------- comments

    /** Sets the comment on {@code target} ({@code column t.c}, {@code table t}, ...) to {@code text}; null removes it. */
    private static List<String> comment(String target, String text) {
        String is = ".is(" + java(text == null ? "" : text) + ").execute();";
        int space = target.lastIndexOf(' ');
        String kind = target.substring(0, space);
        String name = target.substring(space + 1);
        switch (kind) {
            case "table" -> {
                return List.of("db.commentOnTable(name(" + java(name) + "))" + is);
            }
            case "view" -> {
                return List.of("db.commentOnView(name(" + java(name) + "))" + is);
            }
            case "column" -> {
                int dot = name.indexOf('.');
                return List.of("db.commentOnColumn(name(" + java(name.substring(0, dot)) + ", "
                        + java(name.substring(dot + 1)) + "))" + is);
            }
            default -> {
                String literal = text == null ? "NULL" : SqlNames.literal(text);
                String object = switch (kind) {
                    case "constraint", "trigger" -> {
                        int dot = name.indexOf('.');
                        yield kind.toUpperCase(Locale.ROOT) + " " + SqlNames.quote(name.substring(dot + 1)) + " ON "
                                + SqlNames.quote(name.substring(0, dot));
                    }
                    case "function" -> "ROUTINE " + target.substring("function ".length());
                    default -> kind.toUpperCase(Locale.ROOT) + " " + SqlNames.quote(name);
                };
                return plainSql("COMMENT ON " + object + " IS " + literal, "jOOQ's DSL comments only on tables,"
                        + " views and columns");
            }
        }
    }

    // ---------------------------------------------------------------- rendering

    /**
     * The Java source of the migration class.
     *
     * @param built what the database is compared with, e.g. {@code V1-V20}, for the class comment
     */
    public String source(String packageName, String className, String description, String built) {
        StringBuilder body = new StringBuilder();
        body.append("    @Override\n    protected void up(DSLContext db) {\n");
        for (Step step : steps) {
            body.append("        // ").append(oneLine(step.fact())).append('\n');
            step.up().forEach(line -> body.append("        ").append(line).append('\n'));
        }
        body.append("    }\n\n    @Override\n    protected void down(DSLContext db) {\n");
        List<Step> reversed = new ArrayList<>(steps);
        java.util.Collections.reverse(reversed);
        for (Step step : reversed) {
            if (step.down().isEmpty()) {
                continue;
            }
            body.append("        // undo: ").append(oneLine(step.fact())).append('\n');
            step.down().forEach(line -> body.append("        ").append(line).append('\n'));
        }
        body.append("    }\n");
        Optional<String> irreversible = irreversibility();
        if (irreversible.isPresent()) {
            body.append("\n    /** Rollback refuses this migration while it plans, before any SQL runs. */\n")
                    .append("    @Override\n    public Optional<String> irreversibilityReason() {\n")
                    .append("        return Optional.of(").append(java(className + " cannot be rolled back. "
                            + irreversible.get())).append(");\n    }\n");
        }
        if (namedTypes) {
            body.append("""

                        /** A column type by its PostgreSQL name, for types SQLDataType has no constant for. */
                        private static DataType<Object> type(String name) {
                            return DefaultDataType.getDefaultDataType(SQLDialect.POSTGRES, name);
                        }
                    """);
        }
        String text = body.toString();
        Set<String> imports = new java.util.TreeSet<>();
        Set<String> staticImports = new java.util.TreeSet<>();
        imports.add("ai.demeter.migrations.api.DemeterMigration");
        imports.add("org.jooq.DSLContext");
        for (String method : List.of("name", "field", "constraint", "condition")) {
            if (Pattern.compile("(?<![.\\w])" + method + "\\(").matcher(text).find()) {
                staticImports.add("org.jooq.impl.DSL." + method);
            }
        }
        if (text.contains("DSL.unquotedName(")) {
            imports.add("org.jooq.impl.DSL");
        }
        if (text.contains("SQLDataType.")) {
            imports.add("org.jooq.impl.SQLDataType");
        }
        if (namedTypes) {
            imports.addAll(List.of("org.jooq.DataType", "org.jooq.SQLDialect", "org.jooq.impl.DefaultDataType"));
        }
        if (irreversible.isPresent()) {
            imports.add("java.util.Optional");
        }
        StringBuilder out = new StringBuilder("package ").append(packageName).append(";\n\n");
        staticImports.forEach(name -> out.append("import static ").append(name).append(";\n"));
        out.append('\n');
        imports.forEach(name -> out.append("import ").append(name).append(";\n"));
        out.append("\n/**\n * ").append(description.strip()).append(".\n *\n")
                .append(" * <p>Written by demeter:diff from the drift between what ").append(built)
                .append(" build and the database:\n * <ul>\n");
        steps.forEach(step -> out.append(" * <li>").append(javadoc(step.fact())).append("</li>\n"));
        out.append(" * </ul>\n");
        if (reviewCount() > 0) {
            out.append(" * Review every {@code // review} line before applying it.\n");
        }
        out.append(" */\npublic class ").append(className).append(" extends DemeterMigration {\n\n").append(text)
                .append("}\n");
        return out.toString();
    }

    /** {@code db.execute("...")} for a statement the DSL has no word for, with a {@code // review} note. */
    private static List<String> plainSql(String sql, String why) {
        return concat(List.of("// review: plain SQL" + (why == null ? "" : " (" + why + ")")), execute(sql));
    }

    /** {@code db.execute("...")}, for a statement under a review comment of its own. */
    private static List<String> execute(String sql) {
        String literal = javaMultiLine(sql);
        if (templateSafe(sql)) {
            return ("db.execute(" + literal + ");").lines().toList();
        }
        // "{0}" in the text would be read by jOOQ's plain SQL as a placeholder; a name is rendered verbatim.
        return ("db.query(\"{0}\", DSL.unquotedName(" + literal + ")).execute();").lines().toList();
    }

    private static boolean templateSafe(String sql) {
        return !PLACEHOLDER.matcher(sql).find();
    }

    private static String javaMultiLine(String text) {
        String[] lines = text.split("(?<=\n)");
        if (lines.length == 1) {
            return java(text);
        }
        StringBuilder out = new StringBuilder(java(lines[0]));
        for (int i = 1; i < lines.length; i++) {
            out.append("\n        + ").append(java(lines[i]));
        }
        return out.toString();
    }

    /** A Java string literal. */
    static String java(String text) {
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

    private static String javadoc(String text) {
        return oneLine(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*/", "*&#47;")
                .replace("@", "&#64;");
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > 160 ? line.substring(0, 157) + "..." : line;
    }

    private static String names(List<String> identifiers) {
        return identifiers.stream().map(identifier -> "name(" + java(identifier) + ")").collect(Collectors.joining(", "));
    }

    /** The columns of {@code KEYWORD (a, b)}, or null when the definition is anything more. */
    private static List<String> identifiers(String definition, String keyword) {
        String prefix = keyword + " (";
        if (!definition.startsWith(prefix) || !definition.endsWith(")")) {
            return null;
        }
        return identifierList(definition.substring(prefix.length(), definition.length() - 1));
    }

    /** {@code a, "B"} as names, or null when an item is not a bare identifier. */
    private static List<String> identifierList(String list) {
        List<String> names = new ArrayList<>();
        for (String item : list.split(", ")) {
            if (!IDENTIFIER.matcher(item).matches()) {
                return null;
            }
            names.add(unquoted(item));
        }
        return names;
    }

    private static String unquoted(String identifier) {
        return identifier.startsWith("\"") ? identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"")
                : identifier;
    }

    private static String qualified(String tableDotColumn) {
        int dot = tableDotColumn.indexOf('.');
        return SqlNames.quote(tableDotColumn.substring(0, dot)) + "." + SqlNames.quote(tableDotColumn.substring(dot + 1));
    }

    /** Index and trigger definitions name the table with its schema; the migration runs in the schema it targets. */
    private String withoutSchema(String definition) {
        return definition.replace(" ON " + SqlNames.quote(live.schema()) + ".", " ON ");
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static boolean isSubsequence(List<String> part, List<String> whole) {
        int i = 0;
        for (String item : whole) {
            if (i < part.size() && part.get(i).equals(item)) {
                i++;
            }
        }
        return i == part.size();
    }

    private static String key(SchemaObject object) {
        return object.kind() + " " + object.name();
    }

    private void add(Phase phase, String fact, List<String> up, List<String> down, boolean review,
            String irreversible) {
        steps.add(new Step(phase, fact, up, down, review, irreversible));
    }

    @Override
    public String toString() {
        return steps.stream().map(Step::fact).collect(Collectors.joining("\n"));
    }
}
