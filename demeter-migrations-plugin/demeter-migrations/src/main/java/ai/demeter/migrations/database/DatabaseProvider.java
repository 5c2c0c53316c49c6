package ai.demeter.migrations.database;

/** Where throwaway PostgreSQL + PostGIS databases come from. */
public sealed interface DatabaseProvider permits LocalProvider, DockerProvider {

    /** Starts a new, empty database with PostGIS available (not yet created in it). */
    ThrowawayDatabase start();

    /** One line for the build log: what kind of server and where it comes from. */
    String describe();
}
