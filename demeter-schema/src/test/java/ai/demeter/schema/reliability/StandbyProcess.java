package ai.demeter.schema.reliability;

import ai.demeter.migrations.Demeter;
import ai.demeter.migrations.engine.MigrationListener;
import ai.demeter.migrations.engine.RollbackOptions;
import ai.demeter.migrations.engine.RollbackRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A separate JVM that starts, warms up on the database given as its argument (class loading and rendering every
 * migration's checksum, which reads and writes nothing), prints {@code ready}, then waits on standard input for
 * one line, {@code migrate <url>} or {@code rollback <url>} (to base). A test starts it ahead of time and kills it
 * while it works on the database, not while it boots. Prints {@code started} when the line arrives, one line per
 * migration applied or undone ({@code up   V3 ...}, {@code down V3 ...}) as each commits, then {@code done=<n>} and
 * exits 0, or the error and exits 1.
 */
public final class StandbyProcess {
    private StandbyProcess() {
    }

    public static void main(String[] args) throws Exception {
        connect(args[0]).current();
        System.out.println("ready");
        System.out.flush();
        BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = input.readLine();
        if (line == null) {
            return;
        }
        String[] command = line.strip().split(" ", 2);
        System.out.println("started");
        System.out.flush();
        try {
            Demeter demeter = Demeter.configure().url(command[1], "postgres", null).listener(new MigrationListener() {
                @Override
                public void info(String message) {
                    if (message.startsWith("up ") || message.startsWith("down ")) {
                        System.out.println(message);
                        System.out.flush();
                    }
                }

                @Override
                public void warn(String message) {
                }

                @Override
                public void debug(String message) {
                }
            }).load();
            int done = switch (command[0]) {
                case "migrate" -> demeter.migrate().applied();
                case "rollback" -> demeter.rollback(new RollbackRequest.ToBase(), RollbackOptions.defaults())
                        .plan().steps().size();
                default -> throw new IllegalArgumentException("unknown command " + command[0]);
            };
            System.out.println("done=" + done);
        } catch (RuntimeException e) {
            System.out.println("failed: " + e.getMessage());
            System.exit(1);
        }
    }

    private static Demeter connect(String url) {
        return Demeter.configure().url(url, "postgres", null).listener(MigrationListener.SILENT).load();
    }
}
