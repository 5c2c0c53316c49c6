package ai.demeter.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.engine.ChecksumFile;
import ai.demeter.migrations.engine.EngineSettings;
import ai.demeter.migrations.engine.MigrateTarget;
import ai.demeter.migrations.engine.MigrationEngine;
import ai.demeter.migrations.junit.MigratedDatabase;
import ai.demeter.migrations.safety.DeploySafety;
import ai.demeter.migrations.safety.Finding;
import ai.demeter.migrations.safety.LockProfile;
import ai.demeter.migrations.safety.LockTracer;
import ai.demeter.migrations.safety.MigrationTrace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The measured locks of two DemeterAI migrations that touch tables already holding rows in production: V16 adds a
 * foreign key between two existing tables, V19 adds columns to s3_images and backfills them. Both are released
 * (migrations.sum), so their hazards are information; the rows measured here are those docs/lock-profile.md holds.
 */
class LockProfileTest {
    private static final Path COMMITTED_PROFILE = Path.of("../docs/lock-profile.md");

    @Test
    @MigratedDatabase(version = "15")
    void v16ScansStorageLocationsToValidateItsForeignKey(DatabaseTarget database, MigrationEngine engine)
            throws IOException {
        List<MigrationTrace> traces = trace(database, engine, "16");
        LockProfile profile = LockProfile.of(traces);

        LockProfile.Row locations = row(profile, Finding.Direction.UP, "storage_locations");
        assertEquals("SHARE ROW EXCLUSIVE", locations.strongest().toString());
        assertEquals(Boolean.TRUE, locations.validationScan());
        assertFalse(locations.rewrite());
        LockProfile.Row sessions = row(profile, Finding.Direction.UP, "photo_processing_sessions");
        assertEquals("SHARE ROW EXCLUSIVE", sessions.strongest().toString());
        assertEquals(Boolean.FALSE, sessions.validationScan());

        List<Finding> findings = DeploySafety.assess(traces, released(engine));
        assertEquals(1, findings.size(), findings.toString());
        Finding scan = findings.get(0);
        assertEquals("validation-scan", scan.rule());
        assertEquals("storage_locations", scan.table());
        assertTrue(scan.released());
        assertFalse(scan.blocking());
        assertCommitted(profile);
    }

    @Test
    @MigratedDatabase(version = "18")
    void v19HoldsItsAccessExclusiveLockOnS3ImagesWhileItBackfills(DatabaseTarget database, MigrationEngine engine)
            throws IOException {
        SchemaQueries.execute(database, """
                insert into s3_images (image_id, s3_bucket, s3_key_original, content_type, file_size_bytes, width_px,
                                       height_px)
                select gen_random_uuid(), 'demeter-photos-original', 'original/' || g || '.jpg', 'image/jpeg', 1024,
                       640, 480
                from generate_series(1, 200) g""");
        List<MigrationTrace> traces = trace(database, engine, "19");
        LockProfile profile = LockProfile.of(traces);

        LockProfile.Row images = row(profile, Finding.Direction.UP, "s3_images");
        assertEquals("ACCESS EXCLUSIVE", images.strongest().toString());
        assertFalse(images.rewrite(), "adding nullable columns rewrites nothing");
        assertEquals("alter table \"s3_images\" add \"s3_key_processed\" varchar(512)", images.statement());

        List<Finding> findings = DeploySafety.assess(traces, released(engine));
        assertEquals(1, findings.size(), findings.toString());
        Finding held = findings.get(0);
        assertEquals("lock-held", held.rule());
        assertEquals(Finding.Direction.UP, held.direction());
        assertEquals("ACCESS EXCLUSIVE on s3_images, taken by alter table \"s3_images\" add \"s3_key_processed\""
                + " varchar(512), is still held while this statement writes rows of s3_images: reads and writes wait"
                + " on s3_images until the migration commits", held.fact());
        assertTrue(held.statement().startsWith("update \"s3_images\" set \"image_type\" = 'original'"),
                held.statement());
        assertTrue(held.released());
        assertCommitted(profile);
    }

    /** Up and down of {@code version}, the next migration of {@code engine}'s database, traced. */
    private static List<MigrationTrace> trace(DatabaseTarget database, MigrationEngine engine, String version) {
        List<MigrationTrace> traces = new ArrayList<>();
        try (LockTracer tracer = new LockTracer(() -> Connections.open(database), "public",
                Set.of(EngineSettings.DEFAULT_HISTORY_TABLE, "demeter_rollback_history"))) {
            traces.addAll(tracer.trace(version, Finding.Direction.UP,
                    () -> engine.migrate(new MigrateTarget.Version(version))));
            traces.addAll(tracer.trace(version, Finding.Direction.DOWN, () -> SchemaQueries.rollbackNewest(engine)));
        }
        assertEquals(2, traces.size());
        return traces;
    }

    private static java.util.function.Predicate<String> released(MigrationEngine engine) throws IOException {
        ChecksumFile.Check check = ChecksumFile.check(Files.readString(Path.of("migrations.sum")),
                engine.codeMigrations(), "migrations.sum");
        return check::released;
    }

    private static LockProfile.Row row(LockProfile profile, Finding.Direction direction, String table) {
        return profile.rows().stream().filter(row -> row.direction() == direction && table.equals(row.table()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + direction + " row for " + table));
    }

    /** The measured rows are the committed profile's rows of these migrations. */
    private static void assertCommitted(LockProfile measured) throws IOException {
        String committed = Files.readString(COMMITTED_PROFILE);
        measured.markdown().lines().filter(line -> line.startsWith("| V"))
                .forEach(line -> assertTrue(committed.contains(line + "\n"), "not in docs/lock-profile.md: " + line));
    }
}
