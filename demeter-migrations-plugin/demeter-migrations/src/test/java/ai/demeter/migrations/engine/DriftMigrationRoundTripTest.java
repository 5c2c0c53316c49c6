package ai.demeter.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.authoring.DriftMigration;
import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.database.LocalProvider;
import ai.demeter.migrations.database.PostgresInstallation;
import ai.demeter.migrations.schema.SchemaSnapshot;
import ai.demeter.migrations.testing.CatalogSnapshots;
import ai.demeter.migrations.testing.SharedCluster;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migration {@code diff} writes, end to end: a chain applied, the database changed by hand, the migration
 * generated from the drift and compiled; applied after the chain to a fresh database it builds exactly the drifted
 * schema, and its down (where it has one) builds the chain's again.
 */
class DriftMigrationRoundTripTest {
    private static final String PACKAGE = "ai.demeter.migrations.engine.fixtures.drift";
    private static final String CHAIN = "classpath:" + PACKAGE.replace('.', '/');

    /** Changes made by hand that every generated migration must reproduce and undo. */
    private static final List<String> REVERSIBLE_DRIFT = List.of(
            "alter table plots add column notes text not null default ''",
            "drop index idx_plots_outline",
            // SRID, and dimension too: the generator must write USING.
            "alter table plots alter column marker type geometry(PointZ,3857) using ST_SetSRID(ST_Force3DZ(marker), 3857)",
            "create or replace function plots_upper_code() returns trigger language plpgsql as "
                    + "$$ begin new.code = upper(trim(new.code)); return new; end $$",
            "drop trigger trg_plots_upper_code on plots",
            "create trigger trg_plots_upper_code before insert or update of code, notes on plots"
                    + " for each row execute function plots_upper_code()",
            "alter table plots add constraint ck_plots_area check (area >= 0)",
            "alter table plots alter column code drop not null",
            "alter table plots alter column state set default 'sown'",
            "create table harvests (harvest_id serial primary key, plot_id integer not null"
                    + " references plots (plot_id) on delete cascade, weight numeric(8,3), taken_on date)",
            "create index idx_harvests_plot on harvests (plot_id)",
            "alter table harvests add constraint uq_harvests_plot_day unique (plot_id, taken_on)",
            "comment on table harvests is 'What each plot gave'",
            "comment on column plots.notes is 'Free text, the grower''s'");

    @TempDir
    Path sources;

    @Test
    void theWrittenMigrationBuildsTheDriftedSchemaAndItsDownTheChainsAgain() throws Exception {
        DatabaseTarget drifted = migratedChain();
        SchemaSnapshot chain = CatalogSnapshots.of(drifted);
        execute(drifted, REVERSIBLE_DRIFT);
        SchemaDrift drift = engine(drifted, getClass().getClassLoader()).drift(this::throwaways);
        assertEquals(22, drift.facts().size(), String.join("\n", drift.facts()));
        assertTrue(drift.migrationMayBeWritten(), "every migration of the code is applied");

        Path file = MigrationScaffold.writeDrift(migrationFolder(), PACKAGE, "schema drift", drift).orElseThrow();
        assertEquals("V2__schema_drift.java", file.getFileName().toString());
        String source = Files.readString(file);
        assertTrue(source.contains("db.alterTable(name(\"plots\")).add(field(name(\"notes\"), SQLDataType.CLOB"
                + ".nullable(false).defaultValue(field(\"''::text\", SQLDataType.CLOB)))).execute();"), source);
        assertTrue(source.contains("USING ST_SetSRID(ST_Force3DZ(marker), 3857)"), source);
        assertFalse(source.contains("irreversibilityReason"), source);

        try (URLClassLoader migrations = compile(file)) {
            // The drifted database cannot apply V2 (it has the change): a second write would make V3, a copy of V2.
            SchemaDrift again = engine(drifted, migrations).drift(this::throwaways);
            assertEquals(List.of(new DatabaseState.PendingMigration("2", "schema drift")), again.pending());
            assertFalse(again.migrationMayBeWritten(), "V2 is pending");
            assertEquals(drift.facts(), again.facts(), "compared with what V1 builds, as before");

            DatabaseTarget fresh = SharedCluster.newDatabase();
            MigrationEngine engine = engine(fresh, migrations);
            assertEquals(2, engine.migrate(new MigrateTarget.Head()).applied());
            assertEquals(List.of(), CatalogSnapshots.of(drifted).differences(CatalogSnapshots.of(fresh)),
                    "chain + generated migration = the drifted database");

            engine.rollback(new RollbackRequest.Steps(1), RollbackOptions.defaults());
            assertEquals(List.of(), chain.differences(CatalogSnapshots.of(fresh)), "its down = the chain's schema");
        }
    }

    @Test
    void anEnumLabelAddedInTheMiddleIsUndoneByMakingTheTypeAgainDefaultIncluded() throws Exception {
        // plots.state has the default 'fallow'::plot_state, which the type's conversion could not cast.
        try (Written written = written("Ploughed plots", List.of(
                "alter type plot_state add value 'ploughed' before 'sown'",
                "alter type plot_state add value 'rested'",
                "alter table plots alter column outline type geometry(MultiPolygon,4326) using ST_Multi(outline)"))) {
            assertTrue(written.source().contains(
                    "db.execute(\"ALTER TYPE plot_state ADD VALUE 'ploughed' BEFORE 'sown'\");"), written.source());
            assertTrue(written.source().contains(
                    "db.alterType(name(\"plot_state\")).addValue(\"rested\").execute();"), written.source());
            assertTrue(written.source().contains("db.execute(\"ALTER TABLE plots ALTER COLUMN state DROP DEFAULT,"
                    + " ALTER COLUMN state TYPE plot_state USING state::text::plot_state, ALTER COLUMN state SET"
                    + " DEFAULT 'fallow'::plot_state\");"), written.source());
            assertFalse(written.source().contains("irreversibilityReason"), written.source());

            DatabaseTarget fresh = written.rebuilt(List.of(
                    "insert into plots (code, state, outline) values ('n1', 'sown', ST_GeomFromText("
                            + "'POLYGON((0 0, 1 0, 1 1, 0 0))', 4326))",
                    "insert into plots (code) values ('n2')"));
            assertEquals(List.of("N1 sown MULTIPOLYGON(((0 0,1 0,1 1,0 0)))", "N2 fallow null"),
                    rows(fresh, "select code || ' ' || state || ' ' || coalesce(ST_AsText(outline), 'null')"
                            + " from plots order by code"));

            execute(fresh, List.of("insert into plots (code, state) values ('n3', 'rested')"));
            MigrationEngine engine = written.engine(fresh);
            DemeterException refused = assertThrows(DemeterException.class,
                    () -> engine.rollback(new RollbackRequest.Steps(1), RollbackOptions.defaults()));
            assertTrue(refused.getMessage().contains("rested"), "a row holds the added label: " + refused.getMessage());
            assertEquals("2", engine.current().currentVersion(), "the failed down changed nothing");

            execute(fresh, List.of("update plots set state = 'sown' where state = 'rested'"));
            engine.rollback(new RollbackRequest.Steps(1), RollbackOptions.defaults());
            assertEquals(List.of(), written.chain().differences(CatalogSnapshots.of(fresh)),
                    "its down = the chain's schema, the type's labels and the column's default included");
            assertEquals(List.of("N1 sown POLYGON((0 0,1 0,1 1,0 0))", "N2 fallow null", "N3 sown null"),
                    rows(fresh, "select code || ' ' || state || ' ' || coalesce(ST_AsText(outline), 'null')"
                            + " from plots order by code"), "the down converts the rows back");
        }
    }

    @Test
    void aRenamedColumnIndexAndConstraintAreRenamedAndTheRowsKeepTheirValues() throws Exception {
        try (Written written = written("plot codes", List.of(
                "alter table plots rename column code to plot_code",
                "create or replace function plots_upper_code() returns trigger language plpgsql as "
                        + "$$ begin new.plot_code = upper(new.plot_code); return new; end $$",
                "alter index idx_plots_outline rename to idx_plots_outline_gist",
                "alter table plots rename constraint pk_plots to plots_pkey"))) {
            assertEquals(List.of("column plots.code to plot_code", "constraint plots.pk_plots to plots_pkey",
                    "index plots.idx_plots_outline to idx_plots_outline_gist"), written.migration().assumedRenames());
            String source = written.source();
            assertTrue(source.contains("        // review: assumed a rename, which keeps the rows' values: column"
                    + " plots.code is gone and plot_code is new, alike in type, nullability, default, constraints and"
                    + " comment.\n"
                    + "        // If plot_code is another column and the values of code are to be dropped, replace the"
                    + " next line with\n"
                    + "        //     db.alterTable(name(\"plots\")).add(field(name(\"plot_code\"),"
                    + " SQLDataType.VARCHAR(20).nullable(false))).execute();\n"
                    + "        //     db.alterTable(name(\"plots\")).drop(name(\"code\")).execute();\n"
                    + "        // and down()'s rename with the reverse (add code, drop plot_code).\n"
                    + "        db.alterTable(name(\"plots\")).renameColumn(name(\"code\")).to(name(\"plot_code\"))"
                    + ".execute();\n"), source);
            assertTrue(source.contains("db.alterTable(name(\"plots\")).renameColumn(name(\"plot_code\"))"
                    + ".to(name(\"code\")).execute();"), source);
            assertTrue(source.contains("db.alterTable(name(\"plots\")).renameConstraint(name(\"pk_plots\"))"
                    + ".to(name(\"plots_pkey\")).execute();"), source);
            assertTrue(source.contains("db.alterIndex(name(\"idx_plots_outline\")).renameTo(name("
                    + "\"idx_plots_outline_gist\")).execute();"), source);
            assertEquals(List.of(), source.lines().map(String::strip).filter(line -> line.startsWith("db.")
                    && (line.contains(".drop(") || line.contains(".add(") || line.contains("dropIndex")
                    || line.contains("dropConstraint"))).toList(), "renamed, not dropped and added");
            // The index on code and the trigger's UPDATE OF code follow the rename: nothing to write for them.
            assertFalse(source.contains("idx_plots_code"), source);
            assertFalse(source.contains("DROP TRIGGER"), source);

            DatabaseTarget fresh = written.rebuilt(List.of("insert into plots (code, area) values ('a1', 12.5)",
                    "insert into plots (code, area) values ('b2', 7)"));
            assertEquals(List.of("1 A1 12.50", "2 B2 7.00"),
                    rows(fresh, "select plot_id || ' ' || plot_code || ' ' || area from plots order by plot_id"),
                    "renamed with the values the rows had");
            written.engine(fresh).rollback(new RollbackRequest.Steps(1), RollbackOptions.defaults());
            assertEquals(List.of(), written.chain().differences(CatalogSnapshots.of(fresh)), "renamed back");
            assertEquals(List.of("1 A1 12.50", "2 B2 7.00"),
                    rows(fresh, "select plot_id || ' ' || code || ' ' || area from plots order by plot_id"),
                    "renamed back with the values");
        }
    }

    @Test
    void aRenamedTableIsRenamedWithItsRows() throws Exception {
        try (Written written = written("fields", List.of("alter table plots rename to fields"))) {
            assertEquals(List.of("table plots to fields"), written.migration().assumedRenames());
            assertTrue(written.source().contains("        // review: assumed a rename, which keeps the rows: table"
                    + " plots is gone and fields is new, with the same columns and comments.\n"), written.source());
            assertTrue(written.source().contains("        db.alterTable(name(\"plots\")).renameTo(name(\"fields\"))"
                    + ".execute();\n"), written.source());
            assertFalse(written.source().contains("        db.createTable("), written.source());

            DatabaseTarget fresh = written.rebuilt(List.of("insert into plots (code, state) values ('a1', 'sown')"));
            assertEquals(List.of("1 A1 sown"), rows(fresh, "select plot_id || ' ' || code || ' ' || state from fields"));
            written.engine(fresh).rollback(new RollbackRequest.Steps(1), RollbackOptions.defaults());
            assertEquals(List.of(), written.chain().differences(CatalogSnapshots.of(fresh)), "renamed back");
            assertEquals(List.of("1 A1 sown"), rows(fresh, "select plot_id || ' ' || code || ' ' || state from plots"));
        }
    }

    @Test
    void notNullOnAColumnWithADefaultBackfillsTheNullsFirstAndWithoutOneSaysWhatToDo() throws Exception {
        try (Written written = written("required state", List.of(
                "alter table plots alter column state set not null",
                "alter table plots alter column marker set not null"))) {
            String source = written.source();
            assertTrue(source.contains("        // Rows that hold NULL get the column's default first: SET NOT NULL"
                    + " fails on them.\n"
                    + "        db.query(\"update {0} set {1} = default where {1} is null\", name(\"plots\"),"
                    + " name(\"state\")).execute();\n"
                    + "        db.alterTable(name(\"plots\")).alter(name(\"state\")).setNotNull().execute();\n"), source);
            assertTrue(source.contains("        // review: SET NOT NULL fails while a row of plots holds NULL in marker:"
                    + " give those rows a value first (an update before this line), or give the column a default."
                    + " Where a running release may still write NULL, verify's made-not-null rule asks for the"
                    + " change over releases: write a value always, backfill, then set NOT NULL.\n"
                    + "        db.alterTable(name(\"plots\")).alter(name(\"marker\")).setNotNull().execute();\n"),
                    source);

            // A row with NULL state, as a release before the change wrote it; every row has a marker.
            DatabaseTarget fresh = written.rebuilt(List.of(
                    "insert into plots (code, state, marker) values ('a1', null, ST_SetSRID(ST_MakePoint(1, 2), 4326))",
                    "insert into plots (code, state, marker) values ('b2', 'sown', ST_SetSRID(ST_MakePoint(3, 4), 4326))"));
            assertEquals(List.of("A1 fallow", "B2 sown"), rows(fresh, "select code || ' ' || state from plots order by code"),
                    "the NULL got the default, the other row kept its value");
            written.engine(fresh).rollback(new RollbackRequest.Steps(1), RollbackOptions.defaults());
            assertEquals(List.of(), written.chain().differences(CatalogSnapshots.of(fresh)), "nullable again");
        }
    }

    @Test
    void aGeometryTypeChangeConvertsTheRowsBothWaysAndNamesTheFunctionsThatWriteTheColumn() throws Exception {
        try (Written written = written("multi markers", List.of(
                "alter table plots alter column marker type geometry(MultiPoint,4326) using ST_Multi(marker)",
                "alter table plots alter column outline type geometry(Polygon,3857) using ST_SetSRID(outline, 3857)",
                "create function plots_marker_from_outline() returns trigger language plpgsql as "
                        + "$$ begin new.marker = ST_Multi(ST_Centroid(new.outline)); return new; end $$",
                "create trigger trg_plots_marker before insert or update of outline on plots"
                        + " for each row execute function plots_marker_from_outline()"))) {
            String source = written.source();
            assertTrue(source.contains("db.execute(\"ALTER TABLE plots ALTER COLUMN marker TYPE geometry(MultiPoint,4326)"
                    + " USING ST_Multi(marker)\");"), source);
            assertTrue(source.contains("        // review: plain SQL (jOOQ's DSL has no ALTER COLUMN ... TYPE ... USING;"
                    + " ST_GeometryN(marker, 1) keeps the first part of each multi geometry and drops the others)\n"
                    + "        db.execute(\"ALTER TABLE plots ALTER COLUMN marker TYPE geometry(Point,4326)"
                    + " USING ST_GeometryN(marker, 1)\");"), source);
            assertTrue(source.contains("db.execute(\"ALTER TABLE plots ALTER COLUMN outline TYPE geometry(Polygon,4326)"
                    + " USING ST_SetSRID(outline, 4326)\");"), source);
            assertTrue(source.contains("        // review: function plots_marker_from_outline() (run by trigger"
                    + " trg_plots_marker on plots) names marker: check that what it writes or computes there fits"
                    + " geometry(MultiPoint,4326), or it fails after this change.\n"), source);

            DatabaseTarget fresh = written.rebuilt(List.of("insert into plots (code, marker, outline) values ('a1',"
                    + " ST_GeomFromText('POINT(1 2)', 4326), ST_GeomFromText('POLYGON((0 0, 4 0, 4 4, 0 0))', 4326))"));
            assertEquals(List.of("MULTIPOINT((1 2)) 4326 POLYGON((0 0,4 0,4 4,0 0)) 3857"), rows(fresh,
                    "select ST_AsText(marker) || ' ' || ST_SRID(marker) || ' ' || ST_AsText(outline) || ' '"
                            + " || ST_SRID(outline) from plots"));
            written.engine(fresh).rollback(new RollbackRequest.Steps(1), RollbackOptions.defaults());
            assertEquals(List.of(), written.chain().differences(CatalogSnapshots.of(fresh)), "the chain's types again");
            assertEquals(List.of("POINT(1 2) 4326 POLYGON((0 0,4 0,4 4,0 0)) 4326"), rows(fresh,
                    "select ST_AsText(marker) || ' ' || ST_SRID(marker) || ' ' || ST_AsText(outline) || ' '"
                            + " || ST_SRID(outline) from plots"), "the down converts the rows back");
        }
    }

    @Test
    void noDriftWritesNothing() throws Exception {
        DatabaseTarget target = migratedChain();
        SchemaDrift drift = engine(target, getClass().getClassLoader()).drift(this::throwaways);
        assertEquals(Optional.empty(), MigrationScaffold.writeDrift(sources, PACKAGE, "schema drift", drift));
        assertFalse(Files.exists(sources.resolve("V2__schema_drift.java")));
    }

    /**
     * A migration written from drift made by hand: the chain applied to a new database, {@code drift} run on it,
     * the migration written and compiled.
     */
    private Written written(String name, List<String> drift) throws Exception {
        DatabaseTarget drifted = migratedChain();
        SchemaSnapshot chain = CatalogSnapshots.of(drifted);
        execute(drifted, drift);
        SchemaDrift measured = engine(drifted, getClass().getClassLoader()).drift(this::throwaways);
        Path file = MigrationScaffold.writeDrift(migrationFolder(), PACKAGE, name, measured).orElseThrow();
        return new Written(drifted, chain, measured.migration(), Files.readString(file), compile(file));
    }

    /**
     * @param drifted the database changed by hand
     * @param chain   its schema before, what the chain builds
     */
    private record Written(DatabaseTarget drifted, SchemaSnapshot chain, DriftMigration migration, String source,
            URLClassLoader migrations) implements AutoCloseable {
        MigrationEngine engine(DatabaseTarget target) {
            return DriftMigrationRoundTripTest.engine(target, migrations);
        }

        /** A new database: the chain, {@code rows} inserted, then the written migration; it equals the drifted one. */
        DatabaseTarget rebuilt(List<String> rows) throws SQLException {
            DatabaseTarget fresh = SharedCluster.newDatabase();
            MigrationEngine engine = engine(fresh);
            engine.migrate(new MigrateTarget.Version("1"));
            execute(fresh, rows);
            assertEquals(1, engine.migrate(new MigrateTarget.Head()).applied());
            assertEquals(List.of(), CatalogSnapshots.of(drifted).differences(CatalogSnapshots.of(fresh)),
                    "chain + written migration = the database changed by hand\n" + source);
            return fresh;
        }

        @Override
        public void close() throws IOException {
            migrations.close();
        }
    }

    /** The first column of each row, as text ({@code null} for NULL). */
    private static List<String> rows(DatabaseTarget target, String query) throws SQLException {
        try (Connection connection = Connections.open(target); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            List<String> rows = new java.util.ArrayList<>();
            while (result.next()) {
                rows.add(result.getString(1));
            }
            return rows;
        }
    }

    /** The migration package's source folder as a project has it: the chain's sources in it, so V2 comes next. */
    private Path migrationFolder() throws IOException {
        Path folder = Files.createDirectories(sources.resolve("src"));
        Files.copy(Path.of("src/test/java", PACKAGE.replace('.', '/'), "V1__create_plots.java"),
                folder.resolve("V1__create_plots.java"));
        return folder;
    }

    private DatabaseTarget migratedChain() {
        DatabaseTarget target = SharedCluster.newDatabase();
        engine(target, getClass().getClassLoader()).migrate(new MigrateTarget.Head());
        return target;
    }

    private ai.demeter.migrations.database.DatabaseProvider throwaways() {
        return LocalProvider.of(PostgresInstallation.find(System.getenv()).orElseThrow());
    }

    private static MigrationEngine engine(DatabaseTarget target, ClassLoader migrations) {
        return new MigrationEngine(new EngineSettings(target, migrations, List.of(CHAIN), EngineSettings.DEFAULT_SCHEMA,
                EngineSettings.DEFAULT_HISTORY_TABLE), MigrationListener.SILENT);
    }

    /** Compiles the generated source against the test class path; its class loader sees the chain too. */
    private URLClassLoader compile(Path source) throws IOException {
        Path classes = Files.createDirectories(sources.resolve("classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            boolean compiled = compiler.getTask(null, files, diagnostics,
                    List.of("-classpath", System.getProperty("java.class.path"), "-d", classes.toString(), "-Xlint:all",
                            "-Werror"),
                    null, files.getJavaFileObjects(source)).call();
            assertTrue(compiled, "the generated migration compiles without warnings: " + diagnostics.getDiagnostics()
                    + "\n" + Files.readString(source));
        }
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
    }

    private static void execute(DatabaseTarget target, List<String> statements) throws SQLException {
        try (Connection connection = Connections.open(target); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
