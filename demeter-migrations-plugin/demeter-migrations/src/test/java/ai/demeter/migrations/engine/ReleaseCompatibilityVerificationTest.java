package ai.demeter.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.database.DatabaseProvider;
import ai.demeter.migrations.database.LocalProvider;
import ai.demeter.migrations.database.PostgresInstallation;
import ai.demeter.migrations.engine.fixtures.compat.released.V1__create_plots;
import ai.demeter.migrations.safety.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verify's compatibility check on throwaway clusters: V1 is marked released in the checksum file, and each test
 * verifies it with a chain of newer migrations that changes its schema.
 */
class ReleaseCompatibilityVerificationTest {
    private static final String FIXTURES = "classpath:ai/demeter/migrations/engine/fixtures/compat/";
    private static final String RELEASED = FIXTURES + "released";

    @TempDir
    Path project;

    @BeforeEach
    void markV1Released() throws IOException {
        String checksum = String.format(Locale.ROOT, "%08x", new V1__create_plots().getChecksum());
        Files.writeString(project.resolve("migrations.sum"), ChecksumFile.render(
                List.of(new ChecksumFile.Entry("1", checksum, "create plots")),
                List.of(new ChecksumFile.Release("1.3", "1"))));
    }

    @Test
    void aDroppedColumnAndANewNotNullColumnFailNamingTheirMigrationsTheFactsAndTheRecipes() {
        RecordingListener listener = new RecordingListener();
        DemeterException failure = assertThrows(DemeterException.class,
                () -> verify(FIXTURES + "breaking", listener, false));
        assertTrue(failure.isUserMistake());
        String message = failure.getMessage();
        // The break comes first among the problems verify found; the files it would also ask for come after it.
        assertTrue(message.contains("\n\n1. V2, V3 break the code of release 1.3 (schema V1), which still runs during a"
                + " rolling deploy. Make each change in steps across releases, or accept it on its migration with"
                + " the reason it is safe:\n"), message);
        assertTrue(message.contains("\n  V2 dropped-column on plots: column plots.note (text) is gone (dropped or"
                + " renamed); the running release names it in every select of plots and may write it.\n    In steps:"
                + " Drop it in two releases: the next release stops using the column"), message);
        assertTrue(message.contains("\n    Or accept: @AcceptHazard(rule = \"dropped-column\", table = \"plots\","
                + " reason = \"...\") on V2"), message);
        assertTrue(message.contains("\n  V3 new-not-null-column on plots: column plots.owner character varying(80)"
                + " is new, NOT NULL and has no default; the running release's inserts into plots leave it out and"
                + " fail.\n    In steps: Add the column nullable or with a default"), message);
        assertTrue(listener.infos.stream().anyMatch(line -> line.startsWith("V3    add plot owner")),
                "the round trips ran first: " + listener.infos);
        assertTrue(Files.notExists(project.resolve("docs")), "nothing was written");
    }

    @Test
    void anAcceptedDropAndAColumnWithADefaultPassWithTheReason() throws IOException {
        RecordingListener listener = new RecordingListener();
        VerifyOutcome outcome = verify(FIXTURES + "accepted", listener, true);

        Finding accepted = outcome.findings().get(0);
        assertEquals(1, outcome.findings().size(), outcome.findings().toString());
        assertEquals("2", accepted.version());
        assertEquals("dropped-column", accepted.rule());
        assertEquals(Optional.of("the running release reads plots with explicit fields since 1.4 and never writes"
                + " note"), accepted.accepted());
        assertTrue(listener.infos.contains("Compatibility with release 1.3 (schema V1), checked for V2 to V3:"
                + " 1 break, 1 accepted by its migration."), listener.infos.toString());
        assertTrue(Files.readString(project.resolve("migrations.sum")).contains("V1 "
                + String.format(Locale.ROOT, "%08x", new V1__create_plots().getChecksum())
                + " create plots\nreleased 1.3 V1\nV2 "), "the release line stays where it was");
    }

    @Test
    void withNoReleaseLineCompatFromNamesTheReleaseAndARenamedColumnShowsAsDropped() throws IOException {
        Files.delete(project.resolve("migrations.sum"));
        DemeterException failure = assertThrows(DemeterException.class, () -> new SchemaVerification(
                settings(FIXTURES + "renamed", false, "V1"), new RecordingListener()).run());
        String message = failure.getMessage();
        assertTrue(message.contains("\n\n1. V2 breaks the code of demeter.compatFrom=V1 (schema V1)"), message);
        assertTrue(message.contains("\n  V2 dropped-column on plots: column plots.note (text) is gone (dropped or"
                + " renamed)"), message);
        assertEquals(1, message.split("\n  V2 ").length - 1, "the added remark column breaks nothing: " + message);
    }

    private VerifyOutcome verify(String newer, RecordingListener listener, boolean update) {
        return new SchemaVerification(settings(newer, update, null), listener).run();
    }

    private VerifySettings settings(String newer, boolean update, String compatFrom) {
        return new VerifySettings(ReleaseCompatibilityVerificationTest::provider, getClass().getClassLoader(),
                List.of(RELEASED, newer), EngineSettings.DEFAULT_SCHEMA, EngineSettings.DEFAULT_HISTORY_TABLE, null,
                project.resolve("migrations.sum"), project.resolve("docs/schema.sql"),
                project.resolve("docs/schema-erd.md"), project, update, null, compatFrom, null, null);
    }

    private static DatabaseProvider provider() {
        return LocalProvider.of(PostgresInstallation.find(System.getenv()).filter(PostgresInstallation::hasPostgis)
                .orElseThrow(() -> new IllegalStateException("Tests need PostgreSQL with PostGIS")));
    }
}
