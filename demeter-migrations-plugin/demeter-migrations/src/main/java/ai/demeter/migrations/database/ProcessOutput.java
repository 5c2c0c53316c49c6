package ai.demeter.migrations.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs a short external command and captures its output (stdout and stderr together). */
record ProcessOutput(int exitCode, String output) {

    static ProcessOutput run(List<String> command, Path directory, long timeoutSeconds) {
        Path capture = null;
        try {
            // Output goes to a file, not a pipe: pg_ctl's server inherits the child's output, and a pipe would keep
            // a reader waiting for as long as the server lives; and the wait below is bounded however the child behaves.
            capture = Files.createTempFile("demeter-process-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(capture.toFile());
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return new ProcessOutput(-1, read(capture) + "\n(" + command.get(0) + " did not finish within "
                        + timeoutSeconds + " s and was stopped)");
            }
            return new ProcessOutput(process.exitValue(), read(capture));
        } catch (IOException e) {
            return new ProcessOutput(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProcessOutput(-1, "interrupted");
        } finally {
            if (capture != null) {
                try {
                    Files.deleteIfExists(capture);
                } catch (IOException e) {
                    // a leftover file in the temporary directory; nothing to do about it here
                }
            }
        }
    }

    private static String read(Path capture) throws IOException {
        return new String(Files.readAllBytes(capture), StandardCharsets.UTF_8);
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
