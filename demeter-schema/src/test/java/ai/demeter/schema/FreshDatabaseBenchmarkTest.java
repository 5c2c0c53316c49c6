package ai.demeter.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseProvider;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.database.DockerProvider;
import ai.demeter.migrations.database.LocalProvider;
import ai.demeter.migrations.database.ProviderChoice;
import ai.demeter.migrations.database.TemplateCluster;
import ai.demeter.migrations.engine.EngineSettings;
import ai.demeter.migrations.engine.MigrateTarget;
import ai.demeter.migrations.engine.MigrationEngine;
import ai.demeter.migrations.engine.MigrationListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How long a fresh DemeterAI database at head takes: copied from a migrated template, as {@code @MigratedDatabase}
 * gives one to each test class, versus migrated from empty (the twenty migrations). For comparison, the same copy
 * with PostgreSQL 15's default strategy (WAL_LOG) instead of the FILE_COPY that {@code TemplateCluster} uses; and all
 * of it with the cluster where the kit puts it (in memory when it can) and in the system temporary directory. Not
 * part of the default run (tag benchmark); figures go to docs/performance.md.
 */
@Tag("benchmark")
class FreshDatabaseBenchmarkTest {
    private static final int RUNS = 10;
    private static final String KIT_STRATEGY = "FILE_COPY";
    private static final String OTHER_STRATEGY = "WAL_LOG";

    /** Where the kit puts its cluster: /dev/shm when it has room. */
    @Test
    void inTheKitsClusterDirectory() throws Exception {
        copyOfAMigratedTemplateVersusMigratingAnEmptyDatabase(LocalProvider.fastTemporaryRoot());
    }

    /** Where the goals' throwaway clusters go: the system temporary directory, on this machine a disk. */
    @Test
    void inTheTemporaryDirectory() throws Exception {
        copyOfAMigratedTemplateVersusMigratingAnEmptyDatabase(Path.of(System.getProperty("java.io.tmpdir")));
    }

    private void copyOfAMigratedTemplateVersusMigratingAnEmptyDatabase(Path clusterDirectory) throws Exception {
        DatabaseProvider provider = ProviderChoice.AUTO.select(System.getenv(), DockerProvider.DEFAULT_IMAGE);
        if (provider instanceof LocalProvider local) {
            provider = local.under(clusterDirectory);
        }
        try (TemplateCluster cluster = TemplateCluster.start(provider)) {
            System.out.println("Cluster: " + cluster.describe() + (provider instanceof LocalProvider ? " in "
                    + clusterDirectory : "") + "; " + loadAverage());
            migrateToHead(cluster.createDatabase()); // warm-up: loads Flyway, jOOQ and the migration classes

            long[] migrated = measure(cluster, () -> {
                DatabaseTarget database = cluster.createDatabase();
                migrateToHead(database);
                return database;
            });

            long started = System.nanoTime();
            DatabaseTarget first = cluster.copyOf("DemeterAI at head", this::migrateToHead);
            long templateBuilt = System.nanoTime() - started;
            assertEquals(MigrationChain.head(), engine(first).current().currentVersion(), "a copy is at head");
            cluster.drop(first);

            // The other strategy from an equal template, taken in turns with the kit's copies so that both meet the
            // same conditions (other processes' disk and CPU use moves these figures more than anything else).
            DatabaseTarget otherTemplate = cluster.createDatabase();
            migrateToHead(otherTemplate);
            long[] copied = new long[RUNS];
            long[] otherCopied = new long[RUNS];
            try (Connection server = Connections.open(cluster.server());
                 Statement statement = server.createStatement()) { // one connection, as TemplateCluster keeps
                statement.execute("alter database " + otherTemplate.databaseName() + " with allow_connections false");
                for (int i = 0; i < RUNS; i++) {
                    copied[i] = time(cluster, () -> cluster.copyOf("DemeterAI at head", template -> {
                        throw new AssertionError("the template is built once");
                    }));
                    int number = i;
                    otherCopied[i] = time(cluster, () -> otherStrategyCopy(statement, cluster.server(), otherTemplate,
                            number));
                }
            }

            report("migrate an empty database to head (V1..V" + MigrationChain.head() + ")", migrated);
            System.out.printf(Locale.ROOT, "build the template (create + migrate + freeze): %.0f ms%n", templateBuilt / 1e6);
            report("copy of the migrated template (" + KIT_STRATEGY + ", what the kit does)", copied);
            report("copy of the migrated template (" + OTHER_STRATEGY + ", for comparison)", otherCopied);
            System.out.println("At the end: " + loadAverage());
            assertTrue(median(copied) < median(migrated), "a copy is faster than migrating");
        }
    }

    /** Times {@code fresh} {@value #RUNS} times; each database is dropped after its run, outside the timing. */
    private static long[] measure(TemplateCluster cluster, Supplier<DatabaseTarget> fresh) {
        long[] nanos = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            nanos[i] = time(cluster, fresh);
        }
        return nanos;
    }

    private static long time(TemplateCluster cluster, Supplier<DatabaseTarget> fresh) {
        long started = System.nanoTime();
        DatabaseTarget database = fresh.get();
        long nanos = System.nanoTime() - started;
        cluster.drop(database);
        return nanos;
    }

    private void migrateToHead(DatabaseTarget database) {
        engine(database).migrate(new MigrateTarget.Head());
    }

    private MigrationEngine engine(DatabaseTarget database) {
        return new MigrationEngine(EngineSettings.defaults(database, getClass().getClassLoader()),
                MigrationListener.SILENT);
    }

    private static DatabaseTarget otherStrategyCopy(Statement statement, DatabaseTarget server, DatabaseTarget template,
            int number) {
        String name = "other_strategy_copy_" + number;
        try {
            statement.execute("create database " + name + " template " + template.databaseName() + " strategy "
                    + OTHER_STRATEGY);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return server.withDatabase(name, OTHER_STRATEGY + " copy " + name);
    }

    /** Other processes on the machine change these figures; Linux says how busy it was. */
    private static String loadAverage() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        return Files.isReadable(loadavg)
                ? "load average " + String.join(" ", Arrays.asList(Files.readString(loadavg).split(" ")).subList(0, 3))
                : "load average unknown";
    }

    private static long median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%s: median %.0f ms, min %.0f ms, max %.0f ms (%d runs)%n", what,
                median(nanos) / 1e6, sorted[0] / 1e6, sorted[sorted.length - 1] / 1e6, sorted.length);
    }
}
