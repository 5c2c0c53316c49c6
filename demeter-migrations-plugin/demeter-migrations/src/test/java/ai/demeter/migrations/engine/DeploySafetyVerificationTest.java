package ai.demeter.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.database.DatabaseProvider;
import ai.demeter.migrations.database.LocalProvider;
import ai.demeter.migrations.database.PostgresInstallation;
import ai.demeter.migrations.safety.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verify over a chain whose V2 builds an index the blocking way on a table with rows: a new V2 fails verify with
 * the safe recipe; once migrations.sum marks it released, the same hazard is information and verify passes.
 */
class DeploySafetyVerificationTest {
    private static final String FIXTURES = "classpath:ai/demeter/migrations/safety/fixtures/";

    @TempDir
    Path project;

    @Test
    void aNewHazardFailsVerifyAndTheSameHazardReleasedIsInformation() throws IOException {
        DemeterException failure = assertThrows(DemeterException.class,
                () -> new SchemaVerification(settings(null), new RecordingListener()).run());
        assertTrue(failure.isUserMistake());
        assertTrue(failure.getMessage().startsWith("1 hazard in migrations not released yet"), failure.getMessage());
        assertTrue(failure.getMessage().contains("\n  V2 up share-lock on plots: built index idx_plots_code on plots"
                + " under SHARE: writes wait while the index is built [create index \"idx_plots_code\" on"
                + " \"plots\"(\"code\")] (NEW: fails verify)\n    safe way: build the index with db.execute(\"create"
                + " index concurrently ...\")"), failure.getMessage());
        String profile = Files.readString(project.resolve("docs/lock-profile.md"));
        assertTrue(profile.contains("| V2 | up | plots | SHARE | no | no | `create index \"idx_plots_code\" on"
                + " \"plots\"(\"code\")` |\n"), profile);

        VerifyOutcome released = new SchemaVerification(settings("1.0"), new RecordingListener()).run();
        Finding finding = released.findings().get(0);
        assertEquals(1, released.findings().size());
        assertEquals("share-lock", finding.rule());
        assertTrue(finding.released());
        assertTrue(Files.readString(project.resolve("migrations.sum")).contains("\nreleased 1.0 V2\n"));
        assertTrue(released.current().contains("docs/lock-profile.md"), released.current().toString());
    }

    private VerifySettings settings(String release) {
        return new VerifySettings(DeploySafetyVerificationTest::provider, getClass().getClassLoader(),
                List.of(FIXTURES + "base", FIXTURES + "index"), EngineSettings.DEFAULT_SCHEMA,
                EngineSettings.DEFAULT_HISTORY_TABLE, null, project.resolve("migrations.sum"), null, null, project,
                true, release, null, project.resolve("docs/lock-profile.md"), null);
    }

    private static DatabaseProvider provider() {
        return LocalProvider.of(PostgresInstallation.find(System.getenv()).filter(PostgresInstallation::hasPostgis)
                .orElseThrow(() -> new IllegalStateException("Tests need PostgreSQL with PostGIS")));
    }
}
