package ai.demeter.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterMigration;
import ai.demeter.migrations.api.RenderedMigrations;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.testing.SharedCluster;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renderings packaged with a module's classes: a new class loader over the same classes knows every checksum (and
 * down) without rendering, and one over edited classes ignores the file, so validation still sees the edit.
 */
class PackagedRenderingsTest {
    private static final String PACKAGE = "packaged.chain";
    private static final List<String> LOCATIONS = List.of("classpath:packaged/chain");

    @TempDir
    Path work;

    @Test
    void aNewClassLoaderOverTheSameClassesKnowsEveryRenderingWithoutRendering() throws Exception {
        Path classes = compile(bedsChain("notes"));
        try (URLClassLoader build = loader(classes)) {
            PackagedRenderings.Written written = PackagedRenderings.write(classes, build, LOCATIONS);
            assertEquals(2, written.migrations());
            assertEquals(classes.resolve(PackagedRenderings.RESOURCE), written.file());
        }

        try (URLClassLoader run = loader(classes)) {
            RecordingListener listener = new RecordingListener();
            ChecksumCache.NONE.prime(run, listener);
            assertTrue(listener.debugs.stream().anyMatch(line -> line.contains(": 2 checksums (checked in ")),
                    listener.debugs.toString());
            Class<?> notes = run.loadClass(PACKAGE + ".V2__add_bed_notes");
            assertEquals(List.of("alter table \"beds\" add \"notes\" text"),
                    RenderedMigrations.known(notes).orElseThrow().statements());
            DemeterMigration fresh = (DemeterMigration) notes.getConstructor().newInstance();
            assertEquals(RenderedMigrations.render(fresh), RenderedMigrations.known(notes).orElseThrow(),
                    "what the file says is what rendering gives");
            Map<String, RenderedMigrations.Rendering> downs = RenderedMigrations.knownDownsIn(run);
            assertEquals(List.of("drop table \"beds\""), downs.get(PACKAGE + ".V1__create_beds").statements());
            assertEquals(List.of("alter table \"beds\" drop \"notes\""),
                    downs.get(PACKAGE + ".V2__add_bed_notes").statements());
        }
    }

    @Test
    void classesEditedAfterPackagingAreRenderedAndTheEditIsReported() throws Exception {
        Path classes = compile(bedsChain("notes"));
        DatabaseTarget database = SharedCluster.newDatabase();
        try (URLClassLoader build = loader(classes)) {
            PackagedRenderings.write(classes, build, LOCATIONS);
            assertEquals(2, engine(database, build).migrate(new MigrateTarget.Head()).applied());
        }

        // V2 edited and compiled over the packaged classes; the file from before stays.
        compileInto(classes, bedsChain("remarks"));
        try (URLClassLoader edited = loader(classes)) {
            assertPackagedRenderingsUnused(edited, "V2__add_bed_notes");

            List<String> problems = engine(database, edited).validate();
            assertEquals(1, problems.size(), problems.toString());
            assertTrue(problems.get(0).toLowerCase().contains("checksum mismatch for migration version 2"),
                    problems.get(0));
        }
    }

    @Test
    void aResourceChangedAfterPackagingMakesTheFileUnused() throws Exception {
        Path classes = compile(bedsChain("notes"));
        Path seed = classes.resolve("packaged/chain/seed.sql");
        Files.writeString(seed, "insert into beds values (1);\n");
        try (URLClassLoader build = loader(classes)) {
            PackagedRenderings.write(classes, build, LOCATIONS);
        }
        // A migration may read its module's resources while it renders: they are fingerprinted as classes are.
        Files.writeString(seed, "insert into beds values (2);\n");
        try (URLClassLoader run = loader(classes)) {
            assertPackagedRenderingsUnused(run, "V1__create_beds");
        }
    }

    /** Primes {@code loader}: it must say why it ignored the file, and know no rendering of {@code migration}. */
    private static void assertPackagedRenderingsUnused(ClassLoader loader, String migration) throws Exception {
        RecordingListener listener = new RecordingListener();
        ChecksumCache.NONE.prime(loader, listener);
        assertTrue(listener.debugs.stream().anyMatch(line -> line.contains("not used, written for other files")),
                listener.debugs.toString());
        assertFalse(RenderedMigrations.known(loader.loadClass(PACKAGE + "." + migration)).isPresent());
    }

    private static MigrationEngine engine(DatabaseTarget target, ClassLoader loader) {
        return new MigrationEngine(new EngineSettings(target, loader, LOCATIONS, EngineSettings.DEFAULT_SCHEMA,
                EngineSettings.DEFAULT_HISTORY_TABLE), MigrationListener.SILENT);
    }

    /** Two migrations: a table, then a column named {@code column}. */
    private static Map<String, String> bedsChain(String column) {
        String header = "package " + PACKAGE + ";\n"
                + "import static org.jooq.impl.DSL.name;\n"
                + "import ai.demeter.migrations.api.DemeterMigration;\n"
                + "import org.jooq.DSLContext;\n"
                + "import org.jooq.impl.SQLDataType;\n";
        return Map.of(
                "V1__create_beds", header + "public class V1__create_beds extends DemeterMigration {\n"
                        + "  @Override protected void up(DSLContext db) {\n"
                        + "    db.createTable(name(\"beds\")).column(name(\"bed_id\"), SQLDataType.INTEGER)"
                        + ".execute();\n"
                        + "  }\n"
                        + "  @Override protected void down(DSLContext db) { db.dropTable(name(\"beds\")).execute(); }\n"
                        + "}\n",
                "V2__add_bed_notes", header + "public class V2__add_bed_notes extends DemeterMigration {\n"
                        + "  @Override protected void up(DSLContext db) {\n"
                        + "    db.alterTable(name(\"beds\")).addColumn(name(\"" + column + "\"), SQLDataType.CLOB)"
                        + ".execute();\n"
                        + "  }\n"
                        + "  @Override protected void down(DSLContext db) {\n"
                        + "    db.alterTable(name(\"beds\")).dropColumn(name(\"" + column + "\")).execute();\n"
                        + "  }\n"
                        + "}\n");
    }

    private Path compile(Map<String, String> sources) throws IOException {
        Path classes = Files.createDirectories(work.resolve("classes"));
        compileInto(classes, sources);
        return classes;
    }

    private void compileInto(Path classes, Map<String, String> sources) throws IOException {
        Path folder = Files.createDirectories(work.resolve("src").resolve(PACKAGE.replace('.', '/')));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Files.writeString(folder.resolve(source.getKey() + ".java"), source.getValue(), StandardCharsets.UTF_8);
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8);
                var listing = Files.list(folder)) {
            boolean compiled = compiler.getTask(null, files, diagnostics,
                    List.of("-classpath", System.getProperty("java.class.path"), "-d", classes.toString()), null,
                    files.getJavaFileObjectsFromPaths(listing.toList())).call();
            assertTrue(compiled, diagnostics.getDiagnostics().toString());
        }
    }

    private URLClassLoader loader(Path classes) throws IOException {
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
    }
}
