package ai.demeter.migrations.junit;

import static ai.demeter.migrations.junit.Fixtures.FAILING;
import static ai.demeter.migrations.junit.Fixtures.GREENHOUSES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import ai.demeter.migrations.api.DemeterException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** What a test class gets when its database cannot be made: the class fails, saying why, and no test runs. */
class FailuresTest {

    @Test
    void aMigrationThatFailsWhileBuildingTheTemplateFailsTheClassNamingIt() {
        Throwable failure = classFailure(OnAFailingChain.class);

        assertInstanceOf(DemeterException.class, failure);
        String message = failure.getMessage();
        assertTrue(message.startsWith("@MigratedDatabase on " + OnAFailingChain.class.getName()
                + ": cannot migrate a template database to head from " + FAILING + ".\n"), message);
        assertTrue(message.contains("Migration V2 (index greenhouse names) failed."), message);
        assertTrue(message.contains("SQLSTATE:  42703"), message);
        assertTrue(message.contains("column \"name\" does not exist"), message);
    }

    @Test
    void everyClassOnThatChainFailsTheSameWay() {
        Throwable failure = classFailure(AlsoOnTheFailingChain.class);
        assertTrue(failure.getMessage().contains("Migration V2 (index greenhouse names) failed."), failure.getMessage());
    }

    @Test
    void aVersionNoMigrationHasFailsTheClassListingTheVersionsThereAre() {
        Throwable failure = classFailure(AtAnUnknownVersion.class);
        assertTrue(failure.getMessage().contains("No migration at " + GREENHOUSES + " has version 7; there are V1, V2,"
                + " V3. Use one of these, or \"head\"."), failure.getMessage());
    }

    @Test
    void aVersionThatIsNoVersionIsAConfigurationError() {
        Throwable failure = classFailure(AtANonsenseVersion.class);
        assertInstanceOf(ExtensionConfigurationException.class, failure);
        assertEquals("@MigratedDatabase(version = \"latest-ish\") on " + AtANonsenseVersion.class.getName()
                + " is not a version. Use \"head\", \"base\", or a migration's version such as \"17\".",
                failure.getMessage());
    }

    /** Runs {@code fixture}, checks that none of its tests started, and returns why the class failed. */
    private static Throwable classFailure(Class<?> fixture) {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute();
        results.testEvents().assertStatistics(stats -> stats.started(0));
        List<Event> failed = results.containerEvents().failed().list();
        assertEquals(1, failed.size(), failed.toString());
        return failed.get(0).getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }

    @MigratedDatabase(locations = FAILING)
    static class OnAFailingChain {
        @Test
        void neverRuns() {
        }
    }

    @MigratedDatabase(locations = FAILING)
    static class AlsoOnTheFailingChain {
        @Test
        void neverRuns() {
        }
    }

    @MigratedDatabase(locations = GREENHOUSES, version = "7")
    static class AtAnUnknownVersion {
        @Test
        void neverRuns() {
        }
    }

    @MigratedDatabase(locations = GREENHOUSES, version = "latest-ish")
    static class AtANonsenseVersion {
        @Test
        void neverRuns() {
        }
    }
}
