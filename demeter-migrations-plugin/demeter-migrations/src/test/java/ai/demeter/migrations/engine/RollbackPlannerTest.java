package ai.demeter.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.api.DemeterMigration;
import ai.demeter.migrations.engine.AppliedMigration.Kind;
import ai.demeter.migrations.engine.fixtures.chain.V1__create_plots;
import ai.demeter.migrations.engine.fixtures.chain.V2__add_plot_outline;
import ai.demeter.migrations.engine.fixtures.chain.V3__index_plot_outline;
import ai.demeter.migrations.engine.fixtures.irreversible.V4__add_plot_codes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Planning alone, from a history given as data: every refusal happens here, before any SQL. */
class RollbackPlannerTest {
    private static final List<AppliedMigration> CHAIN = List.of(
            demeter("1", "create plots", new V1__create_plots()),
            demeter("2", "add plot outline", new V2__add_plot_outline()),
            demeter("3", "index plot outline", new V3__index_plot_outline()));

    private static AppliedMigration demeter(String version, String description, DemeterMigration migration) {
        return new AppliedMigration(version, description, Kind.DEMETER, migration);
    }

    private static List<String> versions(RollbackPlan plan) {
        return plan.steps().stream().map(AppliedMigration::version).toList();
    }

    private static String refusal(List<AppliedMigration> applied, RollbackRequest request) {
        DemeterException e = assertThrows(DemeterException.class, () -> RollbackPlanner.plan(applied, request));
        assertTrue(e.isUserMistake());
        return e.getMessage();
    }

    @Test
    void oneStepUndoesTheNewest() {
        RollbackPlan plan = RollbackPlanner.plan(CHAIN, new RollbackRequest.Steps(1));
        assertEquals(List.of("3"), versions(plan));
        assertEquals("2", plan.resultingVersion());
    }

    @Test
    void toAVersionUndoesEverythingAboveItNewestFirst() {
        RollbackPlan plan = RollbackPlanner.plan(CHAIN, new RollbackRequest.ToVersion("1"));
        assertEquals(List.of("3", "2"), versions(plan));
        assertEquals("undo V3, V2, ending at version 1", plan.describe());
    }

    @Test
    void toTheCurrentVersionIsAnEmptyPlan() {
        assertTrue(RollbackPlanner.plan(CHAIN, new RollbackRequest.ToVersion("3")).isEmpty());
    }

    @Test
    void toBaseUndoesEverything() {
        RollbackPlan plan = RollbackPlanner.plan(CHAIN, new RollbackRequest.ToBase());
        assertEquals(List.of("3", "2", "1"), versions(plan));
        assertNull(plan.resultingVersion());
    }

    @Test
    void moreStepsThanApplied() {
        assertTrue(refusal(CHAIN, new RollbackRequest.Steps(4))
                .startsWith("Cannot roll back 4 migrations: only 3 are applied (V1 to V3)"));
    }

    @Test
    void targetNotApplied() {
        String message = refusal(CHAIN, new RollbackRequest.ToVersion("7"));
        assertTrue(message.startsWith("demeter.target=7 is not an applied version"), message);
        assertTrue(message.contains("Applied: V1, V2, V3"), message);
    }

    @Test
    void nothingApplied() {
        assertTrue(refusal(List.of(), new RollbackRequest.Steps(1)).startsWith("Nothing to roll back"));
    }

    @Test
    void irreversibleMigrationIsRefusedNamingItAndTheFix() {
        List<AppliedMigration> applied = List.of(CHAIN.get(0),
                demeter("4", "add plot codes", new V4__add_plot_codes()));
        String message = refusal(applied, new RollbackRequest.Steps(1));
        assertTrue(message.contains("V4__add_plot_codes"), message);
        assertTrue(message.contains("down"), message);
        assertTrue(message.endsWith("Nothing was changed."), message);
    }

    @Test
    void irreversibleBelowTheStepsIsNotAsked() {
        List<AppliedMigration> applied = List.of(demeter("1", "add plot codes", new V4__add_plot_codes()),
                CHAIN.get(1));
        assertEquals(List.of("2"), versions(RollbackPlanner.plan(applied, new RollbackRequest.Steps(1))));
    }

    @Test
    void missingAndForeignMigrationsAreReportedTogether() {
        List<AppliedMigration> applied = List.of(CHAIN.get(0),
                new AppliedMigration("2", "seed from sql", Kind.FOREIGN, null),
                new AppliedMigration("3", "deleted class", Kind.MISSING, null));
        String message = refusal(applied, new RollbackRequest.Steps(2));
        assertTrue(message.contains("V3 (deleted class) is applied but its class is not in the code any more"), message);
        assertTrue(message.contains("V2 (seed from sql) is not a DemeterMigration"), message);
    }

    @Test
    void neverBelowTheBaseline() {
        List<AppliedMigration> applied = List.of(
                new AppliedMigration("20", "alembic head", Kind.BASELINE, null),
                demeter("21", "add plot outline", new V2__add_plot_outline()));
        assertEquals(List.of("21"), versions(RollbackPlanner.plan(applied, new RollbackRequest.ToVersion("20"))));
        String toBase = refusal(applied, new RollbackRequest.ToBase());
        assertTrue(toBase.contains("baselined at V20"), toBase);
        assertTrue(toBase.contains("lowest reachable target is demeter.target=20"), toBase);
        assertTrue(toBase.startsWith("Cannot roll back to base: the database was baselined"), toBase);
        String twoSteps = refusal(applied, new RollbackRequest.Steps(2));
        assertTrue(twoSteps.contains("Cannot roll back 2 migrations: the database was baselined at V20"), twoSteps);
        assertTrue(twoSteps.contains("adopted with rollback kept (demeter:adopt)"), twoSteps);
    }
}
