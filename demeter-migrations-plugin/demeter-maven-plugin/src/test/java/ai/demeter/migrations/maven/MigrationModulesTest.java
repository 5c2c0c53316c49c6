package ai.demeter.migrations.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.sources.MigrationModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.Resource;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationModulesTest {
    @TempDir
    Path basedir;

    @Test
    void theCompilersConfiguredSourceRootsReplaceTheProjects() throws IOException {
        MavenProject project = project();
        Path shared = Files.createDirectories(basedir.resolve("../shared-chain").normalize());
        Xpp3Dom roots = new Xpp3Dom("compileSourceRoots");
        roots.addChild(root(shared.toString()));
        roots.addChild(root("src/changed/java"));
        Xpp3Dom configuration = new Xpp3Dom("configuration");
        configuration.addChild(roots);
        Plugin compiler = new Plugin();
        compiler.setGroupId("org.apache.maven.plugins");
        compiler.setArtifactId("maven-compiler-plugin");
        compiler.setConfiguration(configuration);
        project.getBuild().addPlugin(compiler);

        assertEquals(List.of(shared, basedir.resolve("src/changed/java")), MigrationModules.sourceRoots(project));
    }

    @Test
    void withoutCompilerConfigurationTheProjectsSourceRootsCount() {
        assertEquals(List.of(basedir.resolve("src/main/java")), MigrationModules.sourceRoots(project()));
    }

    @Test
    void ownsMigrationsAsSourcesOrAsCompiledClasses() throws IOException {
        MavenProject project = project();
        assertFalse(MigrationModules.owns(project, "db/migration"));

        Files.createDirectories(basedir.resolve("target/classes/db/migration"));
        assertTrue(MigrationModules.owns(project, "db/migration"));
        assertEquals(Optional.empty(), MigrationModules.sourceFolder(project, "db/migration"));

        Path sources = Files.createDirectories(basedir.resolve("src/main/java/db/migration"));
        assertEquals(Optional.of(sources), MigrationModules.sourceFolder(project, "db/migration"));
    }

    @Test
    void theModuleCarriesTheBuildsSettings() {
        MavenProject project = project();
        project.getProperties().setProperty("maven.compiler.release", "17");
        project.getProperties().setProperty("project.build.sourceEncoding", "ISO-8859-1");

        MigrationModule module = MigrationModules.of(project, Optional.of("db/migration"),
                List.of(basedir.resolve("target/classes"), Path.of("/repo/jooq.jar")));

        assertEquals("it-plots", module.name());
        assertEquals(basedir.resolve("target/classes"), module.classesDirectory());
        assertEquals(basedir.resolve("target/demeter/classes"), module.workDirectory());
        assertEquals(List.of(Path.of("/repo/jooq.jar")), module.classpath());
        assertEquals(List.of(basedir.resolve("src/main/resources")), module.resourceRoots());
        assertEquals(Optional.of("17"), module.release());
        assertEquals("ISO-8859-1", module.encoding().name());
    }

    private MavenProject project() {
        Model model = new Model();
        model.setGroupId("ai.demeter.it");
        model.setArtifactId("it-plots");
        model.setVersion("1.0");
        Build build = new Build();
        build.setDirectory(basedir.resolve("target").toString());
        build.setOutputDirectory(basedir.resolve("target/classes").toString());
        Resource resources = new Resource();
        resources.setDirectory(basedir.resolve("src/main/resources").toString());
        build.addResource(resources);
        model.setBuild(build);
        MavenProject project = new MavenProject(model);
        project.setFile(basedir.resolve("pom.xml").toFile());
        project.addCompileSourceRoot(basedir.resolve("src/main/java").toString());
        return project;
    }

    private static Xpp3Dom root(String value) {
        Xpp3Dom root = new Xpp3Dom("compileSourceRoot");
        root.setValue(value);
        return root;
    }
}
