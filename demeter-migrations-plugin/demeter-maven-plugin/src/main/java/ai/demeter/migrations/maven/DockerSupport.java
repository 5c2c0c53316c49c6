package ai.demeter.migrations.maven;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;
import org.codehaus.plexus.classworlds.realm.ClassRealm;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * Testcontainers on the plugin's class path, for the goals that may start a throwaway database in Docker
 * ({@code generate}, {@code verify}, {@code diff}, {@code adopt}): resolved when one of them runs, and added to the
 * plugin's class realm before any of its classes is needed. As a dependency of the plugin it made Maven collect 16
 * more nodes (about half of the plugin's graph) before every goal, though most goals never start a database.
 */
final class DockerSupport {
    /** Written at build time: the Testcontainers module the library's Docker provider was built against. */
    private static final String VERSIONS = "/ai/demeter/migrations/maven/docker-support.properties";
    private static final String PROBE = "org/testcontainers/DockerClientFactory.class";

    private DockerSupport() {
    }

    /**
     * Adds Testcontainers and what it needs (less what the plugin already has) to {@code realm}; does nothing when
     * the realm sees it already (a project may add it to the plugin's dependencies itself).
     */
    static void addTo(ClassRealm realm, RepositorySystem system, RepositorySystemSession session,
            List<RemoteRepository> repositories, List<Artifact> pluginArtifacts, Log log) throws MojoExecutionException {
        if (realm.getResource(PROBE) != null) {
            return;
        }
        String coordinates = coordinates();
        long started = System.nanoTime();
        List<ArtifactResult> resolved;
        try {
            CollectRequest collect = new CollectRequest(new Dependency(new DefaultArtifact(coordinates), "runtime"),
                    repositories);
            resolved = system.resolveDependencies(session, new DependencyRequest(collect, null)).getArtifactResults();
        } catch (DependencyResolutionException e) {
            throw new MojoExecutionException("Cannot resolve " + coordinates + ", which a throwaway database in Docker"
                    + " needs: " + e.getMessage() + ". Check the plugin repositories (settings.xml), or use"
                    + " -Ddemeter.provider=local with PostgreSQL and PostGIS installed.", e);
        }
        Set<String> present = pluginArtifacts.stream().map(a -> a.getGroupId() + ":" + a.getArtifactId())
                .collect(Collectors.toSet());
        int added = 0;
        for (ArtifactResult result : resolved) {
            org.eclipse.aether.artifact.Artifact artifact = result.getArtifact();
            if (present.contains(artifact.getGroupId() + ":" + artifact.getArtifactId()) || artifact.getFile() == null) {
                continue;
            }
            try {
                realm.addURL(artifact.getFile().toURI().toURL());
                added++;
            } catch (MalformedURLException e) {
                throw new MojoExecutionException("Cannot add " + artifact.getFile() + " to the plugin's class path", e);
            }
        }
        try {
            realm.loadClass(PROBE.replace('/', '.').replace(".class", ""));
        } catch (ClassNotFoundException | LinkageError e) {
            throw new MojoExecutionException("Resolved " + coordinates + ", but its classes do not load in the plugin: "
                    + e + ". Use -Ddemeter.provider=local with PostgreSQL and PostGIS installed.", e);
        }
        log.debug("Added " + coordinates + " and its dependencies (" + added + " jars) to the plugin's class path in "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    static String coordinates() throws MojoExecutionException {
        Properties versions = new Properties();
        try (InputStream in = DockerSupport.class.getResourceAsStream(VERSIONS)) {
            if (in == null) {
                throw new MojoExecutionException("The plugin jar lacks " + VERSIONS + "; rebuild the plugin.");
            }
            versions.load(in);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot read " + VERSIONS + " from the plugin jar", e);
        }
        return versions.getProperty("testcontainers");
    }
}
