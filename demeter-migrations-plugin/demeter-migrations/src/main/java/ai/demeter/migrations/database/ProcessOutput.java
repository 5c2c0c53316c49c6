package ai.demeter.migrations.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs a short external command and captures its output (stdout and stderr together). */
record ProcessOutput(int exitCode, String output) {

    static ProcessOutput run(List<String> command, Path directory, long timeoutSeconds) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        try {
            Process process = builder.start();
            // Read before waiting: a full pipe would block the child.
            byte[] bytes = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new ProcessOutput(-1, new String(bytes, StandardCharsets.UTF_8) + "\n(timed out after "
                        + timeoutSeconds + " s)");
            }
            return new ProcessOutput(process.exitValue(), new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new ProcessOutput(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProcessOutput(-1, "interrupted");
        }
    }

    static Optional<String> firstLine(List<String> command) {
        ProcessOutput result = run(command, null, 10);
        if (result.exitCode() != 0) {
            return Optional.empty();
        }
        return result.output().lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst();
    }

    boolean succeeded() {
        return exitCode == 0;
    }
}
