package ai.demeter.migrations.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Publisher;

class MigrationCompilerTest {
    @TempDir
    Path module;

    @Test
    void compilesSourcesThatWereNeverBuilt() {
        write("V1__create_plots", "db.createTable(\"plots\").column(\"id\", org.jooq.impl.SQLDataType.INTEGER).execute();");

        MigrationClasses classes = MigrationCompiler.current(module());

        MigrationClasses.Compiled compiled = assertInstanceOf(MigrationClasses.Compiled.class, classes.origin());
        assertEquals(1, compiled.sources());
        assertEquals("the module is not compiled yet", compiled.reason());
        assertEquals(module.resolve("target/demeter/classes"), classes.directory());
        assertTrue(Files.isRegularFile(classes.directory().resolve("db/migration/V1__create_plots.class")));
    }

    @Test
    void reusesItsOwnClassesWhileTheSourcesStayTheSame() {
        write("V1__create_plots", "");
        MigrationCompiler.current(module());

        assertInstanceOf(MigrationClasses.Reused.class, MigrationCompiler.current(module()).origin());

        write("V1__create_plots", "db.execute(\"select 1\");");
        assertInstanceOf(MigrationClasses.Compiled.class, MigrationCompiler.current(module()).origin());
    }

    @Test
    void usesTheBuildOutputWhenEveryClassIsNewerThanItsSource() throws IOException {
        Path source = write("V1__create_plots", "");
        Path built = buildOutput("db/migration/V1__create_plots.class", Instant.now().plusSeconds(5));

        MigrationClasses classes = MigrationCompiler.current(module());

        assertInstanceOf(MigrationClasses.BuildOutput.class, classes.origin());
        assertEquals(built.getParent().getParent().getParent(), classes.directory());
        assertEquals(List.of(), classes.resources());

        Files.setLastModifiedTime(source, FileTime.from(Instant.now().plusSeconds(10)));
        assertEquals(Optional.of("db/migration/V1__create_plots.java changed since it was compiled"),
                MigrationCompiler.outdated(module(), MigrationCompiler.sources(module().sourceRoots())));
    }

    @Test
    void aMigrationClassWhoseSourceIsGoneMakesTheBuildOutputOutdated() throws IOException {
        write("V1__create_plots", "");
        Instant later = Instant.now().plusSeconds(5);
        buildOutput("db/migration/V1__create_plots.class", later);
        buildOutput("db/migration/V1__create_plots$1.class", later);
        buildOutput("db/migration/V2__removed.class", later);

        assertEquals(Optional.of("db/migration/V2__removed.class has no source any more"),
                MigrationCompiler.outdated(module(), MigrationCompiler.sources(module().sourceRoots())));
    }

    @Test
    void sourcesThatDoNotCompileFailWithTheCompilersMessageAndLeaveNoClasses() {
        write("V1__create_plots", "db.createTablee(\"plots\").execute();");

        DemeterException failure = assertThrows(DemeterException.class, () -> MigrationCompiler.current(module()));

        assertTrue(failure.isUserMistake());
        assertTrue(failure.getMessage().startsWith("The migrations of plots do not compile, so they were not run and"
                + " nothing was changed:\n  " + module.resolve("src/main/java/db/migration/V1__create_plots.java")
                + ":11: cannot find symbol"), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("Fix the source and run the goal again."), failure.getMessage());
        assertTrue(Files.notExists(module.resolve("target/demeter/classes")));
    }

    private MigrationModule module() {
        return new MigrationModule("plots", List.of(module.resolve("src/main/java")),
                List.of(module.resolve("src/main/resources")), module.resolve("target/classes"),
                module.resolve("target/demeter/classes"), List.of(classpathOf(DemeterException.class),
                        classpathOf(DSLContext.class), classpathOf(BaseJavaMigration.class),
                        classpathOf(Publisher.class)), Optional.of("db/migration"), Optional.of("17"),
                StandardCharsets.UTF_8);
    }

    private Path write(String name, String upBody) {
        Path file = module.resolve("src/main/java/db/migration/" + name + ".java");
        String source = """
                package db.migration;

                import ai.demeter.migrations.api.DemeterMigration;
                import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.jooq.DSLContext;

                public class %s extends DemeterMigration {
                    @Override
                    protected void up(DSLContext db) {
                        // the statement under test
                        %s
                    }
                }
                """.formatted(name, upBody);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, source);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return file;
    }

    private Path buildOutput(String name, Instant modified) throws IOException {
        Path file = module.resolve("target/classes/" + name);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {(byte) 0xCA, (byte) 0xFE});
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    private static Path classpathOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
