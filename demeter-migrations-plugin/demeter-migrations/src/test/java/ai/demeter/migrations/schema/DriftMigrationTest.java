package ai.demeter.migrations.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The generated up and down for single facts, from hand-made snapshots: no database. */
class DriftMigrationTest {
    private static final SchemaObject.Table PLOTS = new SchemaObject.Table("plots", null, false);
    private static final SchemaObject.Column ID = column("plot_id", 1, "integer", true, null);

    @Test
    void anAddedColumnIsAddedWithTypeNullabilityAndDefaultAndDroppedOnTheWayDown() {
        DriftMigration.Step step = single(List.of(PLOTS, ID),
                List.of(PLOTS, ID, column("code", 2, "character varying(20)", true, "'new'::character varying")));
        assertEquals(List.of("db.alterTable(name(\"plots\")).add(field(name(\"code\"), SQLDataType.VARCHAR(20)"
                + ".nullable(false).defaultValue(field(\"'new'::character varying\", SQLDataType.VARCHAR(20)))))"
                + ".execute();"), step.up());
        assertEquals(List.of("db.alterTable(name(\"plots\")).drop(name(\"code\")).execute();"), step.down());
        assertEquals(false, step.review());
    }

    @Test
    void aDroppedGistIndexIsDroppedAndCreatedAgainInPlainSqlForReview() {
        SchemaObject.Index gist = new SchemaObject.Index("plots", "idx_plots_outline",
                "CREATE INDEX idx_plots_outline ON public.plots USING gist (outline)");
        DriftMigration.Step step = single(List.of(PLOTS, ID, gist), List.of(PLOTS, ID));
        assertEquals(List.of("db.dropIndex(name(\"idx_plots_outline\")).execute();"), step.up());
        assertEquals(List.of("// review: plain SQL (jOOQ's DSL has no USING gist)",
                "db.execute(\"CREATE INDEX idx_plots_outline ON plots USING gist (outline)\");"), step.down());
        assertTrue(step.review());
    }

    @Test
    void aBtreeIndexIsWrittenInTheDsl() {
        SchemaObject.Index unique = new SchemaObject.Index("plots", "idx_plots_id",
                "CREATE UNIQUE INDEX idx_plots_id ON public.plots USING btree (plot_id)");
        assertEquals(List.of("db.createUniqueIndex(name(\"idx_plots_id\")).on(name(\"plots\"), name(\"plot_id\"))"
                + ".execute();"), single(List.of(PLOTS, ID), List.of(PLOTS, ID, unique)).up());
    }

    @Test
    void aGeometryTypeChangeConvertsWithUsingBothWays() {
        SchemaObject.Column point = column("marker", 2, "geometry(Point,4326)", false, null);
        SchemaObject.Column pointZ = column("marker", 2, "geometry(PointZ,3857)", false, null);
        DriftMigration.Step step = single(List.of(PLOTS, ID, point), List.of(PLOTS, ID, pointZ));
        assertEquals("db.execute(\"ALTER TABLE plots ALTER COLUMN marker TYPE geometry(PointZ,3857)"
                + " USING ST_SetSRID(ST_Force3DZ(marker), 3857)\");", step.up().get(1));
        assertTrue(step.up().get(0).contains("use ST_Transform(marker, 3857) to convert them"), step.up().get(0));
        assertEquals("db.execute(\"ALTER TABLE plots ALTER COLUMN marker TYPE geometry(Point,4326)"
                + " USING ST_SetSRID(ST_Force2D(marker), 4326)\");", step.down().get(1));
        assertEquals("ST_Multi(outline)", DriftMigration.spatialConversion(
                column("outline", 2, "geometry(Polygon,4326)", false, null),
                column("outline", 2, "geometry(MultiPolygon,4326)", false, null)));
    }

    @Test
    void nullabilityAndDefaultChangesAlterTheColumn() {
        List<DriftMigration.Step> steps = DriftMigration.between(snapshot(PLOTS, ID, column("code", 2, "text", true, "'x'::text")),
                snapshot(PLOTS, ID, column("code", 2, "text", false, null))).steps();
        assertEquals(List.of("db.alterTable(name(\"plots\")).alter(name(\"code\")).dropNotNull().execute();"),
                steps.get(0).up());
        assertEquals(List.of("db.alterTable(name(\"plots\")).alter(name(\"code\")).setNotNull().execute();"),
                steps.get(0).down());
        assertEquals(List.of("db.alterTable(name(\"plots\")).alter(name(\"code\")).dropDefault().execute();"),
                steps.get(1).up());
        assertEquals(List.of("db.alterTable(name(\"plots\")).alter(name(\"code\")).setDefault(field(\"'x'::text\"))"
                + ".execute();"), steps.get(1).down());
    }

    @Test
    void anEnumLabelAddedInTheMiddleIsAddedBeforeItsSuccessorAndCannotBeUndone() {
        DriftMigration migration = DriftMigration.between(
                snapshot(new SchemaObject.EnumType("plot_state", List.of("fallow", "sown"))),
                snapshot(new SchemaObject.EnumType("plot_state", List.of("fallow", "ploughed", "sown", "harvested"))));
        DriftMigration.Step step = migration.steps().get(0);
        assertTrue(step.up().contains("db.execute(\"ALTER TYPE plot_state ADD VALUE 'ploughed' BEFORE 'sown'\");"),
                step.up().toString());
        assertTrue(step.up().contains("db.alterType(name(\"plot_state\")).addValue(\"harvested\").execute();"),
                step.up().toString());
        assertTrue(step.up().get(0).contains("older servers need transactional() to return false"));
        assertTrue(migration.irreversibility().orElseThrow().startsWith("It adds 'ploughed', 'harvested' to enum"
                + " type plot_state, and PostgreSQL cannot drop an enum label."), migration.irreversibility().get());
        String source = migration.source("db.migration", "V21__plot_states", "plot states", "V1-V20");
        assertTrue(source.contains("public Optional<String> irreversibilityReason() {\n        return Optional.of("
                + "\"V21__plot_states cannot be rolled back. It adds 'ploughed', 'harvested'"), source);
        assertTrue(source.contains("import java.util.Optional;"), source);
    }

    @Test
    void aRenamedEnumLabelIsRenamedBack() {
        DriftMigration.Step step = single(List.of(new SchemaObject.EnumType("plot_state", List.of("fallow", "sown"))),
                List.of(new SchemaObject.EnumType("plot_state", List.of("fallow", "planted"))));
        assertEquals(List.of("db.alterType(name(\"plot_state\")).renameValue(\"sown\").to(\"planted\").execute();"),
                step.up());
        assertEquals(List.of("db.alterType(name(\"plot_state\")).renameValue(\"planted\").to(\"sown\").execute();"),
                step.down());
    }

    @Test
    void aChangedFunctionIsReplacedWithTheDatabasesTextAndTheOldTextOnTheWayDown() {
        DriftMigration.Step step = single(
                List.of(new SchemaObject.Function("touch()", "CREATE OR REPLACE FUNCTION public.touch()\n"
                        + " RETURNS trigger\n LANGUAGE plpgsql\nAS $function$ begin return new; end $function$\n")),
                List.of(new SchemaObject.Function("touch()", "CREATE OR REPLACE FUNCTION public.touch()\n"
                        + " RETURNS trigger\n LANGUAGE plpgsql\nAS $function$ begin return null; end $function$\n")));
        assertEquals("db.execute(\"CREATE OR REPLACE FUNCTION public.touch()\\n\"", step.up().get(1));
        assertEquals("        + \"AS $function$ begin return null; end $function$\\n\");", step.up().get(4));
        assertEquals("        + \"AS $function$ begin return new; end $function$\\n\");", step.down().get(4));
        assertTrue(step.review());
    }

    @Test
    void constraintsAreWrittenInTheDslAndOthersInPlainSql() {
        SchemaObject.Constraint check = new SchemaObject.Constraint("plots", "ck_plots_id", "check",
                "CHECK ((plot_id > 0))");
        assertEquals(List.of("db.alterTable(name(\"plots\")).add(constraint(name(\"ck_plots_id\"))"
                + ".check(condition(\"(plot_id > 0)\"))).execute();"), single(List.of(PLOTS, ID),
                List.of(PLOTS, ID, check)).up());

        SchemaObject.Constraint foreignKey = new SchemaObject.Constraint("plots", "fk_plots_parent", "foreign key",
                "FOREIGN KEY (plot_id) REFERENCES fields(field_id) ON UPDATE CASCADE ON DELETE SET NULL");
        assertEquals(List.of("db.alterTable(name(\"plots\")).add(constraint(name(\"fk_plots_parent\"))"
                + ".foreignKey(name(\"plot_id\")).references(name(\"fields\"), name(\"field_id\"))"
                + ".onUpdateCascade().onDeleteSetNull()).execute();"),
                single(List.of(PLOTS, ID), List.of(PLOTS, ID, foreignKey)).up());

        SchemaObject.Constraint notValid = new SchemaObject.Constraint("plots", "ck_plots_id", "check",
                "CHECK ((plot_id > 0)) NOT VALID");
        DriftMigration.Step plain = single(List.of(PLOTS, ID), List.of(PLOTS, ID, notValid));
        assertEquals("db.execute(\"ALTER TABLE plots ADD CONSTRAINT ck_plots_id CHECK ((plot_id > 0)) NOT VALID\");",
                plain.up().get(1));
        assertEquals(List.of("db.alterTable(name(\"plots\")).dropConstraint(name(\"ck_plots_id\")).execute();"),
                plain.down());
    }

    @Test
    void textThatJooqWouldReadAsAPlaceholderIsPassedVerbatim() {
        SchemaObject.View view = new SchemaObject.View("codes", false, " SELECT '{0}'::text AS code;");
        DriftMigration.Step step = single(List.of(), List.of(view));
        assertEquals("db.query(\"{0}\", DSL.unquotedName(\"CREATE VIEW codes AS\\n\"", step.up().get(1));
        assertTrue(DriftMigration.between(snapshot(), snapshot(view)).source("db.migration", "V2__codes", "codes", "V1")
                .contains("import org.jooq.impl.DSL;"));
    }

    @Test
    void aColumnOrderNoMigrationCanMakeIsSaidNotHidden() {
        SchemaObject.Column code = column("code", 2, "text", false, null);
        List<DriftMigration.Step> steps = DriftMigration.between(snapshot(PLOTS, ID, code),
                snapshot(PLOTS, column("code", 1, "text", false, null), column("plot_id", 2, "integer", true, null)))
                .steps();
        assertEquals(1, steps.size(), steps.toString());
        assertTrue(steps.get(0).up().get(0).startsWith("// review: the columns of plots are in another order in the"
                + " database (code, plot_id). PostgreSQL cannot reorder columns"), steps.get(0).up().toString());
    }

    @Test
    void noDifferenceNoMigration() {
        DriftMigration migration = DriftMigration.between(snapshot(PLOTS, ID), snapshot(PLOTS, ID));
        assertTrue(migration.isEmpty());
        assertEquals(Optional.empty(), migration.irreversibility());
    }

    @Test
    void anAddedTableIsCreatedWithItsColumnsAndPrimaryKeyASerialColumnWithItsSequence() {
        SchemaObject.Table harvests = new SchemaObject.Table("harvests", null, false);
        List<SchemaObject> live = new ArrayList<>(List.of(harvests,
                column("harvests", "harvest_id", 1, "integer", true, "nextval('harvests_harvest_id_seq'::regclass)"),
                column("harvests", "weight", 2, "numeric(8,3)", false, null),
                new SchemaObject.Sequence("harvests_harvest_id_seq", "integer", 1, 1, 1, Integer.MAX_VALUE, 1, false,
                        "harvests.harvest_id"),
                new SchemaObject.Constraint("harvests", "harvests_pkey", "primary key", "PRIMARY KEY (harvest_id)"),
                new SchemaObject.Index("harvests", "harvests_pkey",
                        "CREATE UNIQUE INDEX harvests_pkey ON public.harvests USING btree (harvest_id)")));
        DriftMigration migration = DriftMigration.between(snapshot(), snapshot(live.toArray(SchemaObject[]::new)));
        assertEquals(1, migration.steps().size(), migration.toString());
        assertEquals(List.of("db.createTable(name(\"harvests\"))",
                "        .column(name(\"harvest_id\"), type(\"serial\").nullable(false))",
                "        .column(name(\"weight\"), SQLDataType.NUMERIC(8, 3))",
                "        .constraints(constraint(name(\"harvests_pkey\")).primaryKey(name(\"harvest_id\")))",
                "        .execute();"), migration.steps().get(0).up());
        assertEquals(List.of("db.dropTable(name(\"harvests\")).execute();"), migration.steps().get(0).down());
    }

    private static DriftMigration.Step single(List<SchemaObject> built, List<SchemaObject> live) {
        List<DriftMigration.Step> steps = DriftMigration.between(snapshot(built.toArray(SchemaObject[]::new)),
                snapshot(live.toArray(SchemaObject[]::new))).steps();
        assertEquals(1, steps.size(), steps.toString());
        return steps.get(0);
    }

    private static SchemaSnapshot snapshot(SchemaObject... objects) {
        return new SchemaSnapshot("public", List.of(objects));
    }

    private static SchemaObject.Column column(String name, int position, String type, boolean notNull,
            String defaultValue) {
        return column("plots", name, position, type, notNull, defaultValue);
    }

    private static SchemaObject.Column column(String table, String name, int position, String type, boolean notNull,
            String defaultValue) {
        return new SchemaObject.Column(table, name, position, type, notNull, defaultValue, null, null, null);
    }
}
