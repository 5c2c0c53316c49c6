package ai.demeter.migrations.database;

import ai.demeter.migrations.api.DemeterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * How the PostgreSQL binaries are run. PostgreSQL refuses to run as root, so as root they run inside a user
 * namespace ({@code unshare -U}: no other user, files stay root's), or, where user namespaces are not allowed
 * (some container sandboxes), as the {@code postgres} user through {@code runuser}, which needs directories it
 * owns and can reach.
 */
public sealed interface ServerUser {

    /** The command prefix that runs a server binary. */
    List<String> prefix();

    /** Makes {@code directory} (and everything in it) usable by the server process. */
    void adopt(Path directory);

    String describe();

    static ServerUser detect() {
        if (!isRoot()) {
            return new Self();
        }
        if (ProcessOutput.run(List.of("unshare", "-U", "true"), null, 10).succeeded()) {
            return new UserNamespace();
        }
        if (ProcessOutput.run(List.of("id", "-u", "postgres"), null, 10).succeeded()) {
            return new RunAs("postgres");
        }
        throw DemeterException.userMistake("PostgreSQL cannot run as root, and neither way around that works here:"
                + " 'unshare -U' is not allowed (user namespaces are disabled) and there is no 'postgres' user."
                + " Run the build as a non-root user, or create the user (useradd --system postgres).");
    }

    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Not root: run the binaries directly. */
    record Self() implements ServerUser {
        public List<String> prefix() {
            return List.of();
        }

        public void adopt(Path directory) {
        }

        public String describe() {
            return "as the current user";
        }
    }

    /** Root, in a new user namespace. */
    record UserNamespace() implements ServerUser {
        public List<String> prefix() {
            return List.of("unshare", "-U");
        }

        public void adopt(Path directory) {
        }

        public String describe() {
            return "as root in a user namespace (unshare -U)";
        }
    }

    /** Root, switching to a system user. */
    record RunAs(String user) implements ServerUser {
        public List<String> prefix() {
            return List.of("runuser", "-u", user, "--");
        }

        public void adopt(Path directory) {
            try {
                UserPrincipal owner = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
                List<Path> tree = new ArrayList<>();
                try (Stream<Path> walk = Files.walk(directory)) {
                    walk.forEach(tree::add);
                }
                for (Path path : tree) {
                    Files.setOwner(path, owner);
                }
            } catch (IOException e) {
                throw DemeterException.fault("Cannot hand " + directory + " to the '" + user + "' user", e);
            }
        }

        public String describe() {
            return "as root through runuser -u " + user;
        }
    }
}
