package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.AlembicRevision;
import ai.demeter.migrations.api.DemeterMigration;
import ai.demeter.migrations.internal.Lazy;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.flywaydb.core.api.MigrationVersion;

/**
 * A migration in the code, the one model every operation, the packaging and the front ends share: the class
 * {@code V7_1__add_bin_barcode} is version {@code 7.1}, description {@code add bin barcode}, script
 * {@code db.migration.V7_1__add_bin_barcode} (what Flyway's history row names it). The instance, and so its rendered
 * SQL and checksum, is created only when first asked: a migrate with nothing to do decides from the checksum cache
 * without creating any class. {@link MigrationScan} finds them.
 */
public final class CodeMigration {
    private final MigrationVersion version;
    private final String description;
    private final String script;
    private final Integer knownChecksum;
    private final Supplier<Optional<DemeterMigration>> instance;

    private CodeMigration(MigrationVersion version, String description, String script, Integer knownChecksum,
            Supplier<Optional<DemeterMigration>> instance) {
        this.version = Objects.requireNonNull(version, "version");
        this.description = Objects.requireNonNull(description, "description");
        this.script = script;
        this.knownChecksum = knownChecksum;
        this.instance = Lazy.of(instance);
    }

    /** The class {@code script} in {@code loader}, created when first asked; its checksum, when already known. */
    static CodeMigration of(MigrationVersion version, String description, String script, Integer checksum,
            ClassLoader loader) {
        return new CodeMigration(version, description, script, checksum,
                () -> MigrationScan.instance(loader, script));
    }

    /** A migration created already (by a scan that must refuse one that cannot be created). */
    static CodeMigration created(MigrationVersion version, String description, String script,
            DemeterMigration migration) {
        return new CodeMigration(version, description, script, null, () -> Optional.of(migration));
    }

    /** A migration known by its version, description and checksum alone, as a checksum file lists it. */
    public static CodeMigration listed(String version, String description, Integer checksum) {
        return new CodeMigration(MigrationVersion.fromVersion(version), description, null, checksum, Optional::empty);
    }

    public MigrationVersion version() {
        return version;
    }

    /** {@code 7.1}. */
    public String versionText() {
        return version.getVersion();
    }

    public String description() {
        return description;
    }

    /** The class name, as Flyway's history row records it; null for a migration known only from a listing. */
    public String script() {
        return script;
    }

    /** {@code V7.1 add bin barcode}. */
    public String label() {
        return "V" + version.getVersion() + " " + description;
    }

    /** The migration's instance; null when it is not a {@link DemeterMigration} (or is known only by name). */
    public DemeterMigration migration() {
        return instance.get().orElse(null);
    }

    /**
     * What Flyway stores for it: for a Demeter migration the CRC32 of the SQL its up renders (rendered now unless
     * known); null when the migration has none.
     */
    public Integer checksum() {
        if (knownChecksum != null) {
            return knownChecksum;
        }
        DemeterMigration migration = migration();
        return migration == null ? null : migration.getChecksum();
    }

    /** The checksum as eight hex digits, or {@code -} when there is none. */
    public String checksumText() {
        Integer checksum = checksum();
        return checksum == null ? "-" : String.format(Locale.ROOT, "%08x", checksum);
    }

    /** The Alembic revision this migration replaces ({@link AlembicRevision}), if it names one. */
    public Optional<String> alembicRevision() {
        DemeterMigration migration = migration();
        return Optional.ofNullable(migration == null ? null : migration.getClass().getAnnotation(AlembicRevision.class))
                .map(AlembicRevision::value);
    }

    /** Whether it runs in a transaction (a Demeter migration may say it cannot; any other one does). */
    public boolean transactional() {
        DemeterMigration migration = migration();
        return migration == null || migration.canExecuteInTransaction();
    }

    /** The same version, description and class: the same migration, whatever is loaded of it yet. */
    @Override
    public boolean equals(Object other) {
        return other instanceof CodeMigration that && version.equals(that.version)
                && description.equals(that.description) && Objects.equals(script, that.script);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, description, script);
    }

    @Override
    public String toString() {
        return label();
    }
}
