package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.safety.Acceptances;
import ai.demeter.migrations.safety.Finding;
import ai.demeter.migrations.safety.ReleaseCompatibility;
import ai.demeter.migrations.schema.SchemaSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Verify's check of the migrations newer than the running release against that release's schema: it names the
 * release (the checksum file's last release line, or {@code demeter.compatFrom}), keeps the snapshots verify takes
 * after the release's last migration and after each newer one, and turns them into findings through
 * {@link ReleaseCompatibility}. Unaccepted findings of migrations not released yet fail verify.
 */
final class ReleaseCompatibilityCheck {
    private final String release;
    private final MigrationVersion base;
    private final Predicate<String> isReleased;
    private final Function<String, Acceptances> acceptances;
    private final MigrationListener listener;
    private SchemaSnapshot released;
    private final List<ReleaseCompatibility.AfterUp> newer = new ArrayList<>();

    private ReleaseCompatibilityCheck(String release, MigrationVersion base, Predicate<String> isReleased,
            Function<String, Acceptances> acceptances, MigrationListener listener) {
        this.release = release;
        this.base = base;
        this.isReleased = isReleased;
        this.acceptances = acceptances;
        this.listener = listener;
    }

    /**
     * The check for this verification; one that does nothing (having said why) when no release is known or no
     * migration is newer than it.
     */
    static ReleaseCompatibilityCheck of(VerifySettings settings, ChecksumFile.Check checksums,
            List<CodeMigration> migrations, MigrationListener listener) {
        Predicate<String> isReleased = version -> checksums != null && checksums.released(version);
        Map<String, Acceptances> byVersion = new HashMap<>();
        Function<String, Acceptances> acceptances = version -> {
            if (byVersion.isEmpty()) {
                byVersion.putAll(acceptancesOf(settings));
            }
            return byVersion.getOrDefault(version, Acceptances.none());
        };
        String release;
        MigrationVersion base;
        if (settings.compatFrom() != null && !settings.compatFrom().isBlank()) {
            String from = settings.compatFrom().strip().replaceFirst("^[Vv]", "");
            if (!MigrateTarget.VERSION.matcher(from).matches()) {
                throw DemeterException.userMistake("demeter.compatFrom=" + settings.compatFrom() + " is not a"
                        + " version such as 20.");
            }
            base = MigrationVersion.fromVersion(from);
            release = "demeter.compatFrom=" + settings.compatFrom().strip();
            requireWithinChain(base, migrations, release);
        } else if (checksums != null && checksums.lastRelease().isPresent()) {
            ChecksumFile.Release last = checksums.lastRelease().get();
            base = MigrationVersion.fromVersion(last.version());
            release = "release " + last.name();
        } else {
            listener.info("Compatibility with the running release not checked: no release is marked in the checksum"
                    + " file. Mark one when cutting a release (-Ddemeter.update=true -Ddemeter.release=<tag>), or"
                    + " name the version it runs with -Ddemeter.compatFrom=<version>.");
            return inactive(listener);
        }
        if (migrations.stream().noneMatch(m -> MigrationVersion.fromVersion(m.versionText()).compareTo(base) > 0)) {
            listener.info("Compatibility with " + release + " (schema V" + base + "): no migration is newer, nothing"
                    + " to compare.");
            return inactive(listener);
        }
        return new ReleaseCompatibilityCheck(release, base, isReleased, acceptances, listener);
    }

    private static ReleaseCompatibilityCheck inactive(MigrationListener listener) {
        return new ReleaseCompatibilityCheck(null, null, version -> false, version -> Acceptances.none(), listener);
    }

    /**
     * Whether the check needs the schema after {@code migrations.get(index)}'s up: the release's last migration
     * or a newer one.
     */
    boolean wantsSchemaAfter(List<CodeMigration> migrations, int index) {
        if (base == null) {
            return false;
        }
        int last = migrations.size() - 1;
        return index < last ? newerThanBase(migrations.get(index + 1).versionText()) : newerThanBase(migrations.get(index)
                .versionText());
    }

    /** The schema after {@code version}'s up, oldest first; those the check does not need are ignored. */
    void afterUp(String version, SchemaSnapshot schema) {
        if (base == null) {
            return;
        }
        if (!newerThanBase(version)) {
            released = schema;
        } else {
            newer.add(new ReleaseCompatibility.AfterUp(version, schema));
        }
    }

    private boolean newerThanBase(String version) {
        return MigrationVersion.fromVersion(version).compareTo(base) > 0;
    }

    /**
     * The findings, once every migration went up; the failure the blocking ones make is added to {@code problems},
     * so that verify reports it with everything else it found.
     */
    List<Finding> findings(List<String> problems) {
        if (base == null) {
            return List.of();
        }
        String schema = release + " (schema V" + base + ")";
        if (released == null) {
            throw new IllegalStateException("No snapshot of " + schema + " was taken");
        }
        List<Finding> findings = ReleaseCompatibility.findings(released, newer, acceptances, isReleased);
        List<Finding> blocking = findings.stream().filter(Finding::blocking).toList();
        if (!blocking.isEmpty()) {
            problems.add(failure(schema, blocking));
            return findings;
        }
        String versions = "V" + newer.get(0).version() + (newer.size() == 1 ? ""
                : " to V" + newer.get(newer.size() - 1).version());
        if (findings.isEmpty()) {
            listener.info("Compatible with " + schema + ": " + versions + (newer.size() == 1 ? " changes" : " change")
                    + " nothing its generated code uses.");
            return findings;
        }
        long released = findings.stream().filter(Finding::released).count();
        long accepted = findings.size() - released;
        List<String> how = new ArrayList<>();
        if (accepted > 0) {
            how.add(accepted + " accepted by " + (accepted == 1 ? "its migration" : "their migrations"));
        }
        if (released > 0) {
            how.add(released + " in released migrations");
        }
        listener.info("Compatibility with " + schema + ", checked for " + versions + ": " + findings.size()
                + (findings.size() == 1 ? " break, " : " breaks, ") + String.join(", ", how) + ".");
        return findings;
    }

    private static String failure(String schema, List<Finding> blocking) {
        StringBuilder message = new StringBuilder(blocking.stream().map(f -> "V" + f.version()).distinct()
                .collect(Collectors.joining(", "))).append(blocking.size() == 1 ? " breaks" : " break")
                .append(" the code of ").append(schema).append(", which still runs during a rolling deploy. Make")
                .append(" each change in steps across releases, or accept it on its migration with the reason it")
                .append(" is safe:");
        for (Finding finding : blocking) {
            message.append("\n  V").append(finding.version()).append(' ').append(finding.rule()).append(" on ")
                    .append(finding.table()).append(": ").append(finding.fact())
                    .append("\n    In steps: ").append(finding.recipe())
                    .append("\n    Or accept: @AcceptHazard(rule = \"").append(finding.rule()).append("\", table = \"")
                    .append(finding.table()).append("\", reason = \"...\") on V").append(finding.version());
        }
        return message.toString();
    }

    private static void requireWithinChain(MigrationVersion base, List<CodeMigration> migrations, String release) {
        if (migrations.isEmpty()) {
            return;
        }
        MigrationVersion oldest = MigrationVersion.fromVersion(migrations.get(0).versionText());
        MigrationVersion newest = MigrationVersion.fromVersion(migrations.get(migrations.size() - 1).versionText());
        if (base.compareTo(oldest) < 0) {
            throw DemeterException.userMistake(release + " is below every migration (the oldest is V" + oldest
                    + "): a release with no schema has no code to break. Name the newest migration it shipped.");
        }
        if (base.compareTo(newest) > 0) {
            throw DemeterException.userMistake(release + " is above every migration (the newest is V" + newest
                    + "). Name the newest migration the running release shipped.");
        }
    }

    /** What each migration class accepts, by version; read only when there are findings. */
    private static Map<String, Acceptances> acceptancesOf(VerifySettings settings) {
        List<String> classpath = settings.locations().stream().filter(l -> l.startsWith("classpath:")).toList();
        return MigrationScan.resolve(settings.classLoader(), classpath).stream().collect(Collectors.toMap(
                migration -> migration.version().getVersion(), migration -> Acceptances.of(migration.migration()
                        .getClass())));
    }
}
