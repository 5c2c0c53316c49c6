package ai.demeter.migrations.database;

import ai.demeter.migrations.api.DemeterException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The {@code demeter.provider} setting: {@code local}, {@code docker}, or {@code auto} (local binaries with
 * PostGIS when present, else Docker, else an error naming both fixes).
 */
public enum ProviderChoice {
    AUTO, LOCAL, DOCKER;

    static final String MISSING_BOTH = "No PostgreSQL with PostGIS is available for a throwaway database:"
            + " no local PostgreSQL binaries with PostGIS were found (looked in DEMETER_POSTGRES_PATH, on PATH, at"
            + " pg_config --bindir, in /usr/lib/postgresql/*/bin and the other usual places), and no Docker engine"
            + " answers. Either install PostGIS for your PostgreSQL (Debian/Ubuntu: apt-get install"
            + " postgresql-15-postgis-3), or start Docker to use the " + DockerProvider.DEFAULT_IMAGE + " image.";

    public static ProviderChoice parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DemeterException.userMistake("demeter.provider=" + value + " is not a provider. Use auto, local or docker.");
        }
    }

    /** The provider this choice stands for on this machine. */
    public DatabaseProvider select(Map<String, String> environment, String dockerImage) {
        return select(PostgresInstallation.find(environment), DockerProvider::isDockerAvailable, dockerImage);
    }

    DatabaseProvider select(Optional<PostgresInstallation> installation, BooleanSupplier dockerAvailable,
            String dockerImage) {
        Optional<PostgresInstallation> withPostgis = installation.filter(PostgresInstallation::hasPostgis);
        return switch (this) {
            case LOCAL -> withPostgis.map(LocalProvider::of).orElseThrow(() -> DemeterException.userMistake(
                    installation.map(found -> "PostgreSQL binaries were found in " + found.binDirectory()
                                    + " but PostGIS is not installed for them. Install it (Debian/Ubuntu: apt-get install"
                                    + " postgresql-15-postgis-3, matching your PostgreSQL major version), or use"
                                    + " -Ddemeter.provider=docker.")
                            .orElse("demeter.provider=local, but no PostgreSQL server binaries (initdb, pg_ctl, postgres)"
                                    + " were found in DEMETER_POSTGRES_PATH, on PATH, at pg_config --bindir, in"
                                    + " /usr/lib/postgresql/*/bin or the other usual places."
                                    + " Install them with PostGIS (apt-get install postgresql-15-postgis-3), or use"
                                    + " -Ddemeter.provider=docker.")));
            case DOCKER -> {
                if (!dockerAvailable.getAsBoolean()) {
                    throw DemeterException.userMistake("demeter.provider=docker, but no Docker engine answers. Start"
                            + " Docker, or use -Ddemeter.provider=local with PostgreSQL and PostGIS installed.");
                }
                yield new DockerProvider(dockerImage);
            }
            case AUTO -> {
                if (withPostgis.isPresent()) {
                    yield LocalProvider.of(withPostgis.get());
                }
                if (dockerAvailable.getAsBoolean()) {
                    yield new DockerProvider(dockerImage);
                }
                throw DemeterException.userMistake(MISSING_BOTH);
            }
        };
    }
}
