package ai.demeter.migrations.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.AcceptHazard;
import ai.demeter.migrations.schema.SchemaObject;
import ai.demeter.migrations.schema.SchemaSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The released schema against a newer one, on snapshots built by hand: every rule, and what breaks nothing. */
class ReleaseCompatibilityTest {
    private static final SchemaObject.Table PLOTS = new SchemaObject.Table("plots", null, false);
    private static final SchemaObject.Column PLOT_ID = new SchemaObject.Column("plots", "plot_id", 1, "integer",
            true, null, null, "by default", null);
    private static final SchemaObject.Column CODE = column("code", 2, "character varying(20)", true, null);
    private static final SchemaObject.Column NOTE = column("note", 3, "text", false, null);
    private static final SchemaObject.EnumType KIND = new SchemaObject.EnumType("plot_kind",
            List.of("field", "greenhouse"));
    private static final SchemaObject.Function AREA = new SchemaObject.Function("plot_area(integer)",
            "CREATE FUNCTION plot_area(integer) ...");
    private static final SchemaObject.View BIG_PLOTS = new SchemaObject.View("big_plots", false, "SELECT ...");

    private static final SchemaSnapshot RELEASED = snapshot(PLOTS, PLOT_ID, CODE, NOTE, KIND, AREA, BIG_PLOTS);

    @Test
    void theSameSchemaBreaksNothing() {
        assertEquals(List.of(), ReleaseCompatibility.breaks(RELEASED, RELEASED));
    }

    @Test
    void compatibleChangesBreakNothing() {
        SchemaSnapshot head = snapshot(PLOTS, PLOT_ID,
                column("code", 2, "character varying(40)", true, null),                   // varchar widened
                column("note", 3, "text", false, null),
                column("area", 4, "numeric(12,2)", false, null),                          // nullable column added
                column("status", 5, "plot_kind", true, "'field'::plot_kind"),             // NOT NULL with a default
                new SchemaObject.Column("plots", "serial", 6, "bigint", true, null, null, "always", null),
                new SchemaObject.EnumType("plot_kind", List.of("field", "greenhouse", "orchard")), // label added
                new SchemaObject.Index("plots", "idx_plots_code", "CREATE INDEX idx_plots_code ON ..."),
                new SchemaObject.Table("harvests", null, false),                          // table added
                new SchemaObject.Column("harvests", "plot_id", 1, "integer", true, null, null, null, null),
                new SchemaObject.Function("plot_area(integer, text)", "CREATE FUNCTION ..."), // overload added
                AREA, BIG_PLOTS);
        assertEquals(List.of(), ReleaseCompatibility.breaks(RELEASED, head));
    }

    @Test
    void aDroppedColumn() {
        CompatibilityBreak only = single(ReleaseCompatibility.breaks(RELEASED, without(RELEASED, NOTE)));
        assertEquals("dropped-column", only.rule());
        assertEquals("plots", only.table());
        assertEquals("column plots.note (text) is gone (dropped or renamed); the running release names it in every"
                + " select of plots and may write it.", only.fact());
        assertTrue(only.recipe().startsWith("Drop it in two releases: the next release stops using the column"),
                only.recipe());
    }

    @Test
    void aRenamedColumnIsADroppedOneAndANullableAddedOne() {
        SchemaSnapshot head = with(without(RELEASED, NOTE), column("remark", 3, "text", false, null));
        CompatibilityBreak only = single(ReleaseCompatibility.breaks(RELEASED, head));
        assertEquals("dropped-column", only.rule());
        assertEquals("plots.note", only.subject());
    }

    @Test
    void aDroppedTableIsOneBreakNotOnePerColumn() {
        SchemaSnapshot head = snapshot(KIND, AREA, BIG_PLOTS);
        CompatibilityBreak only = single(ReleaseCompatibility.breaks(RELEASED, head));
        assertEquals("dropped-table", only.rule());
        assertEquals("table plots is gone (dropped or renamed); the running release reads and writes it.",
                only.fact());
    }

    @Test
    void aNarrowedType() {
        SchemaSnapshot head = with(without(RELEASED, CODE), column("code", 2, "character varying(10)", true, null));
        CompatibilityBreak only = single(ReleaseCompatibility.breaks(RELEASED, head));
        assertEquals("changed-type", only.rule());
        assertEquals("column plots.code changed type from character varying(20) to character varying(10), shorter:"
                + " the running release may write values longer than 10.", only.fact());
    }

    @Test
    void aNewNotNullColumnWithoutDefault() {
        CompatibilityBreak only = single(ReleaseCompatibility.breaks(RELEASED,
                with(RELEASED, column("area", 4, "numeric(12,2)", true, null))));
        assertEquals("new-not-null-column", only.rule());
        assertEquals("column plots.area numeric(12,2) is new, NOT NULL and has no default; the running release's"
                + " inserts into plots leave it out and fail.", only.fact());
    }

    @Test
    void aNotNullColumnOnANewTableBreaksNothing() {
        SchemaSnapshot head = with(RELEASED, new SchemaObject.Table("harvests", null, false),
                new SchemaObject.Column("harvests", "weight", 1, "numeric", true, null, null, null, null));
        assertEquals(List.of(), ReleaseCompatibility.breaks(RELEASED, head));
    }

    @Test
    void anExistingColumnMadeNotNull() {
        SchemaSnapshot head = with(without(RELEASED, NOTE), column("note", 3, "text", true, null));
        CompatibilityBreak only = single(ReleaseCompatibility.breaks(RELEASED, head));
        assertEquals("made-not-null", only.rule());
        assertEquals("column plots.note became NOT NULL; the running release may insert or update it with null.",
                only.fact());
    }

    @Test
    void aNotNullColumnThatLosesItsDefault() {
        SchemaObject.Column status = column("status", 4, "plot_kind", true, "'field'::plot_kind");
        SchemaSnapshot released = with(RELEASED, status);
        SchemaSnapshot head = with(without(released, status), column("status", 4, "plot_kind", true, null));
        CompatibilityBreak only = single(ReleaseCompatibility.breaks(released, head));
        assertEquals("dropped-default", only.rule());
        assertEquals("column plots.status is NOT NULL and lost its default 'field'::plot_kind; the running release's"
                + " inserts that leave it out fail.", only.fact());
    }

    @Test
    void aRemovedEnumLabel() {
        SchemaSnapshot head = with(without(RELEASED, KIND), new SchemaObject.EnumType("plot_kind",
                List.of("field", "glasshouse")));
        CompatibilityBreak only = single(ReleaseCompatibility.breaks(RELEASED, head));
        assertEquals("removed-enum-label", only.rule());
        assertEquals("plot_kind", only.table());
        assertEquals("enum type plot_kind lost label 'greenhouse' (removed or renamed); the running release may"
                + " write it.", only.fact());
    }

    @Test
    void aDroppedAndAReSignaturedFunction() {
        CompatibilityBreak dropped = single(ReleaseCompatibility.breaks(RELEASED, without(RELEASED, AREA)));
        assertEquals("dropped-function", dropped.rule());
        assertEquals("plot_area", dropped.table());
        assertEquals("function plot_area(integer) is gone; the running release may call it.", dropped.fact());

        SchemaSnapshot head = with(without(RELEASED, AREA), new SchemaObject.Function("plot_area(bigint)", "..."));
        assertEquals("function plot_area(integer) is gone, now plot_area(bigint) (other arguments); the running"
                + " release may call it with the old ones.",
                single(ReleaseCompatibility.breaks(RELEASED, head)).fact());
    }

    @Test
    void aDroppedView() {
        CompatibilityBreak only = single(ReleaseCompatibility.breaks(RELEASED, without(RELEASED, BIG_PLOTS)));
        assertEquals("dropped-view", only.rule());
        assertEquals("view big_plots is gone (dropped or renamed); the running release may read it.", only.fact());
    }

    @AcceptHazard(rule = "dropped-column", table = "plots", reason = "no release since 2.1 reads plots.note")
    static class V21AcceptsTheDrop {
    }

    @Test
    void eachBreakIsAttributedToTheFirstMigrationThatShowsIt() {
        SchemaSnapshot v21 = without(RELEASED, NOTE);                                       // drops plots.note
        SchemaSnapshot v22 = with(v21, column("area", 4, "numeric", false, null));         // harmless
        SchemaSnapshot v23 = with(without(v22, CODE), column("code", 2, "character varying(10)", true, null),
                column("owner", 5, "text", true, null));                                    // narrows, adds NOT NULL
        List<ReleaseCompatibility.AfterUp> newer = List.of(new ReleaseCompatibility.AfterUp("21", v21),
                new ReleaseCompatibility.AfterUp("22", v22), new ReleaseCompatibility.AfterUp("23", v23));

        List<Finding> findings = ReleaseCompatibility.findings(RELEASED, newer,
                version -> version.equals("21") ? Acceptances.of(V21AcceptsTheDrop.class) : Acceptances.none(),
                version -> false);

        assertEquals(List.of("21 dropped-column", "23 changed-type", "23 new-not-null-column"),
                findings.stream().map(f -> f.version() + " " + f.rule()).toList());
        assertEquals(Optional.of("no release since 2.1 reads plots.note"), findings.get(0).accepted());
        assertFalse(findings.get(0).blocking());
        assertTrue(findings.get(1).blocking());
        assertEquals(Finding.Direction.UP, findings.get(1).direction());
        assertEquals("", findings.get(1).statement());
    }

    @Test
    void aBreakUndoneByALaterMigrationIsNoFinding() {
        SchemaSnapshot v21 = without(RELEASED, NOTE);
        List<Finding> findings = ReleaseCompatibility.findings(RELEASED, List.of(
                new ReleaseCompatibility.AfterUp("21", v21), new ReleaseCompatibility.AfterUp("22", RELEASED)),
                version -> Acceptances.none(), version -> false);
        assertEquals(List.of(), findings);
    }

    @Test
    void aReleasedMigrationsFindingIsInformationOnly() {
        List<Finding> findings = ReleaseCompatibility.findings(RELEASED, List.of(
                new ReleaseCompatibility.AfterUp("21", without(RELEASED, NOTE))),
                version -> Acceptances.none(), version -> version.equals("21"));
        assertTrue(single(findings).released());
        assertFalse(single(findings).blocking());
    }

    private static SchemaObject.Column column(String name, int position, String type, boolean notNull,
            String defaultValue) {
        return new SchemaObject.Column("plots", name, position, type, notNull, defaultValue, null, null, null);
    }

    private static SchemaSnapshot snapshot(SchemaObject... objects) {
        return new SchemaSnapshot("public", Arrays.asList(objects));
    }

    private static SchemaSnapshot with(SchemaSnapshot snapshot, SchemaObject... added) {
        List<SchemaObject> objects = new ArrayList<>(snapshot.objects());
        objects.addAll(Arrays.asList(added));
        return new SchemaSnapshot("public", objects);
    }

    private static SchemaSnapshot without(SchemaSnapshot snapshot, SchemaObject removed) {
        return new SchemaSnapshot("public", snapshot.objects().stream().filter(o -> !o.equals(removed)).toList());
    }

    private static <T> T single(List<T> items) {
        assertEquals(1, items.size(), items.toString());
        return items.get(0);
    }
}
