package ai.demeter.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.database.DatabaseProvider;
import ai.demeter.migrations.database.LocalProvider;
import ai.demeter.migrations.database.PostgresInstallation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verify gate over the engine's fixture chain, on throwaway clusters of its own. */
class SchemaVerificationTest {
    /** How the listener prints a step's time: milliseconds under a second, tenths of a second from there on
     * (a busy machine gets there). */
    private static final String DURATION = "(\\d+ ms|\\d+\\.\\d s)";

    private static final String CHAIN = "classpath:ai/demeter/migrations/engine/fixtures/chain";

    @TempDir
    Path project;

    @Test
    void theChainPassesAndTheUpdateWritesTheFilesThatTheNextRunFindsCurrent() throws IOException {
        RecordingListener listener = new RecordingListener();
        VerifyOutcome written = new SchemaVerification(settings(null, true), listener).run();
        assertEquals(List.of("1", "2", "3"), written.roundTrips().stream().map(VerifyOutcome.RoundTrip::version).toList());
        assertEquals(List.of("migrations.sum", "docs/schema.sql", "docs/schema-erd.md"), written.written());
        assertTrue(listener.infos.stream().anyMatch(line -> line.matches(
                        "V2 +add plot outline +up " + DURATION + ", down " + DURATION + ", up again " + DURATION)),
                listener.infos.toString());
        assertTrue(Files.readString(project.resolve("docs/schema.sql")).contains("outline geometry(Polygon,4326)"));
        assertTrue(listener.infos.contains("Compatibility with the running release not checked: no release is marked"
                + " in the checksum file. Mark one when cutting a release (-Ddemeter.update=true"
                + " -Ddemeter.release=<tag>), or name the version it runs with -Ddemeter.compatFrom=<version>."),
                listener.infos.toString());
        assertEquals(List.of("share-lock plots accepted: plots has no rows before V3 in any deployment"),
                written.findings().stream().map(finding -> finding.rule() + " " + finding.table() + " accepted: "
                        + finding.accepted().orElse("no")).toList());

        VerifyOutcome again = new SchemaVerification(settings("3", false), new RecordingListener()).run();
        assertEquals(List.of("3"), again.roundTrips().stream().map(VerifyOutcome.RoundTrip::version).toList());
        assertEquals(2, again.migrated());
        assertTrue(again.written().isEmpty());
        assertEquals(List.of("migrations.sum", "docs/schema.sql", "docs/schema-erd.md"), again.current());
    }

    @Test
    void anEditedListedMigrationFailsBeforeAnyRoundTrip() throws IOException {
        Files.writeString(project.resolve("migrations.sum"), ChecksumFile.render(List.of(
                new ChecksumFile.Entry("1", "00000001", "create plots"))));
        RecordingListener listener = new RecordingListener();
        DemeterException failure = assertThrows(DemeterException.class,
                () -> new SchemaVerification(settings(null, true), listener).run());
        assertTrue(failure.isUserMistake());
        assertTrue(failure.getMessage().startsWith("V1 (create plots) changed after it was listed in migrations.sum:"),
                failure.getMessage());
        assertTrue(listener.infos.isEmpty(), "no round trip ran: " + listener.infos);
        assertFalse(Files.exists(project.resolve("docs")));
    }

    @Test
    void aFromVersionAboveEveryMigrationIsRefused() {
        DemeterException failure = assertThrows(DemeterException.class,
                () -> new SchemaVerification(settings("9", false), new RecordingListener()).run());
        assertEquals("demeter.verify.from=9 is above every migration (the newest is V3), so nothing would be"
                + " verified.", failure.getMessage());
    }

    @Test
    void aDownThatRestoresADroppedMiddleColumnByNamePassesAndTheStrictSettingRefusesIt() {
        RecordingListener listener = new RecordingListener();
        VerifyOutcome outcome = new SchemaVerification(columnOrder(false), listener).run();
        assertEquals(List.of("1", "2"), outcome.roundTrips().stream().map(VerifyOutcome.RoundTrip::version).toList());
        assertTrue(listener.infos.contains("V2 down restored every column of plots by name, type, default, constraints"
                + " and comment, in another order (PostgreSQL adds a column at the end): only select * sees it."
                + " -Ddemeter.strictColumnOrder=true fails on it."), listener.infos.toString());

        DemeterException strict = assertThrows(DemeterException.class,
                () -> new SchemaVerification(columnOrder(true), new RecordingListener()).run());
        assertTrue(strict.getMessage().startsWith("V2 down did not restore the schema its up found."),
                strict.getMessage());
        assertTrue(strict.getMessage().contains("\n  column plots.description: position 2 before the up, 4 after the"
                + " down"), strict.getMessage());
    }

    private VerifySettings columnOrder(boolean strict) {
        return new VerifySettings(SchemaVerificationTest::provider, getClass().getClassLoader(),
                List.of("classpath:ai/demeter/migrations/engine/fixtures/columnorder"), EngineSettings.DEFAULT_SCHEMA,
                EngineSettings.DEFAULT_HISTORY_TABLE, null, null, null, null, project, false, null, null, null, null,
                strict);
    }

    private VerifySettings settings(String from, boolean update) {
        return new VerifySettings(SchemaVerificationTest::provider, getClass().getClassLoader(), List.of(CHAIN),
                EngineSettings.DEFAULT_SCHEMA, EngineSettings.DEFAULT_HISTORY_TABLE, from,
                project.resolve("migrations.sum"), project.resolve("docs/schema.sql"),
                project.resolve("docs/schema-erd.md"), project, update, null, null, null, null);
    }

    private static DatabaseProvider provider() {
        return LocalProvider.of(PostgresInstallation.find(System.getenv()).filter(PostgresInstallation::hasPostgis)
                .orElseThrow(() -> new IllegalStateException("Tests need PostgreSQL with PostGIS")));
    }
}
