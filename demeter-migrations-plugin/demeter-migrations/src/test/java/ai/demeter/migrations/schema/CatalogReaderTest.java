package ai.demeter.migrations.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.testing.SharedCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each kind of fact a snapshot holds, read from a real catalog. */
class CatalogReaderTest {
    private static Connection connection;
    private static SchemaSnapshot snapshot;

    @BeforeAll
    static void buildSchema() throws SQLException {
        DatabaseTarget database = SharedCluster.newDatabase();
        connection = Connections.open(database);
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    create extension postgis;
                    create type plot_kind as enum ('field', 'greenhouse', 'tunnel');
                    create table farms (
                        farm_id serial constraint pk_farms primary key,
                        code varchar(20) collate "C" not null constraint uq_farms_code unique,
                        outline geometry(Polygon,4326),
                        area numeric(10,2) generated always as (ST_Area(outline::geography)) stored
                    );
                    create table plots (
                        id bigint generated always as identity primary key,
                        farm_id integer references farms on delete cascade,
                        kind plot_kind not null default 'field',
                        spot geometry(PointZ,4326),
                        size integer,
                        constraint uq_plots_kind unique (farm_id, kind) deferrable initially deferred
                    );
                    create table readings (taken date not null, value integer) partition by range (taken);
                    create unlogged table scratch (id integer);
                    alter table plots add constraint ck_plots_size check (size > 0) not valid;
                    create index idx_farms_outline on farms using gist (outline);
                    create index idx_plots_big on plots (size) where size > 100;
                    create function touch_plot() returns trigger language plpgsql as $$
                    begin
                        new.size = coalesce(new.size, 1); -- default size
                        return new;
                    end;
                    $$;
                    create trigger trg_touch_plot before insert on plots for each row execute function touch_plot();
                    create sequence plot_numbers as smallint increment by 5;
                    create view big_plots as select id, size from plots where size > 100;
                    create materialized view farm_codes as select code from farms;
                    comment on table farms is 'Farms we grow on';
                    comment on column plots.spot is 'GPS position';
                    comment on type plot_kind is 'What a plot is';
                    comment on function touch_plot() is 'Fills in defaults';
                    comment on index idx_farms_outline is 'Spatial lookups';
                    comment on constraint ck_plots_size on plots is 'Positive sizes';
                    comment on trigger trg_touch_plot on plots is 'Defaults';
                    create table flyway_schema_history (id integer primary key);
                    """);
        }
        snapshot = SchemaSnapshot.read(connection, SnapshotScope.defaults());
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    @Test
    void tablesWithPartitionKeyAndPersistenceWithoutHistoryOrPostgisTables() {
        assertEquals(List.of(new SchemaObject.Table("farms", null, false), new SchemaObject.Table("plots", null, false),
                new SchemaObject.Table("readings", "RANGE (taken)", false), new SchemaObject.Table("scratch", null, true)),
                snapshot.objects(SchemaObject.Table.class));
        assertTrue(snapshot.objects().stream().noneMatch(o -> o.name().contains("spatial_ref_sys")
                || o.name().contains("flyway_schema_history") || o.name().startsWith("geometry_columns")
                || o.name().startsWith("st_")), "extension-owned or history objects leaked in");
    }

    @Test
    void columnsWithFullTypesDefaultsGeneratedIdentityAndCollation() {
        assertEquals(new SchemaObject.Column("farms", "farm_id", 1, "integer", true,
                "nextval('farms_farm_id_seq'::regclass)", null, null, null), column("farms.farm_id"));
        assertEquals(new SchemaObject.Column("farms", "code", 2, "character varying(20)", true, null, null, null, "C"),
                column("farms.code"));
        assertEquals("geometry(Polygon,4326)", column("farms.outline").type());
        assertEquals("st_area((outline)::geography)", column("farms.area").generated());
        assertEquals("always", column("plots.id").identity());
        assertEquals("'field'::plot_kind", column("plots.kind").defaultValue());
        assertEquals("geometry(PointZ,4326)", column("plots.spot").type());
        assertFalse(column("plots.spot").notNull());
    }

    @Test
    void constraintsWithNotValidAndDeferrable() {
        assertEquals("CHECK ((size > 0)) NOT VALID", constraint("plots.ck_plots_size").definition());
        assertEquals("UNIQUE (farm_id, kind) DEFERRABLE INITIALLY DEFERRED",
                constraint("plots.uq_plots_kind").definition());
        assertEquals("FOREIGN KEY (farm_id) REFERENCES farms(farm_id) ON DELETE CASCADE",
                constraint("plots.plots_farm_id_fkey").definition());
        assertEquals("primary key", constraint("farms.pk_farms").type());
    }

    @Test
    void indexesWithMethodAndPredicate() {
        assertEquals("CREATE INDEX idx_farms_outline ON public.farms USING gist (outline)",
                ((SchemaObject.Index) find("index", "farms.idx_farms_outline")).definition());
        assertEquals("CREATE INDEX idx_plots_big ON public.plots USING btree (size) WHERE (size > 100)",
                ((SchemaObject.Index) find("index", "plots.idx_plots_big")).definition());
    }

    @Test
    void triggersAndTheirFunctionsWithBodyAndHash() {
        assertEquals("CREATE TRIGGER trg_touch_plot BEFORE INSERT ON public.plots FOR EACH ROW EXECUTE FUNCTION"
                + " touch_plot()", ((SchemaObject.Trigger) find("trigger", "plots.trg_touch_plot")).definition());
        SchemaObject.Function function = (SchemaObject.Function) find("function", "touch_plot()");
        assertTrue(function.definition().contains("new.size = coalesce(new.size, 1); -- default size"),
                function.definition());
        assertEquals(32, function.hash().length());
        assertEquals(1, snapshot.objects(SchemaObject.Function.class).size(), "PostGIS routines are left out");
    }

    @Test
    void enumTypesWithLabelsInOrder() {
        assertEquals(List.of(new SchemaObject.EnumType("plot_kind", List.of("field", "greenhouse", "tunnel"))),
                snapshot.objects(SchemaObject.EnumType.class));
    }

    @Test
    void sequencesWithTypeIncrementAndOwner() {
        SchemaObject.Sequence serial = (SchemaObject.Sequence) find("sequence", "farms_farm_id_seq");
        assertEquals("integer", serial.type());
        assertEquals("farms.farm_id", serial.ownedBy());
        SchemaObject.Sequence plain = (SchemaObject.Sequence) find("sequence", "plot_numbers");
        assertEquals("smallint", plain.type());
        assertEquals(5, plain.increment());
        assertEquals(null, plain.ownedBy());
        assertEquals("plots.id", ((SchemaObject.Sequence) find("sequence", "plots_id_seq")).ownedBy());
    }

    @Test
    void viewsAndMaterializedViews() {
        SchemaObject.View view = (SchemaObject.View) find("view", "big_plots");
        // PostgreSQL 18 leaves out the table name where the query reads one table; earlier versions print it.
        assertTrue(view.definition().matches("(?s).*WHERE (plots\\.)?size > 100.*"), view.definition());
        assertTrue(((SchemaObject.View) find("materialized view", "farm_codes")).materialized());
    }

    @Test
    void notNullIsAColumnFactOnEveryVersionAndOnlyANamedOneIsAConstraintToo() throws SQLException {
        SchemaObject.Column code = (SchemaObject.Column) find("column", "farms.code");
        assertTrue(code.notNull());
        // PostgreSQL 18 keeps a pg_constraint row per NOT NULL (farms_code_not_null); 15 keeps none. Neither shows.
        assertEquals(List.of(), snapshot.objects(SchemaObject.Constraint.class).stream()
                .filter(constraint -> constraint.type().equals("not null")).toList());
        try (Statement statement = connection.createStatement()) {
            if (connection.getMetaData().getDatabaseMajorVersion() >= 18) {
                statement.execute("begin; alter table plots add constraint size_known not null size");
                SchemaSnapshot named = SchemaSnapshot.read(connection, SnapshotScope.defaults());
                statement.execute("rollback");
                assertEquals(new SchemaObject.Constraint("plots", "size_known", "not null", "NOT NULL size"),
                        named.find("constraint", "plots.size_known").orElseThrow());
            }
        }
    }

    @Test
    void notNullConstraintsTheServerNamedAreNotFactsAlsoAfterARename() throws SQLException {
        assertTrue(CatalogReader.isDefaultNotNullName("farms_code_not_null"));
        assertTrue(CatalogReader.isDefaultNotNullName("farms_code_not_null1"));
        assertFalse(CatalogReader.isDefaultNotNullName("code_required"));
        try (Statement statement = connection.createStatement()) {
            if (connection.getMetaData().getDatabaseMajorVersion() < 18) {
                return; // no NOT NULL constraint rows before 18
            }
            // The server's name, shortened to 63 bytes, has the form; so has the old name after renames.
            String table = "photo_processing_session_detection_estimation_results";
            String column = "estimated_plant_count_after_manual_review";
            statement.execute("begin; create table " + table + " (" + column + " integer not null);"
                    + " alter table " + table + " rename column " + column + " to plant_count;"
                    + " alter table " + table + " rename to estimations");
            try (ResultSet name = statement.executeQuery("select conname from pg_constraint where conrelid ="
                    + " 'estimations'::regclass and contype = 'n'")) {
                assertTrue(name.next());
                assertEquals("photo_processing_session_de_estimated_plant_count_afte_not_null", name.getString(1));
                assertTrue(CatalogReader.isDefaultNotNullName(name.getString(1)));
            }
            SchemaSnapshot renamed = SchemaSnapshot.read(connection, SnapshotScope.defaults());
            assertEquals(List.of(), renamed.objects(SchemaObject.Constraint.class).stream()
                    .filter(constraint -> constraint.table().equals("estimations")).toList());
            assertTrue(((SchemaObject.Column) renamed.find("column", "estimations.plant_count").orElseThrow())
                    .notNull());
            statement.execute("rollback");
        }
    }

    @Test
    void extensionsWithVersions() {
        SchemaObject.Extension postgis = (SchemaObject.Extension) find("extension", "postgis");
        assertTrue(postgis.version().matches("\\d+\\.\\d+.*"), postgis.version());
        assertEquals("public", postgis.schema());
    }

    @Test
    void commentsOnEveryKindOfObject() {
        assertEquals("Farms we grow on", comment("table farms"));
        assertEquals("GPS position", comment("column plots.spot"));
        assertEquals("What a plot is", comment("type plot_kind"));
        assertEquals("Fills in defaults", comment("function touch_plot()"));
        assertEquals("Spatial lookups", comment("index idx_farms_outline"));
        assertEquals("Positive sizes", comment("constraint plots.ck_plots_size"));
        assertEquals("Defaults", comment("trigger plots.trg_touch_plot"));
    }

    @Test
    void readingTwiceGivesEqualSnapshotsAndAChangeShowsAsOneFact() throws SQLException {
        assertEquals(snapshot, SchemaSnapshot.read(connection, SnapshotScope.defaults()));
        try (Statement statement = connection.createStatement()) {
            statement.execute("begin; alter table plots alter column spot type geometry(Point,4326) using null;");
            SchemaSnapshot changed = SchemaSnapshot.read(connection, SnapshotScope.defaults());
            statement.execute("rollback");
            assertEquals(List.of("column plots.spot: type geometry(PointZ,4326) before, geometry(Point,4326) after"),
                    snapshot.differences(changed).stream().map(d -> d.describe("before", "after")).toList());
        }
    }

    private static SchemaObject find(String kind, String name) {
        return snapshot.find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in "
                + snapshot.objects().stream().map(SchemaObject::describe).toList()));
    }

    private static SchemaObject.Column column(String name) {
        return (SchemaObject.Column) find("column", name);
    }

    private static SchemaObject.Constraint constraint(String name) {
        return (SchemaObject.Constraint) find("constraint", name);
    }

    private static String comment(String target) {
        return ((SchemaObject.Comment) find("comment", "on " + target)).text();
    }
}
