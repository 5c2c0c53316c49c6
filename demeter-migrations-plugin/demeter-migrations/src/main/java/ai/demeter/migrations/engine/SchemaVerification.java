package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.database.Secrets;
import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseProvider;
import ai.demeter.migrations.database.ThrowawayDatabase;
import ai.demeter.migrations.safety.DeploySafety;
import ai.demeter.migrations.safety.Finding;
import ai.demeter.migrations.safety.LockProfile;
import ai.demeter.migrations.safety.LockTracer;
import ai.demeter.migrations.safety.MigrationTrace;
import ai.demeter.migrations.safety.TableSizes;
import ai.demeter.migrations.schema.SchemaDifference;
import ai.demeter.migrations.schema.SchemaDocs;
import ai.demeter.migrations.schema.SchemaObject;
import ai.demeter.migrations.schema.SchemaSnapshot;
import ai.demeter.migrations.schema.SnapshotScope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The CI gate ({@code demeter:verify}): on a throwaway database, every migration goes up, down and up again through
 * the engine's own migrate and rollback, and the catalog snapshots around each step must agree: the down must
 * leave the schema its up found, and the second up must build the schema the first one built. Then the committed
 * checksum file must list every migration as it is, and the committed schema listing and diagram must be what the
 * migrations produce. Each up and down is also traced ({@link LockTracer}): its hazards on existing tables fail
 * verify in a migration not released yet unless accepted, and its locks make up the committed lock profile. The
 * migrations newer than the running release must not break its code ({@link ReleaseCompatibilityCheck}) unless they
 * accept it.
 */
public final class SchemaVerification {
    private static final int MAX_DIFFERENCES = 40;

    private final VerifySettings settings;
    private final MigrationListener listener;

    public SchemaVerification(VerifySettings settings, MigrationListener listener) {
        this.settings = settings;
        this.listener = listener;
    }

    public VerifyOutcome run() {
        long started = System.nanoTime();
        DatabaseProvider provider = settings.provider().get();
        try (ThrowawayDatabase database = provider.start()) {
            listener.debug("Throwaway database: " + provider.describe());
            StepTimes times = new StepTimes(listener);
            MigrationEngine engine = new MigrationEngine(new EngineSettings(database.target(), settings.classLoader(),
                    settings.locations(), settings.schema(), settings.historyTable()), times);
            List<CodeMigration> migrations = engine.codeMigrations();
            ChecksumFile.Check checksums = checkChecksums(migrations);
            ReleaseCompatibilityCheck compatibility = ReleaseCompatibilityCheck.of(settings, checksums, migrations,
                    listener);
            SnapshotScope scope = new SnapshotScope(settings.schema(), BookkeepingTables.of(settings.historyTable()));
            try (Connection catalog = Connections.open(database.target());
                 LockTracer tracer = new LockTracer(() -> Connections.open(database.target()), settings.schema(),
                         Set.copyOf(BookkeepingTables.of(settings.historyTable())))) {
                // The database is our own throwaway one, wherever its server runs (a remote Docker host, say).
                RollbackOptions rollback = new RollbackOptions(false, database.target().databaseName(),
                        RollbackOptions.DEFAULT_LOCK_TIMEOUT);
                return roundTrips(engine, rollback, migrations, times, catalog, scope, checksums, compatibility,
                        tracer, started);
            } catch (SQLException e) {
                throw DemeterException.fault("Cannot close the catalog connection: " + Secrets.mask(e.getMessage()), e);
            }
        }
    }

    private VerifyOutcome roundTrips(MigrationEngine engine, RollbackOptions rollback, List<CodeMigration> migrations,
            StepTimes times, Connection catalog, SnapshotScope scope, ChecksumFile.Check checksums,
            ReleaseCompatibilityCheck compatibility, LockTracer tracer, long started) {
        int first = firstRoundTrip(migrations);
        if (first > 0) {
            for (int i = 0; i < first; i++) {
                // One migrate to just before the round trips, stopping where the compatibility check needs a schema.
                boolean wanted = compatibility.wantsSchemaAfter(migrations, i);
                if (wanted || i == first - 1) {
                    engine.migrate(new MigrateTarget.Version(migrations.get(i).versionText()));
                }
                if (wanted) {
                    compatibility.afterUp(migrations.get(i).versionText(), SchemaSnapshot.read(catalog, scope));
                }
            }
            listener.info("Applied V" + migrations.get(0).version() + (first == 1 ? "" : " to V"
                    + migrations.get(first - 1).version()) + " without a round trip (demeter.verify.from="
                    + settings.from() + ").");
        }
        SchemaSnapshot before = SchemaSnapshot.read(catalog, scope);
        // Once every round trip passed, every other check runs and adds what it finds here; verify fails once, at
        // the end, with all of it.
        List<String> problems = new ArrayList<>();
        List<VerifyOutcome.RoundTrip> done = new ArrayList<>();
        List<MigrationTrace> traces = new ArrayList<>();
        for (CodeMigration migration : migrations.subList(first, migrations.size())) {
            String name = "V" + migration.version();
            MigrateTarget target = new MigrateTarget.Version(migration.versionText());
            traces.addAll(tracer.trace(migration.versionText(), Finding.Direction.UP, () -> engine.migrate(target)));
            Duration up = times.last("up");
            SchemaSnapshot afterUp = SchemaSnapshot.read(catalog, scope);
            compatibility.afterUp(migration.versionText(), afterUp);

            try {
                traces.addAll(tracer.trace(migration.versionText(), Finding.Direction.DOWN,
                        () -> engine.rollback(new RollbackRequest.Steps(1), rollback)));
            } catch (DemeterException e) {
                throw DemeterException.userMistake(name + " down failed: " + e.getMessage(), e);
            }
            Duration down = times.last("down");
            List<SchemaDifference> reordered = requireSame(before, SchemaSnapshot.read(catalog, scope), name
                    + " down did not restore the schema its up found", "before the up", "after the down",
                    "Make the down undo exactly what the up does.", settings.strictColumnOrder());
            if (!reordered.isEmpty()) {
                listener.info(name + " down restored every column of " + tables(reordered) + " by name, type,"
                        + " default, constraints and comment, in another order (PostgreSQL adds a column at the end):"
                        + " only select * sees it. -Ddemeter.strictColumnOrder=true fails on it.");
            }

            try {
                engine.migrate(target);
            } catch (DemeterException e) {
                throw DemeterException.userMistake(name + " up failed when applied again after its down, so the down"
                        + " left something behind that the schema does not show (rows, say): " + e.getMessage(), e);
            }
            Duration upAgain = times.last("up");
            SchemaSnapshot afterUpAgain = SchemaSnapshot.read(catalog, scope);
            requireSame(afterUp, afterUpAgain, name + " up applied again after its down did not build the schema its"
                    + " first up built", "after the first up", "after the second up",
                    "Make the up build the same schema whatever ran before it.", settings.strictColumnOrder());

            listener.info(String.format("V%-4s %-48s up %s, down %s, up again %s", migration.version(),
                    migration.description(), Durations.format(up), Durations.format(down), Durations.format(upAgain)));
            done.add(new VerifyOutcome.RoundTrip(migration.versionText(), migration.description(), up, down, upAgain));
            before = afterUpAgain;
        }
        List<Finding> breaks = compatibility.findings(problems);
        String head = migrations.isEmpty() ? "base" : migrations.get(migrations.size() - 1).versionText();
        List<String> written = new ArrayList<>();
        List<String> current = new ArrayList<>();
        LockProfile profile = LockProfile.of(traces);
        // A run that marks a release (-Ddemeter.release) ships every migration it verified.
        boolean marking = checksums != null && settings.release() != null;
        List<Finding> hazards = DeploySafety.assess(traces,
                version -> marking || checksums != null && checksums.released(version));
        if (settings.statsFrom() != null && !hazards.isEmpty()) {
            TableSizes sizes = TableSizes.read(settings.statsFrom(), settings.schema());
            hazards = hazards.stream().map(sizes::annotate).toList();
        }
        finish(checksums, before, head, first == 0 ? profile : null, written, current, problems);
        DeploySafety.newHazards(hazards).ifPresent(problems::add);
        failOn(problems, written);
        List<Finding> findings = new ArrayList<>(hazards);
        findings.addAll(breaks);
        return new VerifyOutcome(done, first, head, written, current, Duration.ofNanos(System.nanoTime() - started),
                findings, profile);
    }

    /** Fails at once on an edited or missing listed migration: no round trip can make that right. */
    private ChecksumFile.Check checkChecksums(List<CodeMigration> migrations) {
        if (settings.checksumFile() == null) {
            return null;
        }
        if (settings.release() != null && !settings.update()) {
            throw DemeterException.userMistake("demeter.release=" + settings.release() + " marks a release in "
                    + display(settings.checksumFile()) + ", which only an update writes. Add -Ddemeter.update=true.");
        }
        ChecksumFile.Check check = ChecksumFile.check(read(settings.checksumFile()), migrations,
                display(settings.checksumFile()), settings.release());
        if (!check.failures().isEmpty()) {
            throw DemeterException.userMistake(String.join("\n", check.failures()));
        }
        return check;
    }

    /**
     * The committed files: written when updating, else compared; every mismatch is reported together. The lock
     * profile is null when older migrations were only applied: they were not measured.
     */
    private void finish(ChecksumFile.Check checksums, SchemaSnapshot head, String version, LockProfile profile,
            List<String> written, List<String> current, List<String> found) {
        List<String> problems = new ArrayList<>();
        if (checksums != null && checksums.upToDate() && settings.release() == null) {
            current.add(display(settings.checksumFile()));
        } else if (checksums != null) {
            String file = display(settings.checksumFile());
            if (settings.update()) {
                write(settings.checksumFile(), checksums.updatedText());
                written.add(file);
            } else if (!checksums.exists()) {
                problems.add(file + " does not exist. Write it with -Ddemeter.update=true and commit it.");
            } else if (!checksums.unlisted().isEmpty()) {
                problems.add("Not in " + file + " yet: " + checksums.unlisted().stream().map(m -> "V" + m.version())
                        .collect(Collectors.joining(", ")) + ". Add them with -Ddemeter.update=true and commit the"
                        + " file.");
            } else {
                problems.add("The total line of " + file + " does not match the lines above it: the file was edited"
                        + " by hand, or merged from two branches. Check that it lists the migrations as they are,"
                        + " then rewrite its total line with -Ddemeter.update=true.");
            }
        }
        if (settings.schemaListing() != null) {
            compareOrWrite(settings.schemaListing(), SchemaDocs.listing(head, version), problems, written, current);
        }
        if (settings.diagram() != null) {
            Path listing = settings.schemaListing() == null ? null
                    : settings.diagram().toAbsolutePath().getParent().relativize(settings.schemaListing().toAbsolutePath());
            compareOrWrite(settings.diagram(), SchemaDocs.diagram(head, version, listing), problems, written, current);
        }
        if (settings.lockProfile() != null && profile != null) {
            compareOrWrite(settings.lockProfile(), profile.markdown(), problems, written, current);
        } else if (settings.lockProfile() != null) {
            listener.info("Not checking " + display(settings.lockProfile()) + ": demeter.verify.from=" + settings.from()
                    + " leaves the older migrations unmeasured.");
        }
        if (!problems.isEmpty()) {
            found.add((found.isEmpty() ? "Every migration went up, down and up again, but the committed files"
                    : "The committed files") + " are not up to date:\n" + String.join("\n", problems));
        }
    }

    /**
     * Fails with every problem found, one after another: a single one as it is, several numbered, so that one run
     * says all that must change (as a compiler or a linter does).
     */
    private static void failOn(List<String> problems, List<String> written) {
        if (problems.isEmpty()) {
            return;
        }
        String rewritten = written.isEmpty() ? "" : "\n(Rewritten in this run: " + String.join(", ", written) + ".)";
        if (problems.size() == 1) {
            throw DemeterException.userMistake(problems.get(0) + rewritten);
        }
        StringBuilder message = new StringBuilder("verify found ").append(problems.size())
                .append(" problems; each is below.");
        for (int i = 0; i < problems.size(); i++) {
            message.append("\n\n").append(i + 1).append(". ").append(problems.get(i));
        }
        throw DemeterException.userMistake(message.append(rewritten).toString());
    }

    private void compareOrWrite(Path file, String expected, List<String> problems, List<String> written,
            List<String> current) {
        String committed = read(file);
        if (expected.equals(committed)) {
            current.add(display(file));
            return;
        }
        if (settings.update()) {
            write(file, expected);
            written.add(display(file));
        } else if (committed == null) {
            problems.add(display(file) + " does not exist. Write it with -Ddemeter.update=true and commit it.");
        } else {
            problems.add(display(file) + " is not what the migrations produce (" + firstDifference(committed, expected)
                    + "). If the change is intended, rewrite it with -Ddemeter.update=true and commit it.");
        }
    }

    /**
     * Throws, listing the differing facts, when two snapshots disagree; where columns stand in their tables counts
     * only when {@code strictColumnOrder}. A round trip that fails stops verify there: what comes after it would run
     * on a schema no deployment has. Returns the column-order differences it let pass (none when strict).
     */
    static List<SchemaDifference> requireSame(SchemaSnapshot expected, SchemaSnapshot actual, String what,
            String left, String right, String hint, boolean strictColumnOrder) {
        List<SchemaDifference> all = expected.differences(actual);
        List<SchemaDifference> differences = all.stream()
                .filter(difference -> strictColumnOrder || !difference.isColumnOrder())
                .toList();
        if (differences.isEmpty()) {
            return all; // nothing but where columns stand, when anything
        }
        StringBuilder message = new StringBuilder(what).append(". ").append(hint);
        differences.stream().limit(MAX_DIFFERENCES)
                .forEach(difference -> message.append("\n  ").append(difference.describe(left, right)));
        if (differences.size() > MAX_DIFFERENCES) {
            message.append("\n  ... and ").append(differences.size() - MAX_DIFFERENCES).append(" more");
        }
        throw DemeterException.userMistake(message.toString());
    }

    /** {@code product_sizes, plots}: the tables of column-order differences. */
    private static String tables(List<SchemaDifference> reordered) {
        return String.join(", ", reordered.stream()
                .map(difference -> ((SchemaObject.Column) difference.object()).table()).distinct().toList());
    }

    private int firstRoundTrip(List<CodeMigration> migrations) {
        if (settings.from() == null || settings.from().isBlank()) {
            return 0;
        }
        String from = settings.from().strip().replaceFirst("^[Vv]", "");
        if (!MigrateTarget.VERSION.matcher(from).matches()) {
            throw DemeterException.userMistake("demeter.verify.from=" + settings.from() + " is not a version such as 18.");
        }
        MigrationVersion version = MigrationVersion.fromVersion(from);
        for (int i = 0; i < migrations.size(); i++) {
            if (MigrationVersion.fromVersion(migrations.get(i).versionText()).compareTo(version) >= 0) {
                return i;
            }
        }
        throw DemeterException.userMistake("demeter.verify.from=" + settings.from() + " is above every migration (the"
                + " newest is V" + (migrations.isEmpty() ? "none" : migrations.get(migrations.size() - 1).version())
                + "), so nothing would be verified.");
    }

    private static String firstDifference(String committed, String expected) {
        List<String> a = committed.lines().toList();
        List<String> b = expected.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String was = i < a.size() ? a.get(i) : null;
            String now = i < b.size() ? b.get(i) : null;
            if (was == null || !was.equals(now)) {
                return "first at line " + (i + 1) + ": committed " + (was == null ? "(end of file)" : "'" + was.strip()
                        + "'") + ", migrations produce " + (now == null ? "(end of file)" : "'" + now.strip() + "'");
            }
        }
        return "line endings differ";
    }

    private String display(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path root = settings.projectRoot().toAbsolutePath().normalize();
        return (absolute.startsWith(root) ? root.relativize(absolute) : absolute).toString().replace('\\', '/');
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw DemeterException.fault("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String text) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw DemeterException.fault("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Keeps the engine's own lines out of the log (verify prints one line per round trip) and remembers the
     * duration of the last step in each direction.
     */
    private static final class StepTimes implements MigrationListener {
        private final MigrationListener log;
        private final java.util.Map<String, Duration> last = new java.util.HashMap<>();

        StepTimes(MigrationListener log) {
            this.log = log;
        }

        Duration last(String direction) {
            return last.getOrDefault(direction, Duration.ZERO);
        }

        public void info(String message) {
            log.debug(message);
        }

        public void warn(String message) {
            log.debug(message);
        }

        public void debug(String message) {
            log.debug(message);
        }

        @Override
        public void migrationFinished(String direction, String version, String description, Duration duration) {
            last.put(direction, duration);
            log.debug(MigrationListener.stepLine(direction, version, description, duration));
        }
    }
}
