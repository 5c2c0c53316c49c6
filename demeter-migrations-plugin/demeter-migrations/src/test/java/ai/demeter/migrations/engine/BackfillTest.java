package ai.demeter.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.BackfillProgress;
import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.testing.SharedCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Backfills on a real database: every row matching the condition gets its value, in many batches; the progress
 * record goes when the migration is recorded; composite keys, empty tables and conditions that match nothing;
 * rows inserted and deleted while it runs; a row lock that makes a batch wait and retry; retries exhausted, then
 * shown by current and history and resumed; rollback through the inverse; and the checks that refuse bad input
 * before anything runs.
 */
class BackfillTest {
    /** The images table with 20,000 rows (V1), then its backfill (V2); comma-separated, as the jar takes them. */
    static final String IMAGES = "classpath:ai/demeter/migrations/engine/fixtures/images,"
            + "classpath:ai/demeter/migrations/engine/fixtures/backfill";
    private static final String EMPTY = "classpath:ai/demeter/migrations/engine/fixtures/backfillempty";
    private static final String COMPOSITE = "classpath:ai/demeter/migrations/engine/fixtures/backfillcomposite";
    private static final String REFUSED = "classpath:ai/demeter/migrations/engine/fixtures/backfillrefused/";

    @AfterEach
    void clearPacing() {
        System.clearProperty("demeter.test.backfillRate");
        System.clearProperty("demeter.test.backfillLockTimeoutMs");
        System.clearProperty("demeter.test.backfillRetries");
    }

    static MigrationEngine engine(DatabaseTarget target, String locations, MigrationListener listener) {
        return engine(target, List.of(locations.split(",")), listener);
    }

    static MigrationEngine engine(DatabaseTarget target, List<String> locations, MigrationListener listener) {
        return new MigrationEngine(new EngineSettings(target, BackfillTest.class.getClassLoader(), locations,
                EngineSettings.DEFAULT_SCHEMA, EngineSettings.DEFAULT_HISTORY_TABLE), listener);
    }

    /** The refused fixture {@code name}'s V2 after the table they share ({@code backfillrefused/photos}). */
    private static List<String> refused(String name) {
        return List.of(REFUSED + "photos", REFUSED + name);
    }

    /** Another session's lock on the row {@code id} of images, held until {@code holder} rolls back. */
    private static void lockRow(Connection holder, int id) throws SQLException {
        holder.setAutoCommit(false);
        holder.createStatement().execute("select * from images where id = " + id + " for update");
    }

    @Test
    void fillsEveryMatchingRowInBatchesAndForgetsItsProgressOnceRecorded() throws SQLException {
        DatabaseTarget target = SharedCluster.newDatabase();
        RecordingListener listener = new RecordingListener();
        assertEquals(2, engine(target, IMAGES, listener).migrate(new MigrateTarget.Head()).applied());

        assertEquals(0, count(target, "select count(*) from images where kind is distinct from"
                + " case when size >= 50 then 'large' else 'small' end"), "every row has the value its size gives");
        assertEquals(0, count(target, "select count(*) from demeter_backfill_progress"),
                "the progress of a recorded migration is forgotten");
        String last = listener.infos.stream().filter(line -> line.contains("rows walked")).findFirst().orElseThrow();
        assertTrue(last.startsWith("V2 backfill of images: 20,000 rows walked, 20,000 updated, in "), last);
        int batches = Integer.parseInt(last.replaceAll(".* in ([0-9,]+) batches.*", "$1").replace(",", ""));
        assertTrue(batches >= 10, "walked in many batches of at most 2,000 rows: " + last);
        assertTrue(listener.infos.stream().anyMatch(line -> line.startsWith("up   V2 ")), listener.infos.toString());
        assertEquals(List.of(), engine(target, IMAGES, listener).validate());
    }

    @Test
    void compositeKeysEmptyTablesAndConditionsMatchingNothing() throws SQLException {
        DatabaseTarget composite = SharedCluster.newDatabase();
        MigrationEngine engine = engine(composite, COMPOSITE, MigrationListener.SILENT);
        engine.migrate(new MigrateTarget.Head());
        assertEquals(4500, count(composite, "select count(*) from stock_movements where signed_quantity = -quantity"));

        engine.rollback(new RollbackRequest.Steps(1), RollbackOptions.defaults());
        assertEquals(4500, count(composite, "select count(*) from stock_movements where signed_quantity is null"),
                "down ran the inverse over the composite key");
        engine.migrate(new MigrateTarget.Head());
        assertEquals(4500, count(composite, "select count(*) from stock_movements where signed_quantity = -quantity"),
                "up again after down starts afresh: the progress of the first up was forgotten");

        DatabaseTarget empty = SharedCluster.newDatabase();
        RecordingListener listener = new RecordingListener();
        assertEquals(2, engine(empty, EMPTY, listener).migrate(new MigrateTarget.Head()).applied());
        assertEquals(0, count(empty, "select count(*) from sized_images where kind is not null"));
        assertTrue(listener.infos.contains("V2 backfill of empty_images: 0 rows to walk over id (the table is empty),"
                + " empty_images: \"kind\" = 'x'"), listener.infos.toString());
        assertTrue(listener.infos.stream().anyMatch(line -> line.startsWith("V2 backfill of sized_images: 3,000 rows"
                + " walked, 0 updated")), listener.infos.toString());
    }

    @Test
    void rowsInsertedAndDeletedWhileItRunsAreNeitherMissedNorBroken() throws Exception {
        DatabaseTarget target = SharedCluster.newDatabase();
        engine(target, IMAGES, MigrationListener.SILENT).migrate(MigrateTarget.parse("1"));
        System.setProperty("demeter.test.backfillRate", "10000"); // two seconds for 20,000 rows
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger inserted = new AtomicInteger();
        CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
            try (Connection app = Connections.open(target); Statement statement = app.createStatement()) {
                for (int i = 0; !done.get(); i++) {
                    // New rows after the range's end, and deletions inside it, as an application would make them.
                    statement.executeUpdate("insert into images (id, size) values (" + (100_000 + i) + ", 70)");
                    inserted.incrementAndGet();
                    statement.executeUpdate("delete from images where id = " + (1 + i * 97 % 20_000));
                    Thread.sleep(5);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            engine(target, IMAGES, MigrationListener.SILENT).migrate(new MigrateTarget.Head());
        } finally {
            done.set(true);
        }
        traffic.get(30, TimeUnit.SECONDS);
        assertTrue(inserted.get() > 50, "the application wrote while the backfill ran: " + inserted.get());
        assertEquals(0, count(target, "select count(*) from images where id <= 20000 and kind is distinct from"
                + " case when size >= 50 then 'large' else 'small' end"), "every row of the fixed range is right");
        assertEquals(0, count(target, "select count(*) from images where id > 20000 and kind is distinct from 'large'"
                + " and kind is not null"), "a row inserted before the range was fixed got its value, none a wrong one");
        assertTrue(count(target, "select count(*) from images where id > 20000 and kind is null") > 0,
                "rows inserted after the range was fixed are left to what covers new rows (docs/online-migrations.md)");
    }

    @Test
    void aRowLockMakesABatchWaitRetryAndContinue() throws Exception {
        DatabaseTarget target = SharedCluster.newDatabase();
        engine(target, IMAGES, MigrationListener.SILENT).migrate(MigrateTarget.parse("1"));
        System.setProperty("demeter.test.backfillLockTimeoutMs", "100");
        RecordingListener listener = new RecordingListener();
        try (Connection holder = Connections.open(target)) {
            lockRow(holder, 10000);
            CompletableFuture<MigrateOutcome> migrate = CompletableFuture.supplyAsync(() ->
                    engine(target, IMAGES, listener).migrate(new MigrateTarget.Head()));
            Thread.sleep(1_500);
            assertFalse(migrate.isDone(), "the backfill waits for the locked row");
            assertTrue(count(target, "select rows_done from demeter_backfill_progress") >= 9_000,
                    "the batches before the locked row are committed");
            holder.rollback();
            assertEquals(1, migrate.get(60, TimeUnit.SECONDS).applied());
        }
        assertEquals(0, count(target, "select count(*) from images where kind is null"));
        String last = listener.infos.stream().filter(line -> line.contains("rows walked")).findFirst().orElseThrow();
        assertTrue(last.matches(".*; paused \\d+ times? \\(.*\\), last: a row lock or deadlock \\(55P03\\).*"), last);
    }

    @Test
    void retriesExhaustedStopItResumablyAndCurrentAndHistoryShowWhereItStands() throws Exception {
        DatabaseTarget target = SharedCluster.newDatabase();
        engine(target, IMAGES, MigrationListener.SILENT).migrate(MigrateTarget.parse("1"));
        System.setProperty("demeter.test.backfillLockTimeoutMs", "50");
        System.setProperty("demeter.test.backfillRetries", "2");
        DemeterException stopped;
        try (Connection holder = Connections.open(target)) {
            lockRow(holder, 10000);
            stopped = assertThrows(DemeterException.class,
                    () -> engine(target, IMAGES, MigrationListener.SILENT).migrate(new MigrateTarget.Head()));
        }
        String message = stopped.getMessage();
        assertTrue(message.startsWith("Migration V2 (backfill image kind) did not finish: V2 backfill of images stopped"
                + " after "), message);
        assertTrue(message.contains("(SQLSTATE 55P03). What its batches wrote is committed and recorded in"
                + " demeter_backfill_progress; run migrate again to resume after the last committed batch."), message);

        MigrationEngine engine = engine(target, IMAGES, MigrationListener.SILENT);
        assertEquals(List.of(), engine.validate(), "no failed history row to clear by hand");
        long done = count(target, "select rows_done from demeter_backfill_progress");
        assertTrue(done >= 9_000 && done < 20_000, "stopped at the locked row: " + done);
        String current = engine.currentSummary();
        assertTrue(current.endsWith(" V2 backfill of images: " + String.format("%,d", done)
                + " of 20,000 rows, resumable (migrate resumes it)."), current);
        HistoryEntry v2 = engine.history().stream().filter(e -> e.version().equals("2")).findFirst().orElseThrow();
        assertEquals("Pending (V2 backfill of images: " + String.format("%,d", done) + " of 20,000 rows, resumable)",
                v2.state());

        RecordingListener listener = new RecordingListener();
        assertEquals(1, engine(target, IMAGES, listener).migrate(new MigrateTarget.Head()).applied());
        assertTrue(listener.infos.stream().anyMatch(line -> line.startsWith("V2 backfill of images: resuming after"
                + " key (")), listener.infos.toString());
        assertEquals(0, count(target, "select count(*) from images where kind is distinct from"
                + " case when size >= 50 then 'large' else 'small' end"));
    }

    @Test
    void progressRecordedForAnotherTableIsRefusedWithTheStatementThatClearsIt() throws Exception {
        DatabaseTarget target = SharedCluster.newDatabase();
        engine(target, IMAGES, MigrationListener.SILENT).migrate(MigrateTarget.parse("1"));
        System.setProperty("demeter.test.backfillLockTimeoutMs", "50");
        System.setProperty("demeter.test.backfillRetries", "1");
        try (Connection holder = Connections.open(target)) {
            lockRow(holder, 5000);
            assertThrows(DemeterException.class,
                    () -> engine(target, IMAGES, MigrationListener.SILENT).migrate(new MigrateTarget.Head()));
        }
        try (Connection connection = Connections.open(target)) {
            // As if the stopped run had been of an earlier version of V2's code, which filled another table.
            connection.createStatement().execute("update demeter_backfill_progress set table_name = 'photos'");
        }
        DemeterException refused = assertThrows(DemeterException.class,
                () -> engine(target, IMAGES, MigrationListener.SILENT).migrate(new MigrateTarget.Head()));
        assertTrue(refused.isUserMistake());
        assertTrue(refused.getMessage().contains("V2 backfill of images: an earlier run of this step walked photos over"
                + " (id), and the migration now backfills images over (id), so its progress does not apply. To start"
                + " this step afresh: delete from \"public\".\"demeter_backfill_progress\" where version = '2';"
                + " Nothing of the backfill ran."), refused.getMessage());
        try (Connection connection = Connections.open(target)) {
            connection.createStatement().execute("delete from \"public\".\"demeter_backfill_progress\" where"
                    + " version = '2'");
        }
        assertEquals(1, engine(target, IMAGES, MigrationListener.SILENT).migrate(new MigrateTarget.Head()).applied());
        assertEquals(0, count(target, "select count(*) from images where kind is null"));
    }

    @Test
    void aRollbackWhoseInverseIsStoppedResumesOnTheNextRollback() throws Exception {
        DatabaseTarget target = SharedCluster.newDatabase();
        engine(target, IMAGES, MigrationListener.SILENT).migrate(new MigrateTarget.Head());
        System.setProperty("demeter.test.backfillLockTimeoutMs", "50");
        System.setProperty("demeter.test.backfillRetries", "1");
        DemeterException stopped;
        try (Connection holder = Connections.open(target)) {
            lockRow(holder, 15000);
            stopped = assertThrows(DemeterException.class, () -> engine(target, IMAGES, MigrationListener.SILENT)
                    .rollback(new RollbackRequest.Steps(1), RollbackOptions.defaults()));
        }
        assertTrue(stopped.getMessage().startsWith("Rolling back V2 (backfill image kind) did not finish: V2 down"
                + " backfill of images stopped after "), stopped.getMessage());
        MigrationEngine engine = engine(target, IMAGES, MigrationListener.SILENT);
        assertEquals("2", engine.current().currentVersion(), "still applied until its down completes");
        long undone = count(target, "select count(*) from images where kind is null");
        assertTrue(undone > 0 && undone < 20_000, "the inverse's committed batches stay: " + undone);

        RecordingListener listener = new RecordingListener();
        engine(target, IMAGES, listener).rollback(new RollbackRequest.Steps(1), RollbackOptions.defaults());
        assertTrue(listener.infos.stream().anyMatch(line -> line.startsWith("V2 down backfill of images: resuming"
                + " after key (")), listener.infos.toString());
        assertEquals("1", engine.current().currentVersion());
        assertEquals(20_000, count(target, "select count(*) from images where kind is null"));
        assertEquals(0, count(target, "select count(*) from demeter_backfill_progress"));
    }

    @Test
    void theOfflineScriptStopsBeforeABackfillAndSaysWhy() {
        String script = MigrationScript.render(MigrationScan.resolve(getClass().getClassLoader(),
                List.of(IMAGES.split(","))),
                ScriptRange.parse("up", null, null), new FlywayHistoryTable("public", "flyway_schema_history"));
        assertTrue(script.contains("-- The script stops here. V2 backfill image kind (up) backfills a table in batches,"
                + " each a transaction of its own, keeping\n-- its progress so that an interrupted run resumes; a script"
                + " cannot."), script);
        assertTrue(script.contains("--   -- demeter:backfill step 1 of images: \"kind\" = case when \"size\" >= 50 then"
                + " 'large' else 'small' end where \"kind\" is null; keyset batches"), script);
    }

    @Test
    void badInputIsRefusedBeforeAnythingRuns() throws SQLException {
        assertEquals("Not migrating: PostgreSQL would refuse or silently change what these migrations run.\n"
                + "  - V2 (backfill labels) up: a backfill runs in batches that are transactions of their own, so its"
                + " migration cannot run in one: override transactional() to return false (in: -- demeter:backfill"
                + " step 1 of photos: \"label\" = 'unlabelled' (keyed by code); keyset batches, each its own"
                + " transaction)\nNothing was changed.", refusal("transactional"));
        assertTrue(refusal("mixed").contains("V2 (backfill labels) up: a migration with a backfill holds backfills only,"
                + " because an interrupted one runs again from its start and only a backfill knows where it stopped:"
                + " move alter table \"photos\" add \"caption\" text to a migration before it"), refusal("mixed"));
        String noKey = refusal("nokey");
        assertTrue(noKey.contains("V2 backfill of photos: photos has no primary key to walk it in batches. Use"
                + " keyedBy(\"code\"). Nothing of the backfill ran."), noKey);
        DatabaseTarget unread = SharedCluster.newDatabase();
        DemeterException otherTable = assertThrows(DemeterException.class, () -> engine(unread,
                refused("othertable"), MigrationListener.SILENT).migrate(new MigrateTarget.Head()));
        assertTrue(otherTable.getMessage().startsWith("V2__backfill_labels: The condition of the backfill of photos"
                + " names \"batches\".\"closed\", a column of another table"), otherTable.getMessage());
        assertEquals(0, count(unread, "select count(*) from pg_class where relname = 'photos'"),
                "refused while the code was read, before V1 ran");

        DatabaseTarget target = SharedCluster.newDatabase();
        MigrationEngine engine = engine(target, refused("noinverse"), MigrationListener.SILENT);
        engine.migrate(new MigrateTarget.Head());
        DemeterException irreversible = assertThrows(DemeterException.class,
                () -> engine.rollback(new RollbackRequest.Steps(1), RollbackOptions.defaults()));
        assertTrue(irreversible.getMessage().contains("the backfill has no inverse; give it .inverse(Backfill)"),
                irreversible.getMessage());
        assertEquals(0, count(target, "select count(*) from photos where label is distinct from 'unlabelled'"),
                "the refused rollback changed nothing");
    }

    /** The error migrating the fixture {@code name} gives, having checked that V2 left nothing behind. */
    private static String refusal(String name) throws SQLException {
        DatabaseTarget target = SharedCluster.newDatabase();
        MigrationEngine engine = engine(target, refused(name), MigrationListener.SILENT);
        engine.migrate(MigrateTarget.parse("1"));
        DemeterException e = assertThrows(DemeterException.class, () -> engine.migrate(new MigrateTarget.Head()));
        assertTrue(e.isUserMistake(), e.getMessage());
        assertEquals("1", engine.current().currentVersion());
        assertEquals(100, count(target, "select count(*) from photos where label is null"), "no row was written");
        assertEquals(List.of(), engine.validate(), "nothing to clear by hand");
        return e.getMessage();
    }

    static long count(DatabaseTarget target, String sql) throws SQLException {
        try (Connection connection = Connections.open(target);
             ResultSet row = connection.createStatement().executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    static boolean progressTableExists(DatabaseTarget target) throws SQLException {
        return count(target, "select count(*) from pg_class where relname = '" + BackfillProgress.TABLE + "'") == 1;
    }
}
