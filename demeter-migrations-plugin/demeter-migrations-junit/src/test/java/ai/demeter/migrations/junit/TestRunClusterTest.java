package ai.demeter.migrations.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.database.ProviderChoice;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** Which provider the run uses, and what a machine without PostgreSQL + PostGIS and without Docker gets. */
class TestRunClusterTest {
    private static final String NEITHER = "No PostgreSQL with PostGIS is available for a throwaway database: ..."
            + " Either install PostGIS for your PostgreSQL (Debian/Ubuntu: apt-get install postgresql-15-postgis-3),"
            + " or start Docker to use the postgis/postgis:15-3.3 image.";

    @Test
    void withNeitherLocalPostgisNorDockerTheTestsAreSkippedWithTheLibrarysReason() {
        TestAbortedException skipped = assertThrows(TestAbortedException.class, () -> TestRunCluster.provider(
                ProviderChoice.AUTO, choice -> { throw DemeterException.userMistake(NEITHER); }));
        assertEquals("@MigratedDatabase needs a throwaway PostgreSQL + PostGIS server. " + NEITHER, skipped.getMessage());
    }

    @Test
    void aProviderAskedForByNameThatIsMissingFails() {
        DemeterException missing = DemeterException.userMistake("demeter.provider=docker, but no Docker engine answers.");
        assertSame(missing, assertThrows(DemeterException.class, () -> TestRunCluster.provider(ProviderChoice.DOCKER,
                choice -> { throw missing; })));
    }
}
