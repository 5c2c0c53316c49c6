package ai.demeter.migrations.database;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ports on the loopback address, where local clusters listen. */
final class LocalPorts {
    private static final Pattern USERS = Pattern.compile("users:\\(\\((.*)\\)\\)");

    private LocalPorts() {
    }

    /**
     * Whether a server could listen on {@code port} of 127.0.0.1 now. Like PostgreSQL, the probe sets SO_REUSEADDR,
     * so connections of a server just stopped (TIME_WAIT) do not count, only another listener does.
     */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Which process listens on {@code port}, as {@code ss} tells it ({@code "postgres",pid=4242}); empty if unknown. */
    static Optional<String> listener(int port) {
        ProcessOutput result = ProcessOutput.run(List.of("ss", "-ltnpH", "sport = :" + port), null, 5);
        if (!result.succeeded()) {
            return Optional.empty();
        }
        Matcher users = USERS.matcher(result.output());
        return users.find() ? Optional.of(users.group(1).replaceAll(",fd=\\d+", "")) : Optional.empty();
    }
}
