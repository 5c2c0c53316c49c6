package ai.demeter.bench;

import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.engine.EngineSettings;
import ai.demeter.migrations.engine.MigrateTarget;
import ai.demeter.migrations.engine.MigrationEngine;
import ai.demeter.migrations.engine.MigrationListener;
import java.util.Arrays;
import java.util.List;

/**
 * The impact section's deploy job: a JVM of its own that migrates a database to head, as {@code demeter:migrate}
 * would, so that the section can kill it mid-backfill. {@code <url> <user> <location>...}; the password, if any,
 * comes in {@code DEMETER_BENCH_PASSWORD}. Prints the engine's info lines as they come, then {@code applied=<n>}.
 */
public final class ImpactMigrateProcess {
    private ImpactMigrateProcess() {
    }

    public static void main(String[] args) {
        DatabaseTarget target = new DatabaseTarget(args[0], args[1], System.getenv("DEMETER_BENCH_PASSWORD"),
                "the impact benchmark");
        List<String> locations = Arrays.asList(args).subList(2, args.length);
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
        MigrationEngine engine = new MigrationEngine(new EngineSettings(target,
                ImpactMigrateProcess.class.getClassLoader(), locations, EngineSettings.DEFAULT_SCHEMA,
                EngineSettings.DEFAULT_HISTORY_TABLE), printing);
        System.out.println("applied=" + engine.migrate(new MigrateTarget.Head()).applied());
    }
}
