package ai.demeter.migrations.junit;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.database.DatabaseProvider;
import ai.demeter.migrations.database.DockerProvider;
import ai.demeter.migrations.database.LocalProvider;
import ai.demeter.migrations.database.ProviderChoice;
import ai.demeter.migrations.database.TemplateCluster;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.Function;
import org.opentest4j.TestAbortedException;

/**
 * The one throwaway cluster of a test run (JVM), started when the first test asks for a database. It is stopped
 * and deleted when the JVM exits (the library's shutdown hook), so that every test engine run in this JVM, the
 * nested ones of JUnit's EngineTestKit included, shares it. Whether it could be started is remembered: after a
 * failure or a skip, later classes get the same answer at once.
 */
final class TestRunCluster {
    /** {@code auto} (default), {@code local} or {@code docker}, as the goals' {@code demeter.provider}. */
    static final String PROVIDER_PROPERTY = "demeter.provider";
    /** The PostGIS image the docker provider runs, as the goals' {@code demeter.dockerImage}. */
    static final String DOCKER_IMAGE_PROPERTY = "demeter.dockerImage";
    /** Where the local provider makes the cluster's directory; {@link LocalProvider#fastTemporaryRoot()} by default. */
    static final String DIRECTORY_PROPERTY = "demeter.clusterDirectory";

    private static TemplateCluster cluster;
    private static RuntimeException unavailable;

    private TestRunCluster() {
    }

    static synchronized TemplateCluster get() {
        if (cluster != null) {
            return cluster;
        }
        if (unavailable != null) {
            throw unavailable;
        }
        try {
            Properties properties = System.getProperties();
            ProviderChoice choice = ProviderChoice.parse(properties.getProperty(PROVIDER_PROPERTY, "auto"));
            String image = properties.getProperty(DOCKER_IMAGE_PROPERTY, DockerProvider.DEFAULT_IMAGE);
            DatabaseProvider provider = provider(choice, c -> c.select(System.getenv(), image));
            if (provider instanceof LocalProvider local) {
                String directory = properties.getProperty(DIRECTORY_PROPERTY, "").strip();
                provider = local.under(directory.isEmpty() ? LocalProvider.fastTemporaryRoot() : Path.of(directory));
            }
            cluster = TemplateCluster.start(provider);
            return cluster;
        } catch (RuntimeException e) {
            unavailable = e;
            throw e;
        }
    }

    /**
     * The provider {@code choice} selects. When {@code auto} finds neither PostgreSQL with PostGIS nor Docker, the
     * tests are skipped (aborted) with the library's message, which names the package to install and Docker; a
     * provider asked for by name that is not there is a failure, since the build was told to use it.
     */
    static DatabaseProvider provider(ProviderChoice choice, Function<ProviderChoice, DatabaseProvider> select) {
        try {
            return select.apply(choice);
        } catch (DemeterException e) {
            if (choice == ProviderChoice.AUTO && e.isUserMistake()) {
                throw new TestAbortedException("@MigratedDatabase needs a throwaway PostgreSQL + PostGIS server. "
                        + e.getMessage());
            }
            throw e;
        }
    }
}
