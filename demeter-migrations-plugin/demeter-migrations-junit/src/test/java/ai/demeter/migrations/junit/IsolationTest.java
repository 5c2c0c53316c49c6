package ai.demeter.migrations.junit;

import static ai.demeter.migrations.junit.Fixtures.GREENHOUSES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import ai.demeter.migrations.database.Connections;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Two test classes in one run: each starts from the template's rows and sees only what it writes itself. */
class IsolationTest {
    private static final Map<String, String> DATABASES = new ConcurrentHashMap<>();

    @Test
    void twoClassesGetSeparateCopiesOfOneTemplate() {
        DATABASES.clear();
        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(WritesNaveB.class), selectClass(WritesNaveC.class))
                .execute()
                .testEvents()
                .assertStatistics(stats -> stats.started(2).succeeded(2).failed(0).aborted(0));

        assertEquals(2, DATABASES.size(), DATABASES.toString());
        assertNotEquals(DATABASES.get("NAVE-B"), DATABASES.get("NAVE-C"));
    }

    @Test
    void aClassDatabaseIsDroppedAndItsConnectionsClosedAfterTheClass() throws Exception {
        DATABASES.clear();
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(WritesNaveB.class)).execute()
                .testEvents().assertStatistics(stats -> stats.succeeded(1));

        assertTrue(WritesNaveB.classConnection.isClosed());
        try (Connection server = Connections.open(TestRunCluster.get().server())) {
            assertEquals(List.of(), Fixtures.column(server,
                    "select datname from pg_database where datname = '" + DATABASES.get("NAVE-B") + "'"));
        }
    }

    /** Writes a row and sees exactly the seed row and its own: the other class's row never shows. */
    private static void writeAndSeeOnlyOwnRow(DSLContext db, String code) {
        db.insertInto(DSL.table("greenhouses"), DSL.field("code")).values(code).execute();
        assertEquals(List.of("NAVE-A", code), db.fetchValues("select code from greenhouses order by code"));
        DATABASES.put(code, db.fetchValue("select current_database()").toString());
    }

    @MigratedDatabase(locations = GREENHOUSES)
    static class WritesNaveB {
        static Connection classConnection;

        @BeforeAll
        static void keep(Connection connection) {
            classConnection = connection;
        }

        @Test
        void writesItsRow(DSLContext db) {
            writeAndSeeOnlyOwnRow(db, "NAVE-B");
        }
    }

    @MigratedDatabase(locations = GREENHOUSES)
    static class WritesNaveC {
        @Test
        void writesItsRow(DSLContext db) {
            writeAndSeeOnlyOwnRow(db, "NAVE-C");
        }
    }
}
