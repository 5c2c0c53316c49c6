package ai.demeter.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The committed checksum file against the migrations in the code. */
class ChecksumFileTest {
    private static final CodeMigration V1 = CodeMigration.listed("1", "create plots", 0x3cd5a186);
    private static final CodeMigration V2 = CodeMigration.listed("2", "add plot outline", 0x0000beef);
    private static final CodeMigration V3 = CodeMigration.listed("3", "index plot outline", null);
    private static final String FILE = ChecksumFile.render(List.of(ChecksumFile.entry(V1), ChecksumFile.entry(V2)));

    @Test
    void oneLinePerMigrationThenATotal() {
        List<String> lines = FILE.lines().filter(line -> !line.startsWith("#")).toList();
        assertEquals("V1 3cd5a186 create plots", lines.get(0));
        assertEquals("V2 0000beef add plot outline", lines.get(1));
        assertTrue(lines.get(2).matches("total [0-9a-f]{32}"), lines.get(2));
        assertEquals(3, lines.size());
    }

    @Test
    void matchingCodeIsUpToDate() {
        ChecksumFile.Check check = ChecksumFile.check(FILE, List.of(V1, V2), "migrations.sum");
        assertTrue(check.upToDate());
        assertEquals(FILE, check.updatedText());
    }

    @Test
    void anEditedListedMigrationFailsNamingItAndTheWayOut() {
        CodeMigration edited = CodeMigration.listed("2", "add plot outline", 0x1234abcd);
        ChecksumFile.Check check = ChecksumFile.check(FILE, List.of(V1, edited), "migrations.sum");
        assertEquals(List.of("V2 (add plot outline) changed after it was listed in migrations.sum: its up now renders"
                + " SQL with checksum 1234abcd, listed 0000beef. A migration that may have run somewhere must not"
                + " change: revert the change, and make it in a new migration (./mvnw demeter:new)."), check.failures());
    }

    @Test
    void aVanishedListedMigrationFails() {
        ChecksumFile.Check check = ChecksumFile.check(FILE, List.of(V1), "migrations.sum");
        assertEquals(List.of("V2 (add plot outline) is listed in migrations.sum but no migration has that version."
                + " Restore it: a migration that may have run somewhere cannot disappear."), check.failures());
    }

    @Test
    void newMigrationsAreUnlistedAndAppendedByTheUpdate() {
        ChecksumFile.Check check = ChecksumFile.check(FILE, List.of(V1, V2, V3), "migrations.sum");
        assertTrue(check.failures().isEmpty());
        assertEquals(List.of(V3), check.unlisted());
        assertFalse(check.upToDate());
        assertEquals(ChecksumFile.render(List.of(ChecksumFile.entry(V1), ChecksumFile.entry(V2),
                ChecksumFile.entry(V3))), check.updatedText());
        assertTrue(check.updatedText().contains("\nV3 - index plot outline\n"), check.updatedText());
    }

    @Test
    void aNewMigrationOlderThanTheNewestListedFails() {
        String file = ChecksumFile.render(List.of(ChecksumFile.entry(V1), ChecksumFile.entry(V3)));
        ChecksumFile.Check check = ChecksumFile.check(file, List.of(V1, V2, V3), "migrations.sum");
        assertEquals(List.of("V2 (add plot outline) is not in migrations.sum and is older than V3, the newest listed"
                + " one: it probably comes from a branch that started before V3 was added. Give it a version above V3"
                + " (rename the class)."), check.failures());
    }

    @Test
    void aTotalThatDoesNotMatchItsLinesIsNotUpToDate() {
        String merged = FILE.replace("V2 0000beef add plot outline\n", "");
        ChecksumFile.Check check = ChecksumFile.check(merged, List.of(V1), "migrations.sum");
        assertTrue(check.failures().isEmpty());
        assertFalse(check.totalMatches());
        assertFalse(check.upToDate());
    }

    @Test
    void noFileListsEverythingAsNew() {
        ChecksumFile.Check check = ChecksumFile.check(null, List.of(V1, V2), "migrations.sum");
        assertFalse(check.exists());
        assertEquals(List.of(V1, V2), check.unlisted());
        assertEquals(FILE, check.updatedText());
    }

    @Test
    void malformedLinesAndDuplicatesAreRefused() {
        DemeterException malformed = assertThrows(DemeterException.class,
                () -> ChecksumFile.check(FILE + "garbage\n", List.of(V1, V2), "migrations.sum"));
        assertTrue(malformed.getMessage().startsWith("migrations.sum line 7 is not"), malformed.getMessage());
        assertThrows(DemeterException.class, () -> ChecksumFile.check(FILE.replace("V2 0000beef", "V1 0000beef"),
                List.of(V1, V2), "migrations.sum"));
    }

    @Test
    void aReleaseLineMarksEverythingUpToItsVersionAsShipped() {
        ChecksumFile.Check marked = ChecksumFile.check(FILE, List.of(V1, V2), "migrations.sum", "1.0.0");
        assertTrue(marked.updatedText().contains("V2 0000beef add plot outline\nreleased 1.0.0 V2\ntotal "),
                marked.updatedText());
        ChecksumFile.Check later = ChecksumFile.check(marked.updatedText(), List.of(V1, V2, V3), "migrations.sum");
        assertTrue(later.totalMatches());
        assertEquals(List.of(new ChecksumFile.Release("1.0.0", "2")), later.releases());
        assertTrue(later.released("1"));
        assertTrue(later.released("2"));
        assertFalse(later.released("3"));
        assertEquals(List.of(V3), later.unlisted());
        assertTrue(later.updatedText().contains("released 1.0.0 V2\nV3 "), later.updatedText());
    }

    @Test
    void withoutAReleaseLineNothingIsShipped() {
        ChecksumFile.Check check = ChecksumFile.check(FILE, List.of(V1, V2), "migrations.sum");
        assertTrue(check.lastRelease().isEmpty());
        assertFalse(check.released("1"));
    }

    @Test
    void aReleaseIsMarkedOnceWithAUsableName() {
        String released = ChecksumFile.check(FILE, List.of(V1, V2), "migrations.sum", "1.0.0").updatedText();
        DemeterException twice = assertThrows(DemeterException.class,
                () -> ChecksumFile.check(released, List.of(V1, V2, V3), "migrations.sum", "1.0.0"));
        assertTrue(twice.getMessage().startsWith("migrations.sum already marks release 1.0.0."), twice.getMessage());
        DemeterException nothingNew = assertThrows(DemeterException.class,
                () -> ChecksumFile.check(released, List.of(V1, V2), "migrations.sum", "1.0.1"));
        assertTrue(nothingNew.getMessage().startsWith("V2 is already marked as released in 1.0.0"),
                nothingNew.getMessage());
        assertThrows(DemeterException.class, () -> ChecksumFile.check(FILE, List.of(V1, V2), "migrations.sum", "a b"));
    }

    @Test
    void aReleaseLineForAVersionNotListedAboveItIsRefused() {
        String file = FILE.replace("V2 0000beef add plot outline\n", "released 1.0.0 V2\nV2 0000beef add plot outline\n");
        DemeterException refused = assertThrows(DemeterException.class,
                () -> ChecksumFile.check(file, List.of(V1, V2), "migrations.sum"));
        assertTrue(refused.getMessage().contains("'released <name> V<listed version>'"), refused.getMessage());
    }
}
