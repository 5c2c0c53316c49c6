package ai.demeter.migrations.testing;

import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.database.PostgresInstallation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code pg_dump --schema-only} of a test database, for "the schema is exactly as before" assertions; Flyway's and
 * Demeter's history tables are left out, since they record the migrations rather than being made by them.
 */
public final class SchemaDump {
    private SchemaDump() {
    }

    public static String of(DatabaseTarget target) {
        String url = target.url();
        String hostPort = url.substring("jdbc:postgresql://".length(), url.lastIndexOf('/'));
        String database = url.substring(url.lastIndexOf('/') + 1);
        String pgDump = PostgresInstallation.find(System.getenv()).orElseThrow().binary("pg_dump").toString();
        List<String> command = new ArrayList<>(List.of(pgDump, "--schema-only", "--no-owner",
                "--exclude-table=flyway_schema_history", "--exclude-table=demeter_rollback_history",
                "-h", hostPort.substring(0, hostPort.indexOf(':')), "-p", hostPort.substring(hostPort.indexOf(':') + 1),
                "-U", target.user(), database));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("pg_dump failed: " + output);
            }
            // pg_dump 15.14+ writes a random \restrict key each run.
            return output.lines().filter(line -> !line.startsWith("\\restrict") && !line.startsWith("\\unrestrict"))
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
