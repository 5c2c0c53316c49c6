package ai.demeter.bench;

import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The application's writes to {@code s3_images} while a migration runs: a few client threads, each on its own
 * connection in autocommit, together at a fixed rate; each operation an INSERT of a new row or an UPDATE of one
 * random existing row by its key, half each. Every operation is timed from the moment it was sent. A thread that an
 * operation holds up does not catch up afterwards (no burst after a stall), so the percentiles count what was sent,
 * and the longest stall and the longest gap without a completed operation are what show a blocked table.
 */
final class WriteLoad implements AutoCloseable {

    /** One operation: when it was sent (nanoTime), how long it took, and whether it failed. */
    record Op(long startNanos, long latencyNanos, boolean insert, boolean failed) {
        long endNanos() {
            return startNanos + latencyNanos;
        }
    }

    private static final String INSERT = "insert into s3_images (s3_bucket, s3_key_original, s3_key_thumbnail,"
            + " content_type, file_size_bytes, width_px, height_px, exif_metadata) values (?, ?, ?, 'image/jpeg', ?,"
            + " 4032, 3024, ?::jsonb)";
    private static final String UPDATE = "update s3_images set status = ?, updated_at = now() where id = ?";
    private static final String[] STATUSES = {"uploaded", "processing", "ready", "failed"};

    private final DatabaseTarget database;
    private final long existingRows;
    private final long intervalNanos;
    private final List<Worker> workers = new ArrayList<>();
    private volatile boolean running = true;
    private long startedNanos;

    /** {@code threads} clients sharing {@code opsPerSecond}; updates pick a key in 1..{@code existingRows}. */
    WriteLoad(DatabaseTarget database, int threads, int opsPerSecond, long existingRows) {
        this.database = database;
        this.existingRows = existingRows;
        this.intervalNanos = TimeUnit.SECONDS.toNanos(threads) / opsPerSecond;
        for (int i = 0; i < threads; i++) {
            workers.add(new Worker(i, threads));
        }
    }

    WriteLoad start() throws SQLException {
        for (Worker worker : workers) {
            worker.connection = Connections.open(database);
            worker.connection.setAutoCommit(true);
        }
        startedNanos = System.nanoTime();
        workers.forEach(worker -> worker.thread.start());
        return this;
    }

    long startedNanos() {
        return startedNanos;
    }

    /** Stops the clients and returns every operation, in the order they were sent. */
    List<Op> stop() throws InterruptedException {
        running = false;
        List<Op> all = new ArrayList<>();
        for (Worker worker : workers) {
            worker.thread.join();
            all.addAll(worker.ops);
        }
        all.sort(Comparator.comparingLong(Op::startNanos));
        return all;
    }

    @Override
    public void close() throws InterruptedException {
        if (running) {
            stop();
        }
        for (Worker worker : workers) {
            try {
                if (worker.connection != null) {
                    worker.connection.close();
                }
            } catch (SQLException e) {
                // the benchmark's database is dropped after: nothing to clean up
            }
        }
    }

    private final class Worker implements Runnable {
        private final Thread thread;
        private final int index;
        private final int threads;
        private final List<Op> ops = new ArrayList<>();
        private final SplittableRandom random;
        private Connection connection;

        Worker(int index, int threads) {
            this.index = index;
            this.threads = threads;
            this.random = new SplittableRandom(1_000 + index);
            this.thread = new Thread(this, "write-load-" + index);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            // Staggered: the threads' operations interleave evenly instead of arriving together.
            long next = startedNanos + intervalNanos * index / threads;
            while (running) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                boolean insert = random.nextBoolean();
                long started = System.nanoTime();
                boolean failed = false;
                try {
                    if (insert) {
                        insert();
                    } else {
                        update();
                    }
                } catch (SQLException e) {
                    failed = true;
                    reconnectIfBroken();
                }
                long ended = System.nanoTime();
                ops.add(new Op(started, ended - started, insert, failed));
                next += intervalNanos;
                if (next < ended) {
                    next = ended; // no catch-up burst after a stall
                }
            }
        }

        private void insert() throws SQLException {
            int bucket = random.nextInt(3);
            String key = UUID.randomUUID().toString();
            try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
                statement.setString(1, bucket == 0 ? "demeter-photos-original"
                        : bucket == 1 ? "demeter-photos-viz" : "demeter-photos-thumb");
                statement.setString(2, "uploads/2025/app/" + key + ".jpg");
                statement.setString(3, "thumbnails/2025/app/" + key + "_thumb.jpg");
                statement.setLong(4, 200_000 + random.nextInt(4_000_000));
                statement.setString(5, "{\"Make\": \"Canon\", \"Model\": \"EOS R6\", \"ISO\": "
                        + (100 + random.nextInt(3_200)) + ", \"source\": \"app\"}");
                statement.executeUpdate();
            }
        }

        private void update() throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(UPDATE)) {
                statement.setString(1, STATUSES[random.nextInt(STATUSES.length)]);
                statement.setLong(2, 1 + random.nextLong(existingRows));
                statement.executeUpdate();
            }
        }

        private void reconnectIfBroken() {
            try {
                if (connection.isValid(1)) {
                    return;
                }
                connection.close();
                connection = Connections.open(database);
            } catch (SQLException e) {
                // the next operation fails too and is counted; the run goes on
            }
        }
    }
}
