package ai.demeter.schema.reliability;

import ai.demeter.migrations.Demeter;
import ai.demeter.migrations.engine.MigrationListener;

/**
 * One separate JVM migrating a database to head through the library, as a deploy job would: prints
 * {@code applied=<n>} and exits 0, or prints the error and exits 1.
 */
public final class MigrateProcess {
    private MigrateProcess() {
    }

    public static void main(String[] args) {
        try {
            int applied = Demeter.configure().url(args[0], "postgres", null).listener(MigrationListener.SILENT)
                    .load().migrate().applied();
            System.out.println("applied=" + applied);
        } catch (RuntimeException e) {
            System.out.println("failed: " + e.getMessage());
            System.exit(1);
        }
    }
}
