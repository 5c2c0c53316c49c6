package ai.demeter.migrations.database;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** Throwaway databases in a PostGIS container, through Testcontainers, for machines with Docker but no binaries. */
public record DockerProvider(String image) implements DatabaseProvider {
    public static final String DEFAULT_IMAGE = "postgis/postgis:15-3.3";

    /** The {@code postgis/postgis} tag for each major version: the newest PostGIS published for it. */
    static final Map<Integer, String> POSTGIS_TAGS = Map.of(13, "13-3.5", 14, "14-3.5", 15, "15-3.5", 16, "16-3.5",
            17, "17-3.5", 18, "18-3.6");

    /** {@code postgis/postgis:15-3.3}: the major version leads the tag. */
    private static final Pattern POSTGIS_IMAGE = Pattern.compile("(.*postgis/postgis):(\\d+)-.*");

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

    /**
     * The {@code postgis/postgis} image of that major version; an image of another repository is kept only when its
     * tag cannot be read, since its maintainers' tags are unknown here.
     */
    @Override
    public Optional<DatabaseProvider> forMajorVersion(int major) {
        Matcher postgis = POSTGIS_IMAGE.matcher(image);
        if (!postgis.matches()) {
            return Optional.empty();
        }
        if (Integer.parseInt(postgis.group(2)) == major) {
            return Optional.of(this);
        }
        return Optional.ofNullable(POSTGIS_TAGS.get(major))
                .map(tag -> new DockerProvider(postgis.group(1) + ":" + tag));
    }

    @Override
    public int majorVersion() {
        Matcher postgis = POSTGIS_IMAGE.matcher(image);
        return postgis.matches() ? Integer.parseInt(postgis.group(2)) : 0;
    }
}
