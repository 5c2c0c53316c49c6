package ai.demeter.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.api.DemeterMigration;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationScaffoldTest {

    @Test
    void nextVersionFollowsTheHighestWholeVersion(@TempDir Path folder) throws Exception {
        for (String file : new String[] {"V1__enable_postgis.java", "V2_1__hotfix.java", "V10__create_users.java",
                "V9__create_products.java", "README.md", "Helper.java"}) {
            Files.writeString(folder.resolve(file), "");
        }
        Path written = MigrationScaffold.write(folder, "db.migration", "Add bin barcode!");
        assertEquals("V11__add_bin_barcode.java", written.getFileName().toString());
        String source = Files.readString(written);
        assertTrue(source.startsWith("package db.migration;"), source);
        assertTrue(source.contains("/** Add bin barcode!. */"), source);
        assertTrue(source.contains("public class V11__add_bin_barcode extends DemeterMigration"), source);
    }

    @Test
    void anEmptyOrMissingFolderStartsAtOne(@TempDir Path folder) {
        assertEquals(1, MigrationScaffold.nextVersion(folder.resolve("missing")));
        assertEquals(1, MigrationScaffold.nextVersion(folder));
    }

    @Test
    void aNameWithoutLettersOrDigitsIsRefused(@TempDir Path folder) {
        for (String name : new String[] {null, "  ", "--!"}) {
            DemeterException e = assertThrows(DemeterException.class, () -> MigrationScaffold.write(folder, "p", name));
            assertTrue(e.isUserMistake());
            assertTrue(e.getMessage().contains("-Ddemeter.name=\"add bin barcode\""), e.getMessage());
        }
    }

    @Test
    void aBackfillStubCompilesRunsOutsideATransactionAndFailsUntilWritten(@TempDir Path folder) throws Exception {
        Path written = MigrationScaffold.writeBackfill(folder, "db.migration", "backfill bin barcode", "storage_bins");
        String source = Files.readString(written);
        assertTrue(source.contains("        // backfill(db, Backfill.table(\"storage_bins\")\n"), source);
        assertTrue(source.contains("import ai.demeter.migrations.api.Backfill;"), "uncommenting is all it takes: "
                + source);
        Path classes = Files.createDirectories(folder.resolve("classes"));
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), "-cp",
                System.getProperty("java.class.path"), written.toString());
        assertEquals(0, compiled, source);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            DemeterMigration stub = (DemeterMigration) loader.loadClass("db.migration.V1__backfill_bin_barcode")
                    .getDeclaredConstructor().newInstance();
            assertEquals(false, stub.canExecuteInTransaction());
            UnsupportedOperationException unwritten = assertThrows(UnsupportedOperationException.class, stub::renderUp);
            assertEquals("V1__backfill_bin_barcode: write up() before running it", unwritten.getMessage());
        }
        DemeterException qualified = assertThrows(DemeterException.class,
                () -> MigrationScaffold.writeBackfill(folder, "db.migration", "x", "public.storage_bins"));
        assertTrue(qualified.getMessage().startsWith("demeter.backfill=public.storage_bins is not a table name"),
                qualified.getMessage());
    }
}
