package ai.demeter.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.database.DatabaseProvider;
import ai.demeter.migrations.database.LocalProvider;
import ai.demeter.migrations.database.PostgresInstallation;
import ai.demeter.migrations.safety.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verify knows a backfill: its up, down (the inverse) and up again run in the round trip, and the deploy-safety
 * check finds nothing in it, where the same change written as V19 wrote it (the column added and filled by one
 * UPDATE in one transaction) holds ACCESS EXCLUSIVE while every row is rewritten.
 */
class BackfillVerificationTest {
    @TempDir
    Path project;

    @Test
    void aBackfillGoesUpDownAndUpAgainAndIsTheSafeWay() throws Exception {
        RecordingListener listener = new RecordingListener();
        VerifyOutcome outcome = new SchemaVerification(settings(BackfillTest.IMAGES), listener).run();
        assertEquals(List.of(), outcome.findings().stream().filter(f -> f.version().equals("2")).toList(),
                "no hazard in the backfill");
        long backfills = listener.debugs.stream().filter(line -> line.startsWith("V2 backfill of images: 20,000 rows walked"))
                .count();
        long inverses = listener.debugs.stream().filter(line -> line.startsWith("V2 down backfill of images: 20,000 rows"
                + " walked")).count();
        assertEquals(2, backfills, "up ran twice in the round trip (verify logs the engine's lines at debug): " + listener.debugs);
        assertEquals(1, inverses, "down ran its inverse once: " + listener.debugs);
        assertTrue(Files.readString(project.resolve("docs/lock-profile.md")).contains("| V1 |"));
    }

    @Test
    void theSameChangeInOneTransactionHoldsItsLockWhileEveryRowIsRewritten() {
        String naive = BackfillTest.IMAGES.replace("fixtures/backfill", "fixtures/backfillnaive");
        VerifyOutcome outcome = new SchemaVerification(settings(naive), new RecordingListener()).run();
        List<String> rules = outcome.findings().stream().filter(f -> f.version().equals("2")).map(Finding::rule).toList();
        assertTrue(rules.contains("lock-held"), rules.toString());
    }

    private VerifySettings settings(String location) {
        // Released as 1.0 with head: findings are information, so both chains pass and report what they found.
        return new VerifySettings(BackfillVerificationTest::provider, getClass().getClassLoader(), List.of(location.split(",")),
                EngineSettings.DEFAULT_SCHEMA, EngineSettings.DEFAULT_HISTORY_TABLE, null,
                project.resolve("migrations.sum"), null, null, project, true, "1.0", null,
                project.resolve("docs/lock-profile.md"), null);
    }

    private static DatabaseProvider provider() {
        return LocalProvider.of(PostgresInstallation.find(System.getenv()).filter(PostgresInstallation::hasPostgis)
                .orElseThrow(() -> new IllegalStateException("Tests need PostgreSQL with PostGIS")));
    }
}
