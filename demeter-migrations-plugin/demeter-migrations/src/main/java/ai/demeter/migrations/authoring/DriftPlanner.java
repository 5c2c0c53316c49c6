package ai.demeter.migrations.authoring;

import ai.demeter.migrations.authoring.DriftMigration.Step;
import ai.demeter.migrations.schema.SchemaDifference;
import ai.demeter.migrations.schema.SchemaObject;
import ai.demeter.migrations.schema.SchemaSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Plans a {@link DriftMigration}: each difference between the two snapshots becomes a {@link Step} in its
 * {@link Phase}, its lines from the statement writer of its kind of object. The assumed renames are made first,
 * and everything else is planned from what the migrations build with them made.
 */
final class DriftPlanner {
    /** What the migrations build, with the assumed renames made: what every step but the renames starts from. */
    private final SchemaSnapshot built;
    private final SchemaSnapshot live;
    private final List<Step> steps = new ArrayList<>();
    /** Objects the generator accounts for as part of another fact (a serial column's sequence, a key's index). */
    private final Set<String> covered = new LinkedHashSet<>();
    private final Dsl dsl;
    private final TableStatements tables;
    private final ConstraintStatements constraints;
    private final EnumStatements enums;
    private final ObjectStatements objects;

    private DriftPlanner(SchemaSnapshot built, SchemaSnapshot live, Dsl dsl) {
        this.built = built;
        this.live = live;
        this.dsl = dsl;
        this.tables = new TableStatements(dsl, covered);
        this.constraints = new ConstraintStatements(dsl, live.schema());
        this.enums = new EnumStatements(dsl, built, live);
        this.objects = new ObjectStatements(dsl, live.schema());
    }

    static DriftMigration plan(SchemaSnapshot built, SchemaSnapshot live) {
        AssumedRenames renames = AssumedRenames.between(built, live);
        JavaSource code = JavaSource.withStaticImports();
        DriftPlanner planner = new DriftPlanner(renames.renamed(), live, new Dsl(code));
        RenameStatements renaming = new RenameStatements(planner.dsl, planner.tables);
        renames.renames().forEach(rename -> planner.steps.add(renaming.renamed(rename, live)));
        planner.plan(renames.renamed().differences(live));
        return new DriftMigration(planner.steps, renames.renames(), code);
    }

    private void plan(List<SchemaDifference> differences) {
        // A serial column's sequence comes with the column; sequences are listed before columns, so look first.
        for (SchemaDifference difference : differences) {
            if (difference.object() instanceof SchemaObject.Column column) {
                tables.serialType(column, difference instanceof SchemaDifference.OnlyLeft ? built : live);
            }
        }
        for (SchemaDifference difference : differences) {
            SchemaObject object = difference.object();
            if (covered.contains(object.kind() + " " + object.name())) {
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

    // ---------------------------------------------------------------- objects the database has and the chain lacks

    private void added(SchemaObject object) {
        String fact = object.describe() + ": only in the database";
        if (object instanceof SchemaObject.Table table) {
            add(Phase.CREATE_TABLES, fact, tables.createTable(table, live), tables.dropTable(table),
                    table.partitionKey() != null || table.unlogged(), null);
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
            adding.addAll(tables.addColumn(column, live));
            add(Phase.COLUMNS, fact, adding, tables.dropColumn(column), !adding.get(0).startsWith("db."), null);
        } else if (object instanceof SchemaObject.Constraint constraint) {
            if (constraint.type().equals("primary key") && built.find("table", constraint.table()).isEmpty()) {
                return; // declared in the table's CREATE TABLE
            }
            covered.add("index " + constraint.name());
            add(fact, constraints.constraintStep(constraint));
        } else if (object instanceof SchemaObject.Index index) {
            if (live.find("constraint", index.name()).isPresent()) {
                return; // the constraint's own index
            }
            add(fact, constraints.indexStep(index));
        } else if (object instanceof SchemaObject.EnumType type) {
            add(fact, enums.created(type));
        } else {
            add(fact, objects.added(object));
        }
    }

    // ---------------------------------------------------------------- objects the chain builds and the database lacks

    private void dropped(SchemaObject object) {
        String fact = object.describe() + ": only in what the migrations build";
        if (object instanceof SchemaObject.Table table) {
            add(Phase.DROP_TABLES, fact, tables.dropTable(table), tables.createTable(table, built),
                    table.partitionKey() != null, null);
        } else if (object instanceof SchemaObject.Column column) {
            if (built.find("table", column.table()).isPresent() && live.find("table", column.table()).isEmpty()) {
                return; // dropped with its table
            }
            List<String> restore = new ArrayList<>();
            if (column.notNull() && column.defaultValue() == null) {
                restore.add("// A NOT NULL column without a default can be added back only to an empty table:"
                        + " fill it and set NOT NULL in a second step if the table has rows.");
            }
            restore.addAll(tables.addColumn(column, built));
            add(Phase.DROP_COLUMNS, fact, tables.dropColumn(column), restore, false, null);
        } else if (object instanceof SchemaObject.Constraint constraint) {
            if (constraint.type().equals("primary key") && live.find("table", constraint.table()).isEmpty()) {
                return; // dropped with its table, declared again by its CREATE TABLE
            }
            covered.add("index " + constraint.name());
            Step adding = constraints.constraintStep(constraint);
            add(constraint.type().equals("foreign key") ? Phase.DROP_FOREIGN_KEYS : Phase.DROP_CONSTRAINTS, fact,
                    adding.down(), adding.up(), adding.review(), null);
        } else if (object instanceof SchemaObject.Index index) {
            if (built.find("constraint", index.name()).isPresent()) {
                return;
            }
            Step creating = constraints.indexStep(index);
            add(Phase.DROP_INDEXES, fact, creating.down(), creating.up(), creating.review(), null);
        } else if (object instanceof SchemaObject.EnumType type) {
            Step creating = enums.created(type);
            add(Phase.DROP_TYPES, fact, creating.down(), creating.up(), creating.review(), null);
        } else {
            add(fact, objects.dropped(object));
        }
    }

    // ---------------------------------------------------------------- objects on both sides with a differing property

    private void changed(SchemaDifference.Changed change, String fact) {
        SchemaObject before = change.object();
        SchemaObject after = live.find(before.kind(), before.name()).orElseThrow();
        if (before instanceof SchemaObject.Column column) {
            changedColumn(fact, change.property(), column, (SchemaObject.Column) after);
        } else if (before instanceof SchemaObject.EnumType type) {
            steps.add(enums.labelsChanged(fact, type, (SchemaObject.EnumType) after));
        } else if (before instanceof SchemaObject.Index index) {
            Step old = constraints.indexStep(index);
            Step now = constraints.indexStep((SchemaObject.Index) after);
            add(Phase.INDEXES, fact, concat(old.down(), now.up()), concat(now.down(), old.up()),
                    old.review() || now.review(), null);
        } else if (before instanceof SchemaObject.Constraint constraint) {
            Step old = constraints.constraintStep(constraint);
            Step now = constraints.constraintStep((SchemaObject.Constraint) after);
            add(constraint.type().equals("foreign key") ? Phase.FOREIGN_KEYS : Phase.CONSTRAINTS, fact,
                    concat(old.down(), now.up()), concat(now.down(), old.up()), old.review() || now.review(),
                    null);
        } else if (before instanceof SchemaObject.Table table) {
            SchemaObject.Table now = (SchemaObject.Table) after;
            if (change.property().equals("unlogged")) {
                add(Phase.CREATE_TABLES, fact, dsl.plainSql(TableStatements.logged(now), null),
                        dsl.plainSql(TableStatements.logged(table), null), true, null);
            } else {
                add(Phase.CREATE_TABLES, fact, List.of("// review: " + table.name() + "'s partition key"
                                + " cannot be changed in place: create a partitioned table and move the rows."),
                        List.of("// review: see up()."), true, null);
            }
        } else {
            steps.addAll(objects.changed(fact, change.property(), before, after));
        }
    }

    private void changedColumn(String fact, String property, SchemaObject.Column before, SchemaObject.Column after) {
        switch (property) {
            case "position" -> {
                // Follows from columns added and dropped; columnOrder() speaks up when it does not.
            }
            case "type" -> {
                if (SpatialTypes.isSpatial(before.type()) && SpatialTypes.isSpatial(after.type())) {
                    SpatialTypes spatial = new SpatialTypes(dsl);
                    add(Phase.COLUMNS, fact, concat(spatial.codeUsing(after, live), spatial.convert(before, after)),
                            spatial.convert(after, before), true, null);
                } else {
                    String alter = tables.alter(before);
                    add(Phase.COLUMNS, fact, List.of("// review: existing values are converted with PostgreSQL's"
                                    + " assignment cast; without one, write ALTER COLUMN ... TYPE ... USING.",
                                    alter + ".set(" + dsl.dataType(after.type()) + ").execute();"),
                            List.of(alter + ".set(" + dsl.dataType(before.type()) + ").execute();"), true, null);
                }
            }
            case "nullability" -> {
                String alter = tables.alter(before);
                List<String> dropNotNull = List.of(alter + ".dropNotNull().execute();");
                if (after.notNull()) {
                    // After the default changes (COLUMNS), so that the default the backfill writes is the new one.
                    List<String> up = tables.setNotNull(alter, after, "up");
                    add(Phase.NOT_NULL, fact, up, dropNotNull, up.get(0).startsWith("// review"), null);
                } else {
                    List<String> down = tables.setNotNull(alter, before, "down");
                    add(Phase.COLUMNS, fact, dropNotNull, down, down.get(0).startsWith("// review"), null);
                }
            }
            case "default" -> add(Phase.COLUMNS, fact, tables.setDefault(tables.alter(before), after),
                    tables.setDefault(tables.alter(before), before), false, null);
            default -> add(Phase.COLUMNS, fact, List.of("// review: the column's " + property + " changed ("
                    + before.properties().get(property) + " -> " + after.properties().get(property) + "). Not"
                    + " generated: write the ALTER TABLE (or drop and add the column) by hand."),
                    List.of("// review: undo the " + property + " change of " + before.name() + " by hand."), true,
                    null);
        }
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

    static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** {@code step}, written for {@code fact}. */
    private void add(String fact, Step step) {
        add(step.phase(), fact, step.up(), step.down(), step.review(), step.irreversible());
    }

    private void add(Phase phase, String fact, List<String> up, List<String> down, boolean review,
            String irreversible) {
        steps.add(new Step(phase, fact, up, down, review, irreversible));
    }
}
