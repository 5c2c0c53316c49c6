package ai.demeter.migrations.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.engine.EngineSettings;
import ai.demeter.migrations.engine.MigrateOutcome;
import ai.demeter.migrations.engine.MigrateTarget;
import ai.demeter.migrations.engine.MigrationEngine;
import ai.demeter.migrations.engine.MigrationListener;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backfill on a primary with a streaming standby whose replay is paused: it stops between batches and says that it
 * waits for the replica, and goes on once replay resumes. A real standby, made by pg_basebackup of the primary.
 */
class ReplicaLagBackfillTest {
    private static final List<String> IMAGES = List.of("classpath:ai/demeter/migrations/engine/fixtures/images",
            "classpath:ai/demeter/migrations/engine/fixtures/backfill");

    @TempDir
    Path directory;

    @AfterEach
    void clearPacing() {
        System.clearProperty("demeter.test.backfillMaxReplicaLagMs");
        System.clearProperty("demeter.test.backfillRate");
    }

    @Test
    void aBackfillWaitsWhileAReplicaDoesNotReplayItsBatches() throws Exception {
        PostgresInstallation installation = PostgresInstallation.find(System.getenv())
                .orElseThrow(() -> new IllegalStateException("Tests need PostgreSQL server binaries"));
        LocalCluster primary = new LocalCluster(installation, ServerUser.detect(), directory.resolve("primary"),
                freePort(), false);
        LocalCluster standby = null;
        try {
            primary.initialize();
            primary.start();
            primary.ensureDatabase("nursery");
            standby = primary.standby(directory.resolve("standby"), freePort());
            standby.start();
            awaitStreaming(primary);
            DatabaseTarget target = primary.target("nursery", "the test");
            List<String> lines = new CopyOnWriteArrayList<>();
            MigrationEngine engine = new MigrationEngine(new EngineSettings(target, getClass().getClassLoader(), IMAGES,
                    EngineSettings.DEFAULT_SCHEMA, EngineSettings.DEFAULT_HISTORY_TABLE), listener(lines));
            engine.migrate(MigrateTarget.parse("1"));

            System.setProperty("demeter.test.backfillMaxReplicaLagMs", "1000");
            System.setProperty("demeter.test.backfillRate", "5000"); // four seconds for 20,000 rows
            try (Connection replica = standby.connect("nursery")) {
                replica.createStatement().execute("select pg_wal_replay_pause()");
                CompletableFuture<MigrateOutcome> migrate = CompletableFuture.supplyAsync(
                        () -> engine.migrate(new MigrateTarget.Head()));
                awaitLine(lines, "a replica's replay lags");
                Thread.sleep(1_500);
                assertFalse(migrate.isDone(), "the backfill waits for the replica: " + lines);
                replica.createStatement().execute("select pg_wal_replay_resume()");
                assertEquals(1, migrate.get(120, TimeUnit.SECONDS).applied());
            }
            String last = lines.stream().filter(line -> line.contains("rows walked")).findFirst().orElseThrow();
            assertTrue(last.startsWith("V2 backfill of images: 20,000 rows walked, 20,000 updated"), last);
            assertTrue(last.matches(".*; paused \\d+ times? \\(.*\\), last: a replica's replay lags \\d+\\.\\d s behind"
                    + " \\(limit 1 s\\)"), last);
            try (Connection connection = primary.connect("nursery");
                 ResultSet row = connection.createStatement().executeQuery(
                         "select count(*) from images where kind is null")) {
                row.next();
                assertEquals(0, row.getLong(1));
            }
        } finally {
            if (standby != null) {
                standby.destroy();
            }
            primary.destroy();
        }
    }

    private static MigrationListener listener(List<String> lines) {
        return new MigrationListener() {
            public void info(String message) {
                lines.add(message);
            }

            public void warn(String message) {
                lines.add(message);
            }

            public void debug(String message) {
            }
        };
    }

    private static void awaitStreaming(LocalCluster primary) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Connection connection = primary.connect("postgres")) {
            while (System.nanoTime() < deadline) {
                try (ResultSet row = connection.createStatement().executeQuery(
                        "select count(*) from pg_stat_replication where state = 'streaming'")) {
                    row.next();
                    if (row.getInt(1) == 1) {
                        return;
                    }
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the standby never streamed");
    }

    private static void awaitLine(List<String> lines, String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (lines.stream().anyMatch(line -> line.contains(fragment))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no line with \"" + fragment + "\": " + lines);
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
