package ai.demeter.migrations.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.testing.SharedCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Templates built once and copied, on a real throwaway cluster. */
class TemplateClusterTest {
    private final TemplateCluster cluster = SharedCluster.cluster();

    @Test
    void copiesStartAsTheTemplateWasBuiltAndDoNotSeeEachOther() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        DatabaseTarget first = cluster.copyOf("greenhouses", template -> {
            builds.incrementAndGet();
            execute(template, "create table greenhouses (name text primary key)");
            execute(template, "insert into greenhouses values ('seeded by the template')");
        });
        DatabaseTarget second = cluster.copyOf("greenhouses", template -> builds.incrementAndGet());

        assertEquals(1, builds.get(), "the template is built once");
        assertNotEquals(first.databaseName(), second.databaseName());
        execute(first, "insert into greenhouses values ('written in the first copy')");
        assertEquals(List.of("seeded by the template", "written in the first copy"), names(first));
        assertEquals(List.of("seeded by the template"), names(second));
    }

    @Test
    void concurrentRequestsWaitForOneBuild() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<DatabaseTarget>> copies = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                copies.add(threads.submit(() -> cluster.copyOf("concurrent", template -> {
                    builds.incrementAndGet();
                    execute(template, "create table plots (id int)");
                })));
            }
            for (Future<DatabaseTarget> copy : copies) {
                assertEquals(List.of(), rows(copy.get(), "select id::text from plots"));
            }
        } finally {
            threads.shutdown();
        }
        assertEquals(1, builds.get());
    }

    @Test
    void aFailedBuildIsDroppedAndFailsEveryLaterRequestWithoutBuildingAgain() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        DemeterException broken = DemeterException.userMistake("Migration V2 (index missing column) failed.");
        DemeterException first = assertThrows(DemeterException.class, () -> cluster.copyOf("broken", template -> {
            builds.incrementAndGet();
            execute(template, "create table half_done (id int)");
            throw broken;
        }));
        DemeterException again = assertThrows(DemeterException.class,
                () -> cluster.copyOf("broken", template -> builds.incrementAndGet()));

        assertSame(broken, first);
        assertSame(broken, again);
        assertEquals(1, builds.get());
        assertEquals(List.of(), rows(cluster.server(),
                "select datname from pg_database where datname like 'demeter_template_%' and not datistemplate"),
                "no half-built template is left");
    }

    @Test
    void aTemplateCannotBeConnectedToOnceBuilt() {
        List<DatabaseTarget> built = new ArrayList<>();
        cluster.copyOf("frozen", built::add);
        DemeterException refused = assertThrows(DemeterException.class, () -> Connections.open(built.get(0)).close());
        assertTrue(refused.getMessage().contains("is not currently accepting connections"), refused.getMessage());
    }

    @Test
    void emptyDatabasesHaveNothingInstalledAndDropEndsOpenSessions() throws Exception {
        DatabaseTarget empty = cluster.createDatabase();
        assertEquals(List.of(List.of("plpgsql")), rows(empty, "select extname from pg_extension"));

        try (Connection open = Connections.open(empty)) {
            cluster.drop(empty);
            assertEquals(List.of(), rows(cluster.server(),
                    "select datname from pg_database where datname = '" + empty.databaseName() + "'"));
        }
    }

    private static void execute(DatabaseTarget target, String sql) {
        try (Connection connection = Connections.open(target); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> names(DatabaseTarget target) throws SQLException {
        return rows(target, "select name from greenhouses order by name").stream().map(row -> row.get(0)).toList();
    }

    private static List<List<String>> rows(DatabaseTarget target, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection connection = Connections.open(target); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                    row.add(result.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
