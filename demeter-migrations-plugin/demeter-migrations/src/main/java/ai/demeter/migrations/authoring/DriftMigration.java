package ai.demeter.migrations.authoring;

import ai.demeter.migrations.schema.SchemaSnapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
 * renames made ({@link DriftPlanner}).
 */
public final class DriftMigration {
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

    private final List<Step> steps;
    private final List<AssumedRenames.Rename> renames;
    /** The imports and helpers the steps' lines use. */
    private final JavaSource code;

    DriftMigration(List<Step> steps, List<AssumedRenames.Rename> renames, JavaSource code) {
        this.steps = List.copyOf(steps);
        this.renames = List.copyOf(renames);
        this.code = code;
    }

    /**
     * The migration that turns {@code built} (what the migrations build) into {@code live} (what the database
     * holds).
     */
    public static DriftMigration between(SchemaSnapshot built, SchemaSnapshot live) {
        return DriftPlanner.plan(built, live);
    }

    public List<Step> steps() {
        return steps;
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** How many lines of the class (in up() and down()) are marked {@code // review}. */
    public long reviewCount() {
        return steps.stream().flatMap(step -> Stream.concat(step.up().stream(), step.down().stream()))
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

    /**
     * The Java source of the migration class.
     *
     * @param built what the database is compared with, e.g. {@code V1-V20}, for the class comment
     */
    public String source(String packageName, String className, String description, String built) {
        StringBuilder up = new StringBuilder();
        for (Step step : steps) {
            up.append("        // ").append(oneLine(step.fact())).append('\n');
            step.up().forEach(line -> up.append("        ").append(line).append('\n'));
        }
        StringBuilder down = new StringBuilder();
        List<Step> reversed = new ArrayList<>(steps);
        Collections.reverse(reversed);
        for (Step step : reversed) {
            if (step.down().isEmpty()) {
                continue;
            }
            down.append("        // undo: ").append(oneLine(step.fact())).append('\n');
            step.down().forEach(line -> down.append("        ").append(line).append('\n'));
        }
        JavaSource file = code.copy();
        String members = irreversibility().map(reason -> "\n    /** Rollback refuses this migration while it plans,"
                + " before any SQL runs. */\n    @Override\n    public " + file.type("java.util.Optional")
                + "<String> irreversibilityReason() {\n        return Optional.of("
                + JavaSource.literal(className + " cannot be rolled back. " + reason) + ");\n    }\n").orElse("");
        StringBuilder javadoc = new StringBuilder("/**\n * ").append(description.strip()).append(".\n *\n")
                .append(" * <p>Written by demeter:diff from the drift between what ").append(built)
                .append(" build and the database:\n * <ul>\n");
        steps.forEach(step -> javadoc.append(" * <li>").append(javadoc(step.fact())).append("</li>\n"));
        javadoc.append(" * </ul>\n");
        if (reviewCount() > 0) {
            javadoc.append(" * Review every {@code // review} line before applying it.\n");
        }
        javadoc.append(" */\n");
        return file.migration(packageName, javadoc.toString(), className, up.toString(), down.toString(), members);
    }

    private static String javadoc(String text) {
        return oneLine(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*/", "*&#47;")
                .replace("@", "&#64;");
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > 160 ? line.substring(0, 157) + "..." : line;
    }

    @Override
    public String toString() {
        return steps.stream().map(Step::fact).collect(Collectors.joining("\n"));
    }
}
