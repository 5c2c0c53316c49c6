package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.internal.Digests;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The committed list of migrations with their checksums ({@code migrations.sum}): one line per migration
 * ({@code V<version> <checksum> <description>}), release lines ({@code released <name> V<version>}: every migration
 * up to that version has shipped in release {@code <name>}), then a {@code total} line, a hash of the lines above it.
 * A listed migration whose code now renders other SQL is an edited migration, which may already have run somewhere;
 * the total line makes two branches that each add a migration conflict in git, so the second one to merge notices.
 * The last release line tells verify which migrations are new (their deploy-safety findings fail the build) and
 * which schema the release still running during a rolling deploy was built for.
 */
public final class ChecksumFile {
    static final String HEADER = """
            # Migrations and the checksums of the SQL their up renders, checked by demeter:verify.
            # Never change a listed migration: add a new one. New migrations are added with -Ddemeter.update=true.
            # A release line marks the migrations up to it as shipped: -Ddemeter.update=true -Ddemeter.release=<name>.
            """;

    private ChecksumFile() {
    }

    /** One migration line. */
    public record Entry(String version, String checksum, String description) {
        String line() {
            return "V" + version + " " + checksum + " " + description;
        }
    }

    /** A release line: every migration up to {@code version} has shipped in release {@code name}. */
    public record Release(String name, String version) {
        String line() {
            return "released " + name + " V" + version;
        }

        /** Whether {@code migrationVersion} shipped in this release or an earlier one. */
        public boolean includes(String migrationVersion) {
            return MigrationVersion.fromVersion(migrationVersion).compareTo(MigrationVersion.fromVersion(version)) <= 0;
        }
    }

    /**
     * What comparing the file with the code found.
     *
     * @param exists       whether there is a file at all
     * @param failures     edited, vanished and out-of-order migrations: what no update may paper over
     * @param unlisted     migrations not listed yet, which an update appends
     * @param totalMatches whether the total line matches the migration lines
     * @param updatedText  the file with the unlisted migrations appended (and the release being marked, if any)
     *                     and a fresh total line
     * @param releases     the release lines of the file, oldest first
     */
    public record Check(boolean exists, List<String> failures, List<CodeMigration> unlisted, boolean totalMatches,
            String updatedText, List<Release> releases) {
        public boolean upToDate() {
            return exists && failures.isEmpty() && unlisted.isEmpty() && totalMatches;
        }

        /** The newest release line: the schema the release still running was built for. */
        public Optional<Release> lastRelease() {
            return releases.isEmpty() ? Optional.empty() : Optional.of(releases.get(releases.size() - 1));
        }

        /** Whether {@code version} has shipped (listed at or below the last release line). */
        public boolean released(String version) {
            return lastRelease().map(release -> release.includes(version)).orElse(false);
        }
    }

    /** The file's text for {@code migrations}. */
    public static String render(List<Entry> entries) {
        return render(entries, List.of());
    }

    /** The file's text: each release line follows the migration line of its version. */
    public static String render(List<Entry> entries, List<Release> releases) {
        StringBuilder lines = new StringBuilder();
        for (Entry entry : entries) {
            lines.append(entry.line()).append('\n');
            releases.stream().filter(release -> release.version().equals(entry.version()))
                    .forEach(release -> lines.append(release.line()).append('\n'));
        }
        return HEADER + lines + "total " + hash(lines.toString()) + "\n";
    }

    static Entry entry(CodeMigration migration) {
        return new Entry(migration.versionText(), migration.checksumText(), migration.description());
    }

    /**
     * Compares {@code text} (null when the file does not exist) with the code. Changed, missing and out-of-order
     * migrations are failures; migrations not listed yet are {@link Check#unlisted()}, and
     * {@link Check#updatedText()} is the file with them appended.
     */
    public static Check check(String text, List<CodeMigration> code, String fileName) {
        return check(text, code, fileName, null);
    }

    /**
     * As {@link #check(String, List, String)}; with {@code newRelease} not null, {@link Check#updatedText()} also
     * marks every migration in the code as shipped in that release.
     */
    public static Check check(String text, List<CodeMigration> code, String fileName, String newRelease) {
        List<String> failures = new ArrayList<>();
        Map<String, Entry> listed = new LinkedHashMap<>();
        List<Release> releases = new ArrayList<>();
        boolean totalMatches = text == null || parse(text, fileName, listed, releases);
        Map<String, CodeMigration> byVersion = new LinkedHashMap<>();
        code.forEach(migration -> byVersion.put(migration.versionText(), migration));

        for (Entry entry : listed.values()) {
            CodeMigration migration = byVersion.get(entry.version());
            if (migration == null) {
                failures.add("V" + entry.version() + " (" + entry.description() + ") is listed in " + fileName
                        + " but no migration has that version. Restore it: a migration that may have run somewhere"
                        + " cannot disappear.");
            } else if (!migration.checksumText().equals(entry.checksum())) {
                failures.add("V" + entry.version() + " (" + migration.description() + ") changed after it was listed"
                        + " in " + fileName + ": its up now renders SQL with checksum " + migration.checksumText()
                        + ", listed " + entry.checksum() + ". A migration that may have run somewhere must not"
                        + " change: revert the change, and make it in a new migration (./mvnw demeter:new).");
            }
        }
        Optional<MigrationVersion> newestListed = listed.keySet().stream().map(MigrationVersion::fromVersion)
                .max(MigrationVersion::compareTo);
        List<CodeMigration> unlisted = new ArrayList<>();
        for (CodeMigration migration : code) {
            if (listed.containsKey(migration.versionText())) {
                continue;
            }
            if (newestListed.isPresent()
                    && MigrationVersion.fromVersion(migration.versionText()).compareTo(newestListed.get()) < 0) {
                failures.add("V" + migration.version() + " (" + migration.description() + ") is not in " + fileName
                        + " and is older than V" + newestListed.get() + ", the newest listed one: it probably comes"
                        + " from a branch that started before V" + newestListed.get() + " was added. Give it a version"
                        + " above V" + newestListed.get() + " (rename the class).");
            } else {
                unlisted.add(migration);
            }
        }
        List<Entry> entries = new ArrayList<>(listed.values());
        unlisted.forEach(migration -> entries.add(entry(migration)));
        List<Release> updatedReleases = new ArrayList<>(releases);
        if (newRelease != null) {
            updatedReleases.add(newRelease(newRelease, releases, entries, fileName));
        }
        return new Check(text != null, List.copyOf(failures), List.copyOf(unlisted), totalMatches,
                render(entries, updatedReleases), List.copyOf(releases));
    }

    private static Release newRelease(String name, List<Release> releases, List<Entry> entries, String fileName) {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw DemeterException.userMistake("Release name '" + name + "' has characters other than letters, digits,"
                    + " '.', '_' and '-'. Name the release as its tag, for example -Ddemeter.release=2.4.0.");
        }
        if (releases.stream().anyMatch(release -> release.name().equals(name))) {
            throw DemeterException.userMistake(fileName + " already marks release " + name + ". Name the new release"
                    + " differently, or leave -Ddemeter.release out to only list new migrations.");
        }
        if (entries.isEmpty()) {
            throw DemeterException.userMistake("No migrations to mark as released in " + name + ".");
        }
        String head = entries.get(entries.size() - 1).version();
        if (!releases.isEmpty() && releases.get(releases.size() - 1).version().equals(head)) {
            throw DemeterException.userMistake("V" + head + " is already marked as released in "
                    + releases.get(releases.size() - 1).name() + ": no migration was added since.");
        }
        return new Release(name, head);
    }

    /** Reads the migration and release lines; whether the total line matches them. */
    private static boolean parse(String text, String fileName, Map<String, Entry> listed, List<Release> releases) {
        StringBuilder lines = new StringBuilder();
        String total = null;
        int number = 0;
        for (String line : text.lines().toList()) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(" ", 3);
            if (parts[0].equals("total") && parts.length == 2) {
                total = parts[1];
            } else if (parts.length == 3 && parts[0].startsWith("V")) {
                Entry entry = new Entry(parts[0].substring(1), parts[1], parts[2]);
                if (listed.put(entry.version(), entry) != null) {
                    throw DemeterException.userMistake(fileName + " lists V" + entry.version() + " twice (line "
                            + number + "). Keep the line that matches the migration and rewrite the file with"
                            + " -Ddemeter.update=true.");
                }
                lines.append(line).append('\n');
            } else if (parts.length == 3 && parts[0].equals("released") && parts[2].startsWith("V")
                    && listed.containsKey(parts[2].substring(1))) {
                releases.add(new Release(parts[1], parts[2].substring(1)));
                lines.append(line).append('\n');
            } else {
                throw DemeterException.userMistake(fileName + " line " + number + " is not 'V<version> <checksum>"
                        + " <description>', 'released <name> V<listed version>' nor 'total <hash>': " + line
                        + ". Rewrite the file with -Ddemeter.update=true once the listed migrations are right.");
            }
        }
        return hash(lines.toString()).equals(total);
    }

    /** The first 16 bytes of the SHA-256 of {@code lines}, hex. */
    static String hash(String lines) {
        byte[] digest = Digests.sha256().digest(lines.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }
}
