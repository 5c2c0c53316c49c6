package ai.demeter.migrations.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationClassLoaderTest {
    @TempDir
    Path folder;

    @Test
    void theOutdatedCopyInTheParentIsNeverSeen() throws IOException, ClassNotFoundException {
        Path outdated = folder.resolve("outdated");
        Path current = folder.resolve("current");
        file(outdated, "db/migration/V1__create_plots.sql", "old");
        file(outdated, "db/migration/V2__removed.sql", "gone");
        file(current, "db/migration/V1__create_plots.sql", "new");
        Path elsewhere = folder.resolve("elsewhere");
        file(elsewhere, "db/migration/V9__from_another_module.sql", "kept");

        try (URLClassLoader parent = new URLClassLoader(new URL[] {outdated.toUri().toURL(), elsewhere.toUri().toURL()},
                getClass().getClassLoader());
                MigrationClassLoader loader = new MigrationClassLoader(List.of(current), parent, List.of(outdated))) {
            assertEquals(List.of(current.resolve("db/migration").toUri().toURL().toString().replaceAll("/$", ""),
                            elsewhere.resolve("db/migration").toUri().toURL().toString().replaceAll("/$", "")),
                    Collections.list(loader.getResources("db/migration")).stream()
                            .map(url -> url.toString().replaceAll("/$", "")).toList());
            assertEquals(current.resolve("db/migration/V1__create_plots.sql").toUri().toURL(),
                    loader.getResource("db/migration/V1__create_plots.sql"));
            assertNull(loader.getResource("db/migration/V2__removed.sql"));
            // Classes the parent has that are not in the outdated copy still come from the parent.
            assertSame(Test.class, loader.loadClass(Test.class.getName()));
        }
    }

    @Test
    void aClassOnlyInTheOutdatedCopyIsNotFound() throws IOException {
        Path outdated = folder.resolve("outdated");
        Path current = folder.resolve("current");
        Files.createDirectories(current);
        Path compiled = Path.of(MigrationClassLoaderTest.class.getProtectionDomain().getCodeSource().getLocation()
                .getPath());
        String name = Hidden.class.getName().replace('.', '/') + ".class";
        Files.createDirectories(outdated.resolve(name).getParent());
        Files.copy(compiled.resolve(name), outdated.resolve(name));

        try (URLClassLoader parent = new URLClassLoader(new URL[] {outdated.toUri().toURL()}, null);
                MigrationClassLoader loader = new MigrationClassLoader(List.of(current), parent, List.of(outdated))) {
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass(Hidden.class.getName()));
        }
    }

    static final class Hidden {
    }

    private static void file(Path root, String name, String text) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
