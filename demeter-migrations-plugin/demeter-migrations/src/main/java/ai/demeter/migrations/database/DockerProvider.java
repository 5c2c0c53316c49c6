package ai.demeter.migrations.database;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** Throwaway databases in a PostGIS container, through Testcontainers, for machines with Docker but no binaries. */
public record DockerProvider(String image) implements DatabaseProvider {
    public static final String DEFAULT_IMAGE = "postgis/postgis:15-3.3";

    /** Whether a Docker engine answers. Asking takes a moment, so callers ask only when Docker is a candidate. */
    public static boolean isDockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    public ThrowawayDatabase start() {
        PostgreSQLContainer container = new PostgreSQLContainer(
                DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"));
        container.start();
        DatabaseTarget target = new DatabaseTarget(container.getJdbcUrl(), container.getUsername(),
                container.getPassword(), "container " + image);
        return new ThrowawayDatabase(target, container::stop);
    }

    @Override
    public String describe() {
        return "Docker container " + image;
    }
}
