package ai.demeter.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the repository's Maven Wrapper as a user would, one process per command, output to a log file. The
 * environment is inherited, so {@code MAVEN_ARGS} (a local repository, {@code -o}) applies to every run.
 */
record MavenCommand(Path root, Path logs) {

    /** Runs {@code mvnw -B <arguments>} in {@code directory}; the log's text, or a failure naming the log. */
    String run(Path directory, String logName, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("mvnw").toString());
        command.add("-B");
        command.addAll(arguments);
        Files.createDirectories(logs);
        Path log = logs.resolve(logName + ".log");
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        int exit = process.waitFor();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + exit + " in "
                    + directory + "; its output is in " + log);
        }
        return output;
    }

    /** The first line of {@code mvnw --version}, e.g. "Apache Maven 3.9.11 (...)". */
    String version() throws IOException, InterruptedException {
        return run(root, "maven-version", List.of("--version")).lines().findFirst().orElse("unknown").strip();
    }
}
