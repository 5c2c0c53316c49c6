package ai.demeter.migrations.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding the server of a given major version: installations in the places Demeter searches, the Docker image of
 * a version, and the dev database's own version. Installations here are stand-ins that answer {@code --version}, so
 * the search is tested without depending on what this machine has installed.
 */
class ServerVersionsTest {
    @TempDir
    Path installations;

    @Test
    void installationsNamedInTheSearchPathComeFirstWithTheirVersions() throws IOException {
        Path seventeen = fakeInstallation(installations.resolve("17.2-postgis-3.5.3"), "17.2", true);
        Path sixteen = fakeInstallation(installations.resolve("postgresql@16"), "16.9", false);
        Map<String, String> environment = Map.of(PostgresInstallation.SEARCH_PATH_VARIABLE, installations.toString(),
                "PATH", "");
        List<PostgresInstallation> found = PostgresInstallation.findAll(environment);
        assertEquals(new PostgresInstallation(seventeen, true, 17), found.get(0));
        assertEquals(new PostgresInstallation(sixteen, false, 16), found.get(1));
        assertEquals(Optional.of(found.get(0)), PostgresInstallation.find(environment, 17));
        // Without PostGIS an installation cannot serve a throwaway database of its version.
        assertEquals(Optional.empty(), PostgresInstallation.find(environment, 16));
    }

    @Test
    void aLocalProviderTurnsToTheInstallationOfTheComparedVersion() throws IOException {
        Path seventeen = fakeInstallation(installations.resolve("17"), "17.2", true);
        Map<String, String> environment = Map.of(PostgresInstallation.SEARCH_PATH_VARIABLE, installations.toString(),
                "PATH", "");
        LocalProvider fifteen = new LocalProvider(new PostgresInstallation(Path.of("/nowhere/bin"), true, 15),
                ServerUser.detect(), installations);
        assertEquals(Optional.of(fifteen), fifteen.forMajorVersion(15, environment));
        DatabaseProvider other = fifteen.forMajorVersion(17, environment).orElseThrow();
        assertEquals(17, other.majorVersion());
        assertEquals(seventeen, ((LocalProvider) other).installation().binDirectory());
        assertEquals(Optional.empty(), fifteen.forMajorVersion(14, environment));
    }

    @Test
    void dockerTakesThePostgisImageOfTheVersion() {
        DockerProvider fifteen = new DockerProvider(DockerProvider.DEFAULT_IMAGE);
        assertEquals(15, fifteen.majorVersion());
        assertEquals(Optional.of(fifteen), fifteen.forMajorVersion(15));
        assertEquals(Optional.of(new DockerProvider("postgis/postgis:18-3.6")), fifteen.forMajorVersion(18));
        assertEquals(Optional.of(new DockerProvider("registry.example.com/postgis/postgis:14-3.5")),
                new DockerProvider("registry.example.com/postgis/postgis:15-3.3").forMajorVersion(14));
        // Another image's tags are its maintainers' own: not guessed.
        assertEquals(Optional.empty(), new DockerProvider("example/spatial:latest").forMajorVersion(18));
        assertEquals(Optional.empty(), fifteen.forMajorVersion(9));
    }

    @Test
    void theDevDatabaseRunsOnTheVersionThatCreatedIt() throws IOException {
        fakeInstallation(installations.resolve("17"), "17.2", true);
        Map<String, String> environment = Map.of(PostgresInstallation.SEARCH_PATH_VARIABLE, installations.toString(),
                "PATH", "");
        Path data = Files.createDirectories(installations.resolve("project/.demeter/postgres/data"));
        Files.writeString(data.resolve("PG_VERSION"), "17\n");
        assertEquals(17, EmbeddedDevDatabase.installationFor(data, environment).majorVersion());

        Files.writeString(data.resolve("PG_VERSION"), "11\n");
        DemeterException e = assertThrows(DemeterException.class,
                () -> EmbeddedDevDatabase.installationFor(data, environment));
        assertTrue(e.isUserMistake());
        assertTrue(e.getMessage().contains("was created by PostgreSQL 11, but no PostgreSQL 11 with PostGIS was found"
                + " here, and this machine offers PostgreSQL 17"), e.getMessage());
        assertTrue(e.getMessage().contains("Nothing was changed"), e.getMessage());
        assertTrue(e.getMessage().contains("pg_upgrade"), e.getMessage());
        assertEquals("11\n", Files.readString(data.resolve("PG_VERSION")));
    }

    /** A directory that looks like an installation: server binaries that print their version, maybe PostGIS. */
    static Path fakeInstallation(Path prefix, String version, boolean postgis) throws IOException {
        Path bin = Files.createDirectories(prefix.resolve("bin"));
        for (String name : List.of("initdb", "pg_ctl", "postgres")) {
            Path binary = bin.resolve(name);
            Files.writeString(binary, "#!/bin/sh\necho \"" + name + " (PostgreSQL) " + version + "\"\n");
            Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        if (postgis) {
            Path extension = Files.createDirectories(prefix.resolve("share/postgresql/extension"));
            Files.writeString(extension.resolve("postgis.control"), "default_version = '3.5.3'\n");
        }
        return bin;
    }
}
