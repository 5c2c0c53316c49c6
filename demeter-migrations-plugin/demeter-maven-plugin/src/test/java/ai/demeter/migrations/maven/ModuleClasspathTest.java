package ai.demeter.migrations.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Model;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record of a module's class path: used while nothing resolution depends on changed, and only then. */
class ModuleClasspathTest {
    @TempDir
    Path work;

    private static MavenProject module(String flywayVersion) {
        Model model = new Model();
        model.setGroupId("ai.demeter");
        model.setArtifactId("demeter-schema");
        model.setVersion("1.0");
        Dependency flyway = new Dependency();
        flyway.setGroupId("org.flywaydb");
        flyway.setArtifactId("flyway-core");
        flyway.setVersion(flywayVersion);
        model.addDependency(flyway);
        return new MavenProject(model);
    }

    private record Files3(Path jar, Path pom, Path classes, Path record) {
    }

    private Files3 recorded(List<String> key) throws IOException {
        Path jar = Files.writeString(work.resolve("flyway-core-13.jar"), "jar bytes");
        Path pom = Files.writeString(work.resolve("flyway-core-13.pom"), "<project/>");
        Path classes = Files.createDirectories(work.resolve("shared/target/classes"));
        Path record = work.resolve("target/demeter/classpath.txt");
        new ModuleClasspath.Record(key, List.of(jar, classes), List.of(jar)).write(record);
        return new Files3(jar, pom, classes, record);
    }

    @Test
    void theRecordGivesTheClassPathsWhileNothingChanged() throws IOException {
        List<String> key = ModuleClasspath.key(module("13.12.0"), List.of(), work.resolve("repository"));
        Files3 files = recorded(key);
        ModuleClasspath.Record read = ModuleClasspath.Record.read(files.record()).orElseThrow();
        assertTrue(read.holdsFor(ModuleClasspath.key(module("13.12.0"), List.of(), work.resolve("repository"))));
        Path output = work.resolve("target/classes");
        ModuleClasspath.Paths paths = read.paths(output);
        assertEquals(List.of(output, files.jar(), files.classes()), paths.compile());
        assertEquals(List.of(output, files.jar()), paths.runtime());
    }

    @Test
    void aChangedDependencyOrBuildMakesTheKeyDiffer() {
        Path repository = work.resolve("repository");
        List<String> key = ModuleClasspath.key(module("13.12.0"), List.of(), repository);
        assertNotEquals(key, ModuleClasspath.key(module("13.13.0"), List.of(), repository), "a version");
        assertNotEquals(key, ModuleClasspath.key(module("13.12.0"), List.of(), work.resolve("elsewhere")),
                "another local repository");
        assertNotEquals(key, ModuleClasspath.key(module("13.12.0"), List.of(module("13.12.0")), repository),
                "another set of projects in the build");
        MavenProject excluding = module("13.12.0");
        org.apache.maven.model.Exclusion exclusion = new org.apache.maven.model.Exclusion();
        exclusion.setGroupId("org.slf4j");
        exclusion.setArtifactId("slf4j-api");
        excluding.getDependencies().get(0).addExclusion(exclusion);
        assertNotEquals(key, ModuleClasspath.key(excluding, List.of(), repository), "an exclusion");
    }

    @Test
    void aChangedJarOrPomOrAGoneFolderVoidsTheRecord() throws IOException {
        List<String> key = ModuleClasspath.key(module("13.12.0"), List.of(), work.resolve("repository"));

        Files3 files = recorded(key);
        Files.writeString(files.jar(), "other jar bytes");
        assertFalse(ModuleClasspath.Record.read(files.record()).isPresent(), "the jar was replaced");

        files = recorded(key);
        Files.setLastModifiedTime(files.pom(), FileTime.fromMillis(Files.getLastModifiedTime(files.pom()).toMillis()
                + 60_000));
        assertFalse(ModuleClasspath.Record.read(files.record()).isPresent(), "the POM beside the jar was reinstalled");

        files = recorded(key);
        Files.delete(files.classes());
        assertFalse(ModuleClasspath.Record.read(files.record()).isPresent(), "a module's classes are gone");

        files = recorded(key);
        assertTrue(ModuleClasspath.Record.read(files.record()).isPresent(), "unchanged, it holds");
        Files.writeString(files.record(), "not a record\n");
        assertFalse(ModuleClasspath.Record.read(files.record()).isPresent(), "a file that is not a record");
    }
}
