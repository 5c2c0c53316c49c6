package ai.demeter.migrations.database;

import java.util.Optional;

/** Where throwaway PostgreSQL + PostGIS databases come from. */
public sealed interface DatabaseProvider permits LocalProvider, DockerProvider {

    /** Starts a new, empty database with PostGIS available (not yet created in it). */
    ThrowawayDatabase start();

    /** One line for the build log: what kind of server and where it comes from. */
    String describe();

    /**
     * A provider of the same kind whose servers run PostgreSQL {@code major}, for comparing with a database of that
     * version: each major version prints some catalog facts its own way (view definitions, say), so the schema the
     * migrations build is compared best on the version of the database it is compared with. Empty when no such
     * server can be had here.
     */
    Optional<DatabaseProvider> forMajorVersion(int major);

    /** The major version of the servers this provider starts; 0 when it is known only once one runs. */
    int majorVersion();
}
