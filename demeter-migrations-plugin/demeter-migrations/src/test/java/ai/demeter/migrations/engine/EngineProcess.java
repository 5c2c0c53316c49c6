package ai.demeter.migrations.engine;

import ai.demeter.migrations.database.DatabaseTarget;
import java.util.List;

/**
 * A separate JVM running one engine command on a database, as a deploy job would: {@code <url> <location>
 * migrate|rollback}. Prints the engine's info lines as they come, then {@code applied=<n>} (or
 * {@code rolledBack=<n>}) and exits 0, or {@code failed: <message>} and exits 1.
 */
public final class EngineProcess {
    private EngineProcess() {
    }

    public static void main(String[] args) {
        DatabaseTarget target = new DatabaseTarget(args[0], "postgres", null, "the test");
        MigrationListener printing = new MigrationListener() {
            @Override
            public void info(String message) {
                System.out.println(message);
                System.out.flush();
            }

            @Override
            public void warn(String message) {
                info(message);
            }

            @Override
            public void debug(String message) {
            }
        };
        MigrationEngine engine = new MigrationEngine(new EngineSettings(target, EngineProcess.class.getClassLoader(),
                List.of(args[1]), EngineSettings.DEFAULT_SCHEMA, EngineSettings.DEFAULT_HISTORY_TABLE), printing);
        try {
            if (args[2].equals("migrate")) {
                System.out.println("applied=" + engine.migrate(new MigrateTarget.Head()).applied());
            } else {
                System.out.println("rolledBack=" + engine.rollback(new RollbackRequest.Steps(1),
                        RollbackOptions.defaults()).plan().steps().size());
            }
        } catch (RuntimeException e) {
            System.out.println("failed: " + e.getMessage());
            System.exit(1);
        }
    }
}
