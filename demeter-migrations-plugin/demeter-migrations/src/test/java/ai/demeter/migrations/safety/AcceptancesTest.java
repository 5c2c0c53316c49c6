package ai.demeter.migrations.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.AcceptHazard;
import ai.demeter.migrations.api.DemeterException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AcceptancesTest {
    @AcceptHazard(rule = "rewrite", table = "plots", reason = "plots is empty until release 3")
    @AcceptHazard(rule = "share-lock", reason = "runs in the nightly window")
    static class AcceptsTwo {
    }

    @AcceptHazard(rule = "rewrite", reason = " ")
    static class BlankReason {
    }

    @Test
    void anAcceptanceCoversItsRuleOnItsTableOrOnEveryTable() {
        Acceptances acceptances = Acceptances.of(AcceptsTwo.class);
        assertEquals(Optional.of("plots is empty until release 3"), acceptances.reason("rewrite", "plots"));
        assertEquals(Optional.empty(), acceptances.reason("rewrite", "harvests"));
        assertEquals(Optional.of("runs in the nightly window"), acceptances.reason("share-lock", "harvests"));
        assertEquals(Optional.empty(), acceptances.reason("dropped-column", "plots"));
    }

    @Test
    void aFindingBlocksOnlyWhenNewAndNotAccepted() {
        Finding finding = new Finding("3", Finding.Direction.UP, "rewrite", "plots", "plots rewritten", "ALTER ...",
                "add a column", Optional.empty(), false);
        assertTrue(finding.blocking());
        assertFalse(finding.acceptedBy(Acceptances.of(AcceptsTwo.class)).blocking());
        assertTrue(finding.acceptedBy(Acceptances.none()).blocking());
        assertFalse(new Finding("3", Finding.Direction.UP, "rewrite", "plots", "plots rewritten", "", "add a column",
                Optional.empty(), true).blocking());
    }

    @Test
    void aBlankReasonIsRefused() {
        DemeterException refused = assertThrows(DemeterException.class, () -> Acceptances.of(BlankReason.class));
        assertTrue(refused.getMessage().startsWith("BlankReason accepts the 'rewrite' finding with a blank reason."),
                refused.getMessage());
    }
}
