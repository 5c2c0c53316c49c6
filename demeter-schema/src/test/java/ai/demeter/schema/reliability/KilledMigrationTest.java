package ai.demeter.schema.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.demeter.migrations.Demeter;
import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.database.LocalProvider;
import ai.demeter.migrations.database.PostgresInstallation;
import ai.demeter.migrations.database.TemplateCluster;
import ai.demeter.migrations.engine.MigrationListener;
import ai.demeter.migrations.schema.SchemaSnapshot;
import ai.demeter.migrations.schema.SnapshotScope;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL of the JVM running {@code migrate} (or {@code rollback}) of the DemeterAI chain at random moments. After
 * each kill: the server has ended the dead session and released Flyway's advisory lock; the history holds only
 * successful rows, in order; the catalog is exactly the reference schema after the newest recorded version (so a
 * history row exists if and only if its migration's change does); and the next {@code migrate} reaches the same
 * catalog as an undisturbed run.
 * <p>
 * Where each kill lands comes from one {@link Random} whose seed is printed; {@code -Ddemeter.faults.seed=<seed>} replays a run.
 * {@code demeter.faults.kills}, {@code demeter.faults.rollbackKills} and {@code demeter.faults.processes} change the
 * number of kills and of JVMs killed in parallel.
 * <p>
 * Size: {@code ./mvnw install} runs 20 migrate kills and 5 rollback kills (measured: 159 s where the full size took
 * 413 s, both in builds beside other builds), a new seed each build, so the kills of successive builds land on
 * different versions. The full run, 80 and 20 kills (162 s on an idle 2-core machine), is
 * {@code ./mvnw -pl demeter-schema test -Dtest='KilledMigrationTest,ConcurrentMigrateTest' -Ddemeter.reliability.full=true}
 * (docs/reliability.md, "Size of the default build"); run it after changing the engine's transactions, locks or
 * history handling.
 */
@Tag("reliability")
class KilledMigrationTest {
    private static final long SEED = Long.getLong("demeter.faults.seed", System.nanoTime());
    /** The full run's sizes; the default build's are a quarter of them. */
    private static final boolean FULL = Boolean.getBoolean("demeter.reliability.full");
    private static final int MIGRATE_KILLS = Integer.getInteger("demeter.faults.kills", FULL ? 80 : 20);
    private static final int ROLLBACK_KILLS = Integer.getInteger("demeter.faults.rollbackKills", FULL ? 20 : 5);
    private static final int PROCESSES = Integer.getInteger("demeter.faults.processes", 2);
    /** How long the server may take to notice a dead client and end its session. */
    private static final long RELEASE_LIMIT_MILLIS = 15_000;

    private static TemplateCluster cluster;
    /** The catalog after each version, "0" for none, as an undisturbed step-by-step migrate builds it. */
    private static final Map<Integer, SchemaSnapshot> REFERENCE = new TreeMap<>();
    private static int head;
    /** The catalog of a database where only PostGIS is installed. */
    private static SchemaSnapshot postgisOnly;
    /** A database at head where each JVM warms up before it is handed its command. */
    private static DatabaseTarget warmUp;
    private static final AtomicLong slowestRelease = new AtomicLong();

    @BeforeAll
    static void startClusterAndBuildTheReferenceSchemas() {
        PostgresInstallation installation = PostgresInstallation.find(System.getenv())
                .filter(PostgresInstallation::hasPostgis)
                .orElseThrow(() -> new IllegalStateException("The reliability tests need PostgreSQL with PostGIS"));
        cluster = TemplateCluster.start(LocalProvider.of(installation).under(LocalProvider.fastTemporaryRoot()));
        System.out.println("KilledMigrationTest seed " + SEED + " (replay with -Ddemeter.faults.seed=" + SEED + ")");
        DatabaseTarget database = cluster.createDatabase();
        Demeter demeter = library(database);
        REFERENCE.put(0, snapshot(database));
        head = demeter.current().pending().size();
        for (int version = 1; version <= head; version++) {
            demeter.migrate(Integer.toString(version));
            REFERENCE.put(version, snapshot(database));
        }
        cluster.drop(database);
        DatabaseTarget postgis = cluster.createDatabase();
        execute(postgis, "create extension postgis");
        postgisOnly = snapshot(postgis);
        cluster.drop(postgis);
        warmUp = atHead();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aKilledMigrateLeavesHistoryAndSchemaInAgreementAndTheNextMigrateCompletes() throws Exception {
        long started = System.nanoTime();
        // Most rounds start from a database where PostGIS is installed already, as a DBA often does it; V1's
        // CREATE EXTENSION then costs nothing and the kills spread over the tables. Every fourth round starts from
        // an empty database, so kills also land while V1 builds PostGIS.
        Start empty = new Start("empty database", "migrate", REFERENCE.get(0), cluster::createDatabase);
        Start postgis = new Start("PostGIS installed", "migrate", postgisOnly,
                () -> cluster.copyOf("postgis", database -> execute(database, "create extension postgis")));
        long emptyWindow = calibrate(empty);
        long postgisWindow = calibrate(postgis);
        Random random = new Random(SEED);
        List<Kill> kills = new ArrayList<>();
        for (int round = 0; round < MIGRATE_KILLS; round++) {
            boolean fromEmpty = round % 4 == 0;
            kills.add(kill(round, fromEmpty ? empty : postgis, fromEmpty ? emptyWindow : postgisWindow, random));
        }
        report("migrate", kills, run(kills), "runs of " + emptyWindow + " ms (empty), " + postgisWindow
                + " ms (PostGIS installed)", started);
    }

    @Test
    void aKilledRollbackLeavesHistoryAndSchemaInAgreementAndMigrateRestoresHead() throws Exception {
        long started = System.nanoTime();
        Start atHead = new Start("head", "rollback", REFERENCE.get(0), KilledMigrationTest::atHead);
        long window = calibrate(atHead);
        Random random = new Random(SEED + 1);
        List<Kill> kills = new ArrayList<>();
        for (int round = 0; round < ROLLBACK_KILLS; round++) {
            kills.add(kill(round, atHead, window, random));
        }
        report("rollback", kills, run(kills), "runs of " + window + " ms", started);
    }

    /**
     * Where a kill lands: after a random number of the chain's migrations have committed (0 to all of them), then
     * a random share of two migrations' time, measured by an undisturbed run ({@code runMillis}). Anchoring the
     * delay on the JVM's progress, rather than on the clock alone, spreads kills over the whole chain however
     * fast this machine is at the moment.
     */
    private static Kill kill(int round, Start start, long runMillis, Random random) {
        long twoMigrations = 2 * runMillis / head;
        return new Kill(round, start, random.nextInt(head + 1), (long) (random.nextDouble() * twoMigrations));
    }

    /**
     * Where a round starts: the database it works on, the command the killed JVM runs on it, and the catalog a
     * database of that kind has before any migration.
     */
    private record Start(String name, String command, SchemaSnapshot base, Supplier<DatabaseTarget> databases) {
    }

    /**
     * One round: kill the JVM running {@code start.command()} {@code delayMillis} after it reported {@code after}
     * migrations done (applied or undone).
     */
    private record Kill(int round, Start start, int after, long delayMillis) {
        String describe() {
            return start.command() + " round " + round + " from " + start.name() + " (kill " + delayMillis
                    + " ms after " + after + " migrations; seed " + SEED + ")";
        }
    }

    /** A JVM waiting for its command, and its output. */
    private record Standby(Process process, BufferedReader output) {
    }

    /** Runs the kills on {@link #PROCESSES} lanes; returns how many left the database at each version. */
    private static Map<Integer, Integer> run(List<Kill> kills) throws Exception {
        Map<Integer, Integer> killedAt = new ConcurrentHashMap<>();
        ExecutorService lanes = Executors.newFixedThreadPool(PROCESSES);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int lane = 0; lane < PROCESSES; lane++) {
                int first = lane;
                work.add(lanes.submit(() -> {
                    Standby standby = standby();
                    for (int round = first; round < kills.size(); round += PROCESSES) {
                        Kill kill = kills.get(round);
                        DatabaseTarget database = kill.start().databases().get();
                        // The next round's JVM boots while this round runs.
                        Standby next = round + PROCESSES < kills.size() ? standby() : null;
                        killedAt.merge(killAndCheck(standby, kill, database), 1, Integer::sum);
                        if ((round + 1) % 20 == 0) {
                            System.out.println("KilledMigrationTest: " + kill.describe() + " checked");
                        }
                        standby = next;
                    }
                    return null;
                }));
            }
            for (Future<?> lane : work) {
                lane.get(30, TimeUnit.MINUTES);
            }
        } finally {
            lanes.shutdownNow();
        }
        return killedAt;
    }

    /**
     * Starts the kill's command on the waiting JVM, kills it after the kill's delay, checks the database, runs the
     * recovery migrate in this JVM, checks again. Returns the version the kill left.
     */
    private static int killAndCheck(Standby standby, Kill kill, DatabaseTarget database) throws Exception {
        String context = kill.describe();
        start(standby, kill.start().command(), database);
        for (int done = 0; done < kill.after(); ) {
            String line = standby.output().readLine();
            if (line == null || line.startsWith("done=")) {
                break; // finished before the kill: the round checks a completed run
            }
            if (line.startsWith("up ") || line.startsWith("down ")) {
                done++;
            }
        }
        Thread.sleep(kill.delayMillis());
        standby.process().destroyForcibly();
        assertTrue(standby.process().waitFor(30, TimeUnit.SECONDS), context + ": the killed JVM did not end");
        standby.process().getOutputStream().close();
        standby.output().close();

        awaitNoSessions(database, context);
        int version;
        try (Connection connection = Connections.open(database)) {
            assertEquals(0, count(connection, "select count(*) from pg_locks l join pg_database d on d.oid = l.database"
                    + " where l.locktype = 'advisory' and d.datname = current_database()"),
                    context + ": Flyway's advisory lock is still held");
            List<Integer> versions = appliedVersions(connection, context);
            version = versions.isEmpty() ? 0 : versions.get(versions.size() - 1);
            List<Integer> expected = new ArrayList<>();
            for (int v = 1; v <= version; v++) {
                expected.add(v);
            }
            assertEquals(expected, versions, context + ": the history is not the chain's first versions in order");
            requireSchema(database, version == 0 ? kill.start().base() : REFERENCE.get(version), version, context);
            if (kill.start().command().equals("rollback")) {
                int journaled = count(connection, "select count(*) from pg_tables where tablename = 'demeter_rollback_history'")
                        == 0 ? 0 : count(connection, "select count(*) from demeter_rollback_history");
                assertEquals(head - version, journaled,
                        context + ": every undone migration, and only those, is in the rollback journal");
            }
            library(database).migrate();
            assertEquals(head, appliedVersions(connection, context).size(), context + ": recovery migrate");
            requireSchema(database, REFERENCE.get(head), head, context + ", after the recovery migrate");
        }
        cluster.drop(database);
        return version;
    }

    /** How long the command runs undisturbed, from {@code started} to its exit: the scale of the kill delays. */
    private static long calibrate(Start start) throws Exception {
        DatabaseTarget database = start.databases().get();
        Standby standby = standby();
        start(standby, start.command(), database);
        long started = System.nanoTime();
        assertTrue(standby.process().waitFor(120, TimeUnit.SECONDS), "the calibration " + start + " did not finish");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        String output = standby.output().lines().reduce("", (a, b) -> a + "\n" + b);
        assertEquals(0, standby.process().exitValue(), output);
        cluster.drop(database);
        return millis;
    }

    private static DatabaseTarget atHead() {
        return cluster.copyOf("head", database -> library(database).migrate());
    }

    private static Standby standby() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Short-lived JVMs: the C1 compiler and the serial collector start fastest on two cores.
        Process process = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), StandbyProcess.class.getName(), warmUp.url())
                .redirectErrorStream(true).start();
        return new Standby(process, new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)));
    }

    /** Waits until the JVM is warm, sends it the command and waits until it has read it. */
    private static void start(Standby standby, String command, DatabaseTarget database) throws IOException {
        awaitLine(standby, "ready");
        Writer input = new OutputStreamWriter(standby.process().getOutputStream(), StandardCharsets.UTF_8);
        input.write(command + " " + database.url() + "\n");
        input.flush();
        awaitLine(standby, "started");
    }

    /** Reads the JVM's output up to {@code expected}; other lines (a logging library's notices) are passed over. */
    private static void awaitLine(Standby standby, String expected) throws IOException {
        StringBuilder before = new StringBuilder();
        for (String line = standby.output().readLine(); line != null; line = standby.output().readLine()) {
            if (line.equals(expected)) {
                return;
            }
            before.append("\n  ").append(line);
        }
        fail("the standby JVM ended before printing '" + expected + "':" + before);
    }

    /** Waits until the server has ended every session on the database, the killed JVM's included. */
    private static void awaitNoSessions(DatabaseTarget database, String context) throws SQLException, InterruptedException {
        long started = System.nanoTime();
        try (Connection connection = Connections.open(database)) {
            while (count(connection, "select count(*) from pg_stat_activity where datname = current_database()"
                    + " and pid <> pg_backend_pid() and backend_type = 'client backend'") > 0) {
                if (TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) > RELEASE_LIMIT_MILLIS) {
                    fail(context + ": the killed JVM's session is still open after " + RELEASE_LIMIT_MILLIS + " ms");
                }
                Thread.sleep(20);
            }
        }
        slowestRelease.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), Math::max);
    }

    /** The versions of the history's rows, oldest first; fails on a failed row (Flyway would refuse to migrate). */
    private static List<Integer> appliedVersions(Connection connection, String context) throws SQLException {
        List<Integer> versions = new ArrayList<>();
        if (count(connection, "select count(*) from pg_tables where tablename = 'flyway_schema_history'") == 0) {
            return versions;
        }
        try (ResultSet rows = connection.createStatement().executeQuery("select version, success from"
                + " flyway_schema_history where version is not null order by installed_rank")) {
            while (rows.next()) {
                assertTrue(rows.getBoolean(2), context + ": a failed history row for V" + rows.getString(1));
                versions.add(Integer.parseInt(rows.getString(1)));
            }
        }
        return versions;
    }

    private static void requireSchema(DatabaseTarget database, SchemaSnapshot expected, int version, String context) {
        SchemaSnapshot actual = snapshot(database);
        if (!actual.equals(expected)) {
            fail(context + ": the history says V" + version + " but the catalog differs from V" + version
                    + "'s schema:\n  " + String.join("\n  ", expected.differences(actual).stream().limit(20)
                    .map(Object::toString).toList()));
        }
    }

    private static void report(String command, List<Kill> kills, Map<Integer, Integer> killedAt, String windows,
            long started) {
        System.out.printf("KilledMigrationTest %s: %d kills, %d JVMs at a time, undisturbed %s, seed %d;"
                        + " kills that left the database at each version (version=kills): %s; slowest release of a"
                        + " killed session %d ms; %d s%n",
                command, kills.size(), PROCESSES, windows, SEED, new TreeMap<>(killedAt), slowestRelease.get(),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    }

    private static void execute(DatabaseTarget database, String sql) {
        try (Connection connection = Connections.open(database)) {
            connection.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Demeter library(DatabaseTarget database) {
        return Demeter.configure().url(database.url(), "postgres", null).listener(MigrationListener.SILENT).load();
    }

    private static SchemaSnapshot snapshot(DatabaseTarget database) {
        try (Connection connection = Connections.open(database)) {
            return SchemaSnapshot.read(connection, SnapshotScope.defaults());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int count(Connection connection, String sql) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql); ResultSet result = query.executeQuery()) {
            result.next();
            return result.getInt(1);
        }
    }
}
