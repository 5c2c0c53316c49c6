package ai.demeter.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterException;
import org.junit.jupiter.api.Test;

class RollbackRequestTest {

    @Test
    void defaultIsOneStep() {
        assertEquals(new RollbackRequest.Steps(1), RollbackRequest.parse(null, null));
        assertEquals(new RollbackRequest.Steps(1), RollbackRequest.parse(" ", ""));
    }

    @Test
    void stepsTargetsBaseAndRelative() {
        assertEquals(new RollbackRequest.Steps(3), RollbackRequest.parse("3", null));
        assertEquals(new RollbackRequest.ToVersion("12"), RollbackRequest.parse(null, "12"));
        assertEquals(new RollbackRequest.ToVersion("1.1"), RollbackRequest.parse(null, "V1.1"));
        assertEquals(new RollbackRequest.ToBase(), RollbackRequest.parse(null, "BASE"));
        assertEquals(new RollbackRequest.Steps(2), RollbackRequest.parse(null, "-2"));
    }

    @Test
    void stepsAndTargetTogetherAreRefused() {
        DemeterException e = assertThrows(DemeterException.class, () -> RollbackRequest.parse("2", "5"));
        assertTrue(e.isUserMistake());
        assertTrue(e.getMessage().startsWith("Both demeter.steps=2 and demeter.target=5 are given"), e.getMessage());
    }

    @Test
    void nonsenseIsRefused() {
        assertTrue(assertThrows(DemeterException.class, () -> RollbackRequest.parse("0", null)).getMessage()
                .contains("demeter.steps=0 is not a positive number"));
        assertTrue(assertThrows(DemeterException.class, () -> RollbackRequest.parse(null, "-x")).getMessage()
                .contains("demeter.target=-x is not a positive number"));
        assertTrue(assertThrows(DemeterException.class, () -> RollbackRequest.parse(null, "head")).getMessage()
                .contains("is not a rollback target"));
    }
}
