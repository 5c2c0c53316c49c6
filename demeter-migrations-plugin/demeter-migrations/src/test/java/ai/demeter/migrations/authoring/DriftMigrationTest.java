package ai.demeter.migrations.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.schema.SchemaObject;
import ai.demeter.migrations.schema.SchemaSnapshot;
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
    void aMultiGeometryGoesBackToItsFirstPart() {
        SchemaObject.Column point = column("centroid", 2, "geometry(Point,4326)", false, null);
        SchemaObject.Column multi = column("centroid", 2, "geometry(MultiPoint,4326)", false, null);
        DriftMigration.Step step = single(List.of(PLOTS, ID, point), List.of(PLOTS, ID, multi));
        assertEquals("db.execute(\"ALTER TABLE plots ALTER COLUMN centroid TYPE geometry(MultiPoint,4326)"
                + " USING ST_Multi(centroid)\");", step.up().get(1));
        assertEquals(List.of("// review: plain SQL (jOOQ's DSL has no ALTER COLUMN ... TYPE ... USING;"
                + " ST_GeometryN(centroid, 1) keeps the first part of each multi geometry and drops the others)",
                "db.execute(\"ALTER TABLE plots ALTER COLUMN centroid TYPE geometry(Point,4326)"
                + " USING ST_GeometryN(centroid, 1)\");"), step.down());
        assertEquals("centroid", SpatialTypes.conversion(multi,
                column("centroid", 2, "geometry(Geometry,4326)", false, null)), "Geometry takes a multi part as it is");
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
        assertEquals("ST_Multi(outline)", SpatialTypes.conversion(
                column("outline", 2, "geometry(Polygon,4326)", false, null),
                column("outline", 2, "geometry(MultiPolygon,4326)", false, null)));
    }

    @Test
    void nullabilityAndDefaultChangesAlterTheColumn() {
        List<DriftMigration.Step> steps = DriftMigration.between(snapshot(PLOTS, ID, column("code", 2, "text", true, "'x'::text")),
                snapshot(PLOTS, ID, column("code", 2, "text", false, null))).steps();
        assertEquals(List.of("db.alterTable(name(\"plots\")).alter(name(\"code\")).dropNotNull().execute();"),
                steps.get(0).up());
        assertEquals(List.of("// Rows that hold NULL get the column's default first: SET NOT NULL fails on them.",
                "db.query(\"update {0} set {1} = default where {1} is null\", name(\"plots\"), name(\"code\"))"
                        + ".execute();",
                "db.alterTable(name(\"plots\")).alter(name(\"code\")).setNotNull().execute();"),
                steps.get(0).down());
        assertEquals(List.of("db.alterTable(name(\"plots\")).alter(name(\"code\")).dropDefault().execute();"),
                steps.get(1).up());
        assertEquals(List.of("db.alterTable(name(\"plots\")).alter(name(\"code\")).setDefault(field(\"'x'::text\"))"
                + ".execute();"), steps.get(1).down());
    }

    @Test
    void anEnumLabelAddedInTheMiddleIsAddedBeforeItsSuccessorAndUndoneByMakingTheTypeAgain() {
        SchemaObject.EnumType before = new SchemaObject.EnumType("plot_state", List.of("fallow", "sown"));
        SchemaObject.Column state = column("state", 2, "plot_state", false, "'fallow'::plot_state");
        SchemaObject.Column history = column("history", 3, "plot_state[]", false, null);
        DriftMigration migration = DriftMigration.between(snapshot(before, PLOTS, ID, state, history), snapshot(
                new SchemaObject.EnumType("plot_state", List.of("fallow", "ploughed", "sown", "harvested")), PLOTS, ID,
                state, history));
        DriftMigration.Step step = migration.steps().get(0);
        assertTrue(step.up().contains("db.execute(\"ALTER TYPE plot_state ADD VALUE 'ploughed' BEFORE 'sown'\");"),
                step.up().toString());
        assertTrue(step.up().contains("db.alterType(name(\"plot_state\")).addValue(\"harvested\").execute();"),
                step.up().toString());
        assertTrue(step.up().get(0).contains("older servers need transactional() to return false"));
        assertEquals(List.of("db.alterType(name(\"plot_state\")).renameTo(name(\"plot_state_old\")).execute();",
                "db.createType(name(\"plot_state\")).asEnum(\"fallow\", \"sown\").execute();",
                "db.execute(\"ALTER TABLE plots ALTER COLUMN history TYPE plot_state[] USING"
                        + " history::text[]::plot_state[]\");",
                "db.execute(\"ALTER TABLE plots ALTER COLUMN state DROP DEFAULT, ALTER COLUMN state TYPE plot_state"
                        + " USING state::text::plot_state, ALTER COLUMN state SET DEFAULT 'fallow'::plot_state\");",
                "db.dropType(name(\"plot_state_old\")).execute();"), step.down().subList(1, step.down().size()));
        assertTrue(step.down().get(0).contains("A row that holds 'ploughed' or 'harvested' makes the conversion"
                + " fail"), step.down().get(0));
        assertEquals(Optional.empty(), migration.irreversibility());
    }

    @Test
    void anEnumLabelAddedToATypeAViewUsesLeavesTheRestOfTheDownToTheReader() {
        SchemaObject.View view = new SchemaObject.View("sown_plots", false,
                " SELECT plot_id FROM plots WHERE state = 'sown'::plot_state;");
        DriftMigration migration = DriftMigration.between(
                snapshot(new SchemaObject.EnumType("plot_state", List.of("fallow", "sown")), view),
                snapshot(new SchemaObject.EnumType("plot_state", List.of("fallow", "sown", "harvested")), view));
        assertTrue(migration.irreversibility().orElseThrow().startsWith("It adds 'harvested' to enum type plot_state,"
                + " and PostgreSQL cannot drop an enum label: down() makes the type again with the labels it had and"
                + " converts its columns, but the type is used by view sown_plots, which makes that fail."),
                migration.irreversibility().get());
        String source = migration.source("db.migration", "V21__plot_states", "plot states", "V1-V20");
        assertTrue(source.contains("public Optional<String> irreversibilityReason() {\n        return Optional.of("
                + "\"V21__plot_states cannot be rolled back. It adds 'harvested'"), source);
        assertTrue(source.contains("import java.util.Optional;"), source);
        assertTrue(source.contains("// review: plot_state is used by view sown_plots, which makes the conversion fail"),
                source);
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
    void notNullWithoutADefaultSaysThatRowsWithNullMustBeDealtWithFirst() {
        DriftMigration.Step step = single(List.of(PLOTS, ID, column("area", 2, "numeric", false, null)),
                List.of(PLOTS, ID, column("area", 2, "numeric", true, null)));
        assertTrue(step.up().get(0).startsWith("// review: SET NOT NULL fails while a row of plots holds NULL in"
                + " area: give those rows a value first"), step.up().get(0));
        assertTrue(step.up().get(0).contains("verify's made-not-null rule asks for the change over releases"));
        assertEquals("db.alterTable(name(\"plots\")).alter(name(\"area\")).setNotNull().execute();", step.up().get(1));
        assertEquals(List.of("db.alterTable(name(\"plots\")).alter(name(\"area\")).dropNotNull().execute();"),
                step.down());
    }

    @Test
    void notNullIsSetAfterTheDefaultItBackfillsWith() {
        List<DriftMigration.Step> steps = DriftMigration.between(
                snapshot(PLOTS, ID, column("area", 2, "numeric", false, null)),
                snapshot(PLOTS, ID, column("area", 2, "numeric", true, "0"))).steps();
        assertEquals(List.of("db.alterTable(name(\"plots\")).alter(name(\"area\")).setDefault(field(\"0\")).execute();"),
                steps.get(0).up());
        assertEquals("db.query(\"update {0} set {1} = default where {1} is null\", name(\"plots\"), name(\"area\"))"
                + ".execute();", steps.get(1).up().get(1));
    }

    @Test
    void aColumnGoneAndOneAlikeButForTheNameIsARenameWithItsConstraintIndexAndComment() {
        SchemaObject.Column code = column("code", 2, "text", true, null);
        SchemaObject.Column plotCode = column("plot_code", 2, "text", true, null);
        DriftMigration migration = DriftMigration.between(snapshot(PLOTS, ID, code,
                        new SchemaObject.Constraint("plots", "ck_plots_code", "check", "CHECK ((code <> 'code'::text))"),
                        new SchemaObject.Index("plots", "idx_plots_code",
                                "CREATE INDEX idx_plots_code ON public.plots USING btree (code) WHERE (code <> ''::text)"),
                        new SchemaObject.Comment("column plots.code", "Printed on the stake")),
                snapshot(PLOTS, ID, plotCode,
                        new SchemaObject.Constraint("plots", "ck_plots_code", "check",
                                "CHECK ((plot_code <> 'code'::text))"),
                        new SchemaObject.Index("plots", "idx_plots_code", "CREATE INDEX idx_plots_code ON public.plots"
                                + " USING btree (plot_code) WHERE (plot_code <> ''::text)"),
                        new SchemaObject.Comment("column plots.plot_code", "Printed on the stake")));
        assertEquals(List.of("column plots.code to plot_code"), migration.assumedRenames());
        assertEquals(1, migration.steps().size(), migration.toString());
        DriftMigration.Step step = migration.steps().get(0);
        assertEquals("db.alterTable(name(\"plots\")).renameColumn(name(\"code\")).to(name(\"plot_code\")).execute();",
                step.up().get(step.up().size() - 1));
        assertEquals(List.of("db.alterTable(name(\"plots\")).renameColumn(name(\"plot_code\")).to(name(\"code\"))"
                + ".execute();"), step.down());
        assertTrue(step.up().get(0).startsWith("// review: assumed a rename"), step.up().get(0));
    }

    @Test
    void aColumnGoneAndOneNewThatDifferInMoreThanTheNameAreADropAndAnAdd() {
        SchemaObject.Column code = column("code", 2, "text", false, null);
        // Another type; another comment; two candidates for one gone column.
        assertEquals(List.of(), DriftMigration.between(snapshot(PLOTS, ID, code),
                snapshot(PLOTS, ID, column("tag", 2, "character varying(20)", false, null))).assumedRenames());
        assertEquals(List.of(), DriftMigration.between(snapshot(PLOTS, ID, code, new SchemaObject.Comment(
                "column plots.code", "Printed")), snapshot(PLOTS, ID, column("tag", 2, "text", false, null),
                new SchemaObject.Comment("column plots.tag", "Painted"))).assumedRenames());
        DriftMigration twoNew = DriftMigration.between(snapshot(PLOTS, ID, code), snapshot(PLOTS, ID,
                column("tag", 2, "text", false, null), column("note", 3, "text", false, null)));
        assertEquals(List.of(), twoNew.assumedRenames());
        assertEquals(3, twoNew.steps().size(), twoNew.toString());
    }

    @Test
    void aTableIndexAndConstraintGoneWithOneAlikeButForTheNameAreRenames() {
        SchemaObject.Table fields = new SchemaObject.Table("fields", null, false);
        DriftMigration migration = DriftMigration.between(snapshot(PLOTS, ID,
                        new SchemaObject.Constraint("plots", "pk_plots", "primary key", "PRIMARY KEY (plot_id)"),
                        new SchemaObject.Index("plots", "pk_plots",
                                "CREATE UNIQUE INDEX pk_plots ON public.plots USING btree (plot_id)"),
                        new SchemaObject.Index("plots", "idx_plots_id",
                                "CREATE INDEX idx_plots_id ON public.plots USING btree (plot_id)")),
                snapshot(fields, column("fields", "plot_id", 1, "integer", true, null),
                        new SchemaObject.Constraint("fields", "fields_pkey", "primary key", "PRIMARY KEY (plot_id)"),
                        new SchemaObject.Index("fields", "fields_pkey",
                                "CREATE UNIQUE INDEX fields_pkey ON public.fields USING btree (plot_id)"),
                        new SchemaObject.Index("fields", "idx_fields_id",
                                "CREATE INDEX idx_fields_id ON public.fields USING btree (plot_id)")));
        assertEquals(List.of("table plots to fields", "constraint fields.pk_plots to fields_pkey",
                "index fields.idx_plots_id to idx_fields_id"), migration.assumedRenames());
        assertEquals(List.of("db.alterTable(name(\"plots\")).renameTo(name(\"fields\")).execute();",
                "db.alterTable(name(\"fields\")).renameConstraint(name(\"pk_plots\")).to(name(\"fields_pkey\")).execute();",
                "db.alterIndex(name(\"idx_plots_id\")).renameTo(name(\"idx_fields_id\")).execute();"),
                migration.steps().stream().map(step -> step.up().get(step.up().size() - 1)).toList());
    }

    @Test
    void aRenameChangesNamesInExpressionsButNotInLiteralsOrTypeNames() {
        assertEquals("CHECK (((plot_code <> 'code'::text) AND (\"Code\" IS NULL) AND (x::code IS NULL)))",
                AssumedRenames.identifiers("CHECK (((code <> 'code'::text) AND (\"Code\" IS NULL) AND (x::code IS NULL)))",
                        "code", "plot_code"));
        assertEquals("(new.\"Plot Code\" IS NULL)", AssumedRenames.identifiers("(new.\"Code\" IS NULL)", "Code",
                "Plot Code"));
    }

    @Test
    void theReviewCountIsTheClasssReviewLines() {
        SchemaObject.Index gist = new SchemaObject.Index("plots", "idx_plots_outline",
                "CREATE INDEX idx_plots_outline ON public.plots USING gist (outline)");
        SchemaObject.Index expression = new SchemaObject.Index("plots", "idx_plots_lower",
                "CREATE INDEX idx_plots_lower ON public.plots USING btree (lower(code))");
        DriftMigration migration = DriftMigration.between(snapshot(PLOTS, ID),
                snapshot(PLOTS, ID, gist, expression, column("area", 2, "numeric", true, null)));
        String source = migration.source("db.migration", "V2__plots", "plots", "V1");
        assertEquals(source.lines().filter(line -> line.strip().startsWith("// review")).count(),
                migration.reviewCount(), source);
        assertEquals(3, migration.reviewCount(), source);
        assertTrue(source.contains("// review: plain SQL (jOOQ's DSL cannot declare an index on expressions, with a"
                + " predicate or with options)"), source);
        assertTrue(source.contains("// review: plots.area is NOT NULL without a default: adding it fails when plots"
                + " has rows."), source);
    }

    @Test
    void aColumnIsDescribedWithWhatTheMigrationWritesForIt() {
        assertEquals("column plots.code text not null default 'x'::text",
                column("code", 2, "text", true, "'x'::text").describe());
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
