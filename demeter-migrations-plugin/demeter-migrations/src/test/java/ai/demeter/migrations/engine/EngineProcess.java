package ai.demeter.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.database.DatabaseTarget;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A separate JVM running one engine command on a database, as a deploy job would: {@code <url> <locations>
 * migrate|rollback} (locations comma-separated). Prints the engine's info lines as they come, then {@code applied=<n>} (or
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
                List.of(args[1].split(",")), EngineSettings.DEFAULT_SCHEMA, EngineSettings.DEFAULT_HISTORY_TABLE), printing);
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

    /** Starts a JVM running {@code command} on {@code target}, with {@code jvmOptions} (system properties, say). */
    static Process start(DatabaseTarget target, String locations, String command, String... jvmOptions)
            throws IOException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        line.addAll(List.of(jvmOptions));
        line.addAll(List.of("-cp", System.getProperty("java.class.path"), EngineProcess.class.getName(), target.url(),
                locations, command));
        return new ProcessBuilder(line).redirectErrorStream(true).start();
    }

    static BufferedReader output(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** The rest of a JVM's output, once it has exited (at most two minutes). */
    static List<String> remaining(BufferedReader output, Process process) throws Exception {
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "a migrating JVM hung");
        List<String> lines = new ArrayList<>();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            lines.add(line);
        }
        return lines;
    }
}
