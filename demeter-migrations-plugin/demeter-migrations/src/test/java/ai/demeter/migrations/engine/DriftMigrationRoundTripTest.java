package ai.demeter.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterException;
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
    void anEnumLabelAddedInTheMiddleIsReproducedAndMakesTheMigrationIrreversible() throws Exception {
        DatabaseTarget drifted = migratedChain();
        execute(drifted, List.of("alter type plot_state add value 'ploughed' before 'sown'",
                "alter type plot_state add value 'rested'",
                "alter table plots alter column outline type geometry(MultiPolygon,4326) using ST_Multi(outline)"));
        SchemaDrift drift = engine(drifted, getClass().getClassLoader()).drift(this::throwaways);

        Path file = MigrationScaffold.writeDrift(migrationFolder(), PACKAGE, "Ploughed plots", drift).orElseThrow();
        String source = Files.readString(file);
        assertTrue(source.contains("db.execute(\"ALTER TYPE plot_state ADD VALUE 'ploughed' BEFORE 'sown'\");"), source);
        assertTrue(source.contains("db.alterType(name(\"plot_state\")).addValue(\"rested\").execute();"), source);

        try (URLClassLoader migrations = compile(file)) {
            DatabaseTarget fresh = SharedCluster.newDatabase();
            MigrationEngine engine = engine(fresh, migrations);
            engine.migrate(new MigrateTarget.Head());
            assertEquals(List.of(), CatalogSnapshots.of(drifted).differences(CatalogSnapshots.of(fresh)));

            DemeterException refused = assertThrows(DemeterException.class,
                    () -> engine.rollback(new RollbackRequest.Steps(1), RollbackOptions.defaults()));
            assertTrue(refused.getMessage().contains("V2__ploughed_plots cannot be rolled back. It adds 'ploughed',"
                    + " 'rested' to enum type plot_state, and PostgreSQL cannot drop an enum label."),
                    refused.getMessage());
            assertEquals("2", engine.current().currentVersion(), "refused while planning: nothing undone");
        }
    }

    @Test
    void noDriftWritesNothing() throws Exception {
        DatabaseTarget target = migratedChain();
        SchemaDrift drift = engine(target, getClass().getClassLoader()).drift(this::throwaways);
        assertEquals(Optional.empty(), MigrationScaffold.writeDrift(sources, PACKAGE, "schema drift", drift));
        assertFalse(Files.exists(sources.resolve("V2__schema_drift.java")));
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
