package ai.demeter.schema;

import ai.demeter.migrations.engine.MigrationScan;
import ai.demeter.migrations.engine.CodeMigration;
import java.util.List;

/**
 * The migrations in {@code db.migration} as the tests count them. The first twenty are the port of the Alembic chain,
 * whose head revision (cd8d2c2050ab) is V20: tests of the port name those versions. Tests of what the engine does
 * with the whole chain take its length and head from here instead, so that the next migration a developer adds
 * (README: "Add a migration and use it") fails none of them.
 */
public final class MigrationChain {
    /** The version of the Alembic chain's head revision: the last migration ported from it. */
    public static final String ALEMBIC_HEAD = "20";
    /** How many migrations the port has: V1 to V20. */
    public static final int PORTED = 20;

    private static final List<CodeMigration> MIGRATIONS = MigrationScan.resolve(
            MigrationChain.class.getClassLoader(), List.of("classpath:db/migration"));

    private MigrationChain() {
    }

    /** Every version in the code, oldest first. */
    public static List<String> versions() {
        return MIGRATIONS.stream().map(migration -> migration.version().getVersion()).toList();
    }

    public static int size() {
        return MIGRATIONS.size();
    }

    /** The newest version in the code. */
    public static String head() {
        return versions().get(size() - 1);
    }

    /** The newest migration's description, as {@code current} prints it. */
    public static String headDescription() {
        return MIGRATIONS.get(size() - 1).description();
    }

    /** The description of the migration with {@code version}, as the goals print it. */
    public static String description(String version) {
        return MIGRATIONS.get(versions().indexOf(version)).description();
    }

    /** How many migrations are newer than {@code version}. */
    public static int newerThan(String version) {
        return size() - versions().indexOf(version) - 1;
    }
}
