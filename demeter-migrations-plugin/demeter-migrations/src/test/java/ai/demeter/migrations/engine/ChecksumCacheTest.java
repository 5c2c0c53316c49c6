package ai.demeter.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterMigration;
import ai.demeter.migrations.api.RenderedMigrations;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.testing.SharedCluster;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checksum cache saves rendering on an unchanged module and never hides an edit: each case compiles a real
 * migration into a class directory, loads it in a fresh class loader (as each goal does), and looks at what
 * Flyway would be told.
 */
public class ChecksumCacheTest { // public: the compiled test migration counts its renders here
    /** How many times the test migration's up ran, any version of it: rendering runs up. */
    public static final AtomicInteger UPS = new AtomicInteger();

    private static final String CLASS = "db.cachetest.V1__create_stock";

    @TempDir
    Path work;

    @Test
    void anUnchangedModuleRendersNothingTheSecondTime() throws Exception {
        Path classes = compile("stock");
        Path file = work.resolve("demeter/checksums.txt");
        int first;
        try (URLClassLoader loader = loader(classes)) {
            first = checksumWithCache(file, classes, loader);
        }
        assertTrue(Files.isRegularFile(file), "the first run keeps what it computed");
        int rendered = UPS.get();
        try (URLClassLoader loader = loader(classes)) {
            assertEquals(first, checksumWithCache(file, classes, loader));
            assertEquals(rendered, UPS.get(), "a fresh loader of the same bytes renders nothing");
            assertEquals(first, RenderedMigrations.render(instance(loader)).checksum(), "the cached value is what rendering gives");
        }
    }

    @Test
    void anEditedMigrationIsRenderedAgain() throws Exception {
        Path classes = compile("stock");
        Path file = work.resolve("demeter/checksums.txt");
        int before;
        try (URLClassLoader loader = loader(classes)) {
            before = checksumWithCache(file, classes, loader);
        }
        compile("stock_items"); // same class, edited, into the same directory
        try (URLClassLoader loader = loader(classes)) {
            int rendered = UPS.get();
            int after = checksumWithCache(file, classes, loader);
            assertTrue(UPS.get() > rendered, "an edited class is rendered");
            assertNotEquals(before, after);
            assertEquals(RenderedMigrations.render(instance(loader)).checksum(), after);
        }
        try (URLClassLoader loader = loader(classes)) {
            int rendered = UPS.get();
            assertNotEquals(before, checksumWithCache(file, classes, loader));
            assertEquals(rendered, UPS.get(), "the rewritten cache serves the edited class");
        }
    }

    @Test
    void aDamagedOrForeignFileIsIgnored() throws Exception {
        Path classes = compile("stock");
        Path file = work.resolve("demeter/checksums.txt");
        int honest;
        try (URLClassLoader loader = loader(classes)) {
            honest = checksumWithCache(file, classes, loader);
        }
        List<String> lines = Files.readAllLines(file);
        // A wrong value under the right fingerprint cannot happen by itself; under another fingerprint it is ignored.
        Files.write(file, List.of(lines.get(0), "fingerprint 00", CLASS + " 1234abcd"));
        try (URLClassLoader loader = loader(classes)) {
            assertEquals(honest, checksumWithCache(file, classes, loader));
        }
        Files.writeString(file, "not a cache\n");
        try (URLClassLoader loader = loader(classes)) {
            assertEquals(honest, checksumWithCache(file, classes, loader));
        }
        try (URLClassLoader loader = loader(classes)) {
            int rendered = UPS.get();
            ChecksumCache.NONE.prime(loader, MigrationListener.SILENT);
            assertEquals(honest, instance(loader).getChecksum());
            assertTrue(UPS.get() > rendered, "without a cache, checksums are computed");
        }
    }

    @Test
    void aJarOnTheClassPathIsPartOfTheFingerprint() throws Exception {
        Path jar = Files.writeString(work.resolve("helpers.jar"), "one");
        String before = ChecksumCache.fingerprint(List.of(jar));
        assertEquals(before, ChecksumCache.fingerprint(List.of(jar)));
        Files.writeString(jar, "other");
        assertNotEquals(before, ChecksumCache.fingerprint(List.of(jar)));
    }

    /** The scenario that matters: an applied migration edited afterwards fails validation, cache or not. */
    @Test
    void validationCatchesAMigrationEditedAfterItWasAppliedAndCached() throws Exception {
        Path classes = compile("stock");
        Path file = work.resolve("demeter/checksums.txt");
        DatabaseTarget target = SharedCluster.newDatabase();
        try (URLClassLoader loader = loader(classes)) {
            MigrationEngine engine = engine(target, loader, file, classes);
            assertEquals(1, engine.migrate(new MigrateTarget.Head()).applied());
            assertEquals(List.of(), engine(target, loader, file, classes).validate());
        }
        try (URLClassLoader loader = loader(classes)) {
            assertEquals(List.of(), engine(target, loader, file, classes).validate(), "unchanged, from the cache");
        }
        compile("stock_items");
        try (URLClassLoader loader = loader(classes)) {
            List<String> problems = engine(target, loader, file, classes).validate();
            assertEquals(1, problems.size(), problems.toString());
            assertTrue(problems.get(0).startsWith("V1 (create stock): ")
                    && problems.get(0).toLowerCase().contains("checksum"), problems.get(0));
        }
    }

    private static MigrationEngine engine(DatabaseTarget target, ClassLoader loader, Path file, Path classes) {
        return new MigrationEngine(new EngineSettings(target, loader, List.of("classpath:db/cachetest"),
                EngineSettings.DEFAULT_SCHEMA, EngineSettings.DEFAULT_HISTORY_TABLE)
                .withChecksums(ChecksumCache.in(file, List.of(classes))), MigrationListener.SILENT);
    }

    /** What a goal does: prime the cache, let Flyway ask for the checksum, keep what is known. */
    private static int checksumWithCache(Path file, Path classes, ClassLoader loader) throws Exception {
        ChecksumCache cache = ChecksumCache.in(file, List.of(classes));
        cache.prime(loader, MigrationListener.SILENT);
        int checksum = instance(loader).getChecksum();
        cache.keep(loader, MigrationListener.SILENT);
        return checksum;
    }

    private static DemeterMigration instance(ClassLoader loader) throws Exception {
        return (DemeterMigration) Class.forName(CLASS, true, loader).getDeclaredConstructor().newInstance();
    }

    private URLClassLoader loader(Path classes) throws IOException {
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
    }

    /** Compiles V1__create_stock creating table {@code table} into this test's class directory. */
    private Path compile(String table) throws IOException {
        Path sources = Files.createDirectories(work.resolve("src/db/cachetest"));
        Path source = sources.resolve("V1__create_stock.java");
        Files.writeString(source, """
                package db.cachetest;

                import org.jooq.DSLContext;
                import org.jooq.impl.DSL;
                import org.jooq.impl.SQLDataType;

                public class V1__create_stock extends ai.demeter.migrations.api.DemeterMigration {
                    @Override
                    protected void up(DSLContext db) {
                        ai.demeter.migrations.engine.ChecksumCacheTest.UPS.incrementAndGet();
                        db.createTable(DSL.name("%s")).column("id", SQLDataType.BIGINT).execute();
                    }

                    @Override
                    protected void down(DSLContext db) {
                        db.dropTable(DSL.name("%s")).execute();
                    }
                }
                """.formatted(table, table));
        Path classes = Files.createDirectories(work.resolve("classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int status = compiler.run(null, null, null, "-d", classes.toString(), "-classpath",
                System.getProperty("java.class.path"), "-proc:none", source.toString());
        assertEquals(0, status, "the test migration compiles");
        return classes;
    }
}
