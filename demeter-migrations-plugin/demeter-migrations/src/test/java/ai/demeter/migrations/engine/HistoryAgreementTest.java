package ai.demeter.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.testing.SharedCluster;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is decided without Flyway: a history that agrees with the code in every row (the no-op cases), and one that
 * holds exactly the oldest migrations of the code (migrate runs the rest); every other history goes to Flyway, whose
 * answers the engine then gives as before.
 */
class HistoryAgreementTest {
    private static final String FOLDER = "ai/demeter/migrations/engine/fixtures/chain";

    @TempDir
    Path work;

    private static EngineSettings settings(DatabaseTarget target, ClassLoader loader) {
        return new EngineSettings(target, loader, List.of("classpath:" + FOLDER), EngineSettings.DEFAULT_SCHEMA,
                EngineSettings.DEFAULT_HISTORY_TABLE);
    }

    private static Optional<HistoryAgreement.Agreed> check(DatabaseTarget target) throws Exception {
        return check(target, HistoryAgreementTest.class.getClassLoader());
    }

    private static Optional<HistoryAgreement.Agreed> check(DatabaseTarget target, ClassLoader loader) throws Exception {
        try (Connection connection = Connections.open(target)) {
            return HistoryAgreement.read(connection, settings(target, loader), MigrationListener.SILENT)
                    .flatMap(HistoryAgreement.Prefix::agreed);
        }
    }

    private static Optional<HistoryAgreement.Prefix> read(DatabaseTarget target) throws Exception {
        return read(target, HistoryAgreementTest.class.getClassLoader());
    }

    private static Optional<HistoryAgreement.Prefix> read(DatabaseTarget target, ClassLoader loader) throws Exception {
        try (Connection connection = Connections.open(target)) {
            return HistoryAgreement.read(connection, settings(target, loader), MigrationListener.SILENT);
        }
    }

    private static DatabaseTarget atHead() {
        DatabaseTarget target = SharedCluster.newDatabase();
        new MigrationEngine(settings(target, HistoryAgreementTest.class.getClassLoader()), MigrationListener.SILENT)
                .migrate(new MigrateTarget.Head());
        return target;
    }

    private static void sql(DatabaseTarget target, String statement) throws Exception {
        try (Connection connection = Connections.open(target)) {
            connection.createStatement().execute(statement);
        }
    }

    @Test
    void aDatabaseAtHeadAgreesAndSaysWhatFlywaySays() throws Exception {
        DatabaseTarget target = atHead();
        HistoryAgreement.Agreed agreed = check(target).orElseThrow();
        assertEquals(new DatabaseState("3", "index plot outline", List.of()), agreed.state());
        assertEquals(3, agreed.versions().size());
        MigrationEngine engine = new MigrationEngine(settings(target, getClass().getClassLoader()),
                MigrationListener.SILENT);
        assertEquals(agreed.state(), engine.current());
        assertEquals(List.of(), engine.validate());
        assertEquals(0, engine.migrate(new MigrateTarget.Head()).applied());
        assertEquals(0, engine.migrate(MigrateTarget.parse("2")).applied());
    }

    @Test
    void aHistoryHoldingTheOldestMigrationsLeavesTheRestPendingAndMigrateRunsThemWithoutFlyway() throws Exception {
        DatabaseTarget target = SharedCluster.newDatabase();
        assertTrue(check(target).isEmpty(), "nothing applied: no agreement on a current version");
        HistoryAgreement.Prefix empty = read(target).orElseThrow();
        assertEquals(0, empty.applied());
        assertFalse(empty.historyExists());
        assertEquals(3, empty.pending().size());

        RecordingListener listener = new RecordingListener();
        new MigrationEngine(settings(target, getClass().getClassLoader()), listener).migrate(MigrateTarget.parse("2"));
        assertTrue(listener.debugs.stream().anyMatch(line -> line.contains("planning without Flyway")),
                listener.debugs.toString());
        assertTrue(listener.debugs.stream().noneMatch(line -> line.startsWith("flyway:")),
                "Flyway neither configured, connected nor scanned: " + listener.debugs);
        HistoryAgreement.Prefix behind = read(target).orElseThrow();
        assertEquals(2, behind.applied());
        assertEquals(new DatabaseState("2", "add plot outline", List.of(
                new DatabaseState.PendingMigration("3", "index plot outline"))), behind.state());
        assertTrue(check(target).isEmpty(), "V3 pending");

        MigrationEngine engine = new MigrationEngine(settings(target, getClass().getClassLoader()),
                MigrationListener.SILENT);
        assertEquals(behind.state(), engine.current());
        assertEquals(List.of(), engine.validate(), "pending migrations are no problem");
        assertEquals(1, engine.migrate(new MigrateTarget.Head()).applied());
        assertTrue(check(target).isPresent());
        // Flyway reads the rows written from the agreement as its own, and finds nothing to refuse.
        Flyway flyway = Flyway.configure(getClass().getClassLoader())
                .dataSource(target.url(), target.user(), target.password()).locations("classpath:" + FOLDER).load();
        assertTrue(flyway.validateWithResult().validationSuccessful);
        assertEquals(0, flyway.info().pending().length);
    }

    @Test
    void aRollbackPlansFromTheAgreementToo() throws Exception {
        DatabaseTarget target = atHead();
        RecordingListener listener = new RecordingListener();
        MigrationEngine engine = new MigrationEngine(settings(target, getClass().getClassLoader()), listener);
        assertEquals("2", engine.rollback(new RollbackRequest.Steps(1), RollbackOptions.defaults()).plan()
                .resultingVersion());
        assertTrue(listener.debugs.stream().anyMatch(line -> line.contains("planning without Flyway")),
                listener.debugs.toString());
        assertTrue(listener.debugs.stream().noneMatch(line -> line.startsWith("flyway:")),
                "Flyway not started: " + listener.debugs);
        HistoryAgreement.Prefix after = read(target).orElseThrow();
        assertEquals(2, after.applied(), "V3 undone, its row gone");
    }

    @Test
    void everyRowThatDiffersFromTheCodeIsLeftToFlyway() throws Exception {
        List<String> changes = List.of(
                "update flyway_schema_history set checksum = checksum + 1 where version = '2'",
                "update flyway_schema_history set description = 'outline' where version = '2'",
                "update flyway_schema_history set success = false where version = '3'",
                "update flyway_schema_history set type = 'BASELINE' where version = '1'",
                "update flyway_schema_history set checksum = null where version = '1'",
                "insert into flyway_schema_history values (4, '4', 'from another branch', 'JDBC', 'V4', 1, 'me',"
                        + " now(), 1, true)",
                "delete from flyway_schema_history where version = '2'");
        for (String change : changes) {
            DatabaseTarget target = atHead();
            sql(target, change);
            assertTrue(check(target).isEmpty(), change);
            assertTrue(read(target).isEmpty(), "not the oldest part of the code either: " + change);
        }
        DatabaseTarget edited = atHead();
        sql(edited, changes.get(0));
        List<String> problems = new MigrationEngine(settings(edited, getClass().getClassLoader()),
                MigrationListener.SILENT).validate();
        assertTrue(problems.size() == 1 && problems.get(0).toLowerCase().contains("checksum"), problems.toString());
    }

    @Test
    void aRunHoldingTheMigrationLockIsLeftToFlyway() throws Exception {
        DatabaseTarget target = atHead();
        long key = settings(target, getClass().getClassLoader()).history().lockKey();
        try (Connection holder = Connections.open(target)) {
            holder.createStatement().execute("select pg_advisory_lock(" + key + ")");
            assertTrue(check(target).isEmpty());
            holder.createStatement().execute("select pg_advisory_unlock(" + key + ")");
            assertTrue(check(target).isPresent());
        }
    }

    @Test
    void aLocationHoldingMoreThanMigrationClassesIsLeftToFlyway() throws Exception {
        DatabaseTarget target = atHead();
        Path folder = Files.createDirectories(work.resolve(FOLDER));
        Files.writeString(folder.resolve("V4__seed_plots.sql"), "insert into plots values (1, 'A1');\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {work.toUri().toURL()}, getClass().getClassLoader())) {
            assertTrue(check(target, loader).isEmpty());
        }
        Files.delete(folder.resolve("V4__seed_plots.sql"));
        Files.createDirectories(folder.resolve("more"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {work.toUri().toURL()}, getClass().getClassLoader())) {
            assertTrue(check(target, loader).isEmpty());
        }
    }

    @Test
    void migrationsInAJarArePlannedWithoutFlywayToo() throws Exception {
        // The runnable migrations jar and applications carry their migrations in a jar, not a folder.
        Path jar = work.resolve("migrations.jar");
        Path classes = Path.of(HistoryAgreementTest.class.getResource("/" + FOLDER).toURI());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.list(classes)) {
            out.putNextEntry(new JarEntry(FOLDER + "/"));
            for (Path file : files.sorted().toList()) {
                out.putNextEntry(new JarEntry(FOLDER + "/" + file.getFileName()));
                out.write(Files.readAllBytes(file));
            }
        }
        DatabaseTarget target = SharedCluster.newDatabase();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                new WithoutFolder(getClass().getClassLoader()))) {
            MigrationEngine engine = new MigrationEngine(settings(target, loader), MigrationListener.SILENT);
            assertEquals(2, engine.migrate(MigrateTarget.parse("2")).applied()); // renders the jar's classes
            assertEquals(2, read(target, loader).orElseThrow().applied());

            RecordingListener listener = new RecordingListener();
            assertEquals(1, new MigrationEngine(settings(target, loader), listener)
                    .migrate(new MigrateTarget.Head()).applied());
            assertTrue(listener.debugs.stream().anyMatch(line -> line.contains("planning without Flyway")),
                    listener.debugs.toString());
            assertTrue(check(target, loader).isPresent());
        }

        Path withSubfolder = work.resolve("with-subfolder.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(withSubfolder))) {
            out.putNextEntry(new JarEntry(FOLDER + "/"));
            out.putNextEntry(new JarEntry(FOLDER + "/more/V4__seed_plots.sql"));
            out.write("insert into plots values (1, 'A1');\n".getBytes(StandardCharsets.UTF_8));
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL(), withSubfolder.toUri().toURL()},
                new WithoutFolder(getClass().getClassLoader()))) {
            assertTrue(MigrationScan.onlyClasses(loader, FOLDER).isEmpty(), "a subfolder Flyway would scan");
        }
    }

    /** Hides the fixture chain's folder and classes, so that a loader over a jar of them finds only the jar's. */
    private static final class WithoutFolder extends ClassLoader {
        WithoutFolder(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith(FOLDER.replace('/', '.') + ".")) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return name.startsWith(FOLDER) ? Collections.emptyEnumeration() : super.getResources(name);
        }

        @Override
        public URL getResource(String name) {
            return name.startsWith(FOLDER) ? null : super.getResource(name);
        }
    }
}
