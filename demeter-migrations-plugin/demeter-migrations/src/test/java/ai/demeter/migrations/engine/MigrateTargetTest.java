package ai.demeter.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterException;
import org.junit.jupiter.api.Test;

class MigrateTargetTest {

    @Test
    void parsesHeadVersionsAndRelativeSteps() {
        assertEquals(new MigrateTarget.Head(), MigrateTarget.parse("head"));
        assertEquals(new MigrateTarget.Head(), MigrateTarget.parse(null));
        assertEquals(new MigrateTarget.Version("7"), MigrateTarget.parse("7"));
        assertEquals(new MigrateTarget.Version("1.2"), MigrateTarget.parse("V1.2"));
        assertEquals(new MigrateTarget.Relative(2), MigrateTarget.parse("+2"));
    }

    @Test
    void rejectsWhatIsNoTarget() {
        for (String bad : new String[] {"+0", "-1", "tip", "+x", "1..2"}) {
            DemeterException e = assertThrows(DemeterException.class, () -> MigrateTarget.parse(bad));
            assertTrue(e.getMessage().contains("Use head, a version such as 7, or +N"), e.getMessage());
        }
    }
}
