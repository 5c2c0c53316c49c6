package ai.demeter.migrations.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The selection logic of demeter.provider, with the machine's facts given rather than probed. */
class ProviderChoiceTest {
    private static final Optional<PostgresInstallation> WITH_POSTGIS =
            Optional.of(new PostgresInstallation(Path.of("/opt/pg/bin"), true));
    private static final Optional<PostgresInstallation> WITHOUT_POSTGIS =
            Optional.of(new PostgresInstallation(Path.of("/opt/pg/bin"), false));
    private static final String IMAGE = DockerProvider.DEFAULT_IMAGE;

    @Test
    void autoPrefersLocalBinariesWithPostgis() {
        DatabaseProvider provider = ProviderChoice.AUTO.select(WITH_POSTGIS, () -> true, IMAGE);
        assertInstanceOf(LocalProvider.class, provider);
    }

    @Test
    void autoFallsBackToDockerWhenLocalHasNoPostgis() {
        DatabaseProvider provider = ProviderChoice.AUTO.select(WITHOUT_POSTGIS, () -> true, "postgis/postgis:16-3.4");
        assertEquals(new DockerProvider("postgis/postgis:16-3.4"), provider);
    }

    @Test
    void autoWithNeitherNamesBothFixes() {
        DemeterException e = assertThrows(DemeterException.class,
                () -> ProviderChoice.AUTO.select(Optional.empty(), () -> false, IMAGE));
        assertTrue(e.isUserMistake());
        assertTrue(e.getMessage().contains("apt-get install postgresql-15-postgis-3"), e.getMessage());
        assertTrue(e.getMessage().contains("Docker"), e.getMessage());
    }

    @Test
    void localWithoutPostgisSaysWhereTheBinariesAre() {
        DemeterException e = assertThrows(DemeterException.class,
                () -> ProviderChoice.LOCAL.select(WITHOUT_POSTGIS, () -> true, IMAGE));
        assertTrue(e.getMessage().contains("/opt/pg/bin"), e.getMessage());
        assertTrue(e.getMessage().contains("PostGIS is not installed"), e.getMessage());
    }

    @Test
    void dockerWithoutEngineIsRefused() {
        DemeterException e = assertThrows(DemeterException.class,
                () -> ProviderChoice.DOCKER.select(WITH_POSTGIS, () -> false, IMAGE));
        assertTrue(e.getMessage().contains("no Docker engine answers"), e.getMessage());
    }

    @Test
    void dockerIsNotAskedWhenLocalWins() {
        ProviderChoice.AUTO.select(WITH_POSTGIS, () -> {
            throw new AssertionError("Docker probed although local PostgreSQL with PostGIS is present");
        }, IMAGE);
    }

    @Test
    void parsesCaseInsensitivelyAndRejectsUnknown() {
        assertEquals(ProviderChoice.DOCKER, ProviderChoice.parse(" Docker "));
        DemeterException e = assertThrows(DemeterException.class, () -> ProviderChoice.parse("podman"));
        assertTrue(e.getMessage().contains("auto, local or docker"));
    }
}
