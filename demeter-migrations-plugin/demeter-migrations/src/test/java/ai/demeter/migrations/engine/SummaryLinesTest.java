package ai.demeter.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.database.DatabaseTarget;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The summary lines the Maven goals and the migrations jar both print, from outcomes given as data. */
class SummaryLinesTest {

    @Test
    void migrateCountsAndNamesTheNewVersion() {
        assertEquals("Applied 1 migration in 412 ms; the database is now at version 1.",
                new MigrateOutcome(1, Duration.ofMillis(412), null, "1", 0).summary());
        assertEquals("Applied 20 migrations in 1.2 s; the database is now at version 20.",
                new MigrateOutcome(20, Duration.ofMillis(1234), null, "20", 0).summary());
        assertEquals("Applied 2 migrations in 30 ms; the database is now at version 7; 13 still pending.",
                new MigrateOutcome(2, Duration.ofMillis(30), "5", "7", 13).summary());
    }

    @Test
    void migrateWithNothingPending() {
        assertEquals("Nothing to migrate: the database is at version 20.",
                new MigrateOutcome(0, Duration.ZERO, "20", "20", 0).summary());
        assertEquals("Nothing to migrate: the database is at base.",
                new MigrateOutcome(0, Duration.ZERO, null, null, 0).summary());
    }

    @Test
    void rollbackSaysWhereTheDatabaseEnds() {
        RollbackPlan two = new RollbackPlan(List.of(step("20"), step("19")), "18");
        assertEquals(Optional.of("Rolled back 2 migrations in 300 ms; the database is now at version 18."),
                new RollbackOutcome(two, false, Duration.ofMillis(300)).summary());
        RollbackPlan all = new RollbackPlan(List.of(step("1")), null);
        assertEquals(Optional.of("Rolled back 1 migration in 5 ms; the database is now at base."),
                new RollbackOutcome(all, false, Duration.ofMillis(5)).summary());
    }

    @Test
    void dryRunAndEmptyRollbackHaveNoSummary() {
        RollbackPlan two = new RollbackPlan(List.of(step("20"), step("19")), "18");
        assertTrue(new RollbackOutcome(two, true, Duration.ofMillis(3)).summary().isEmpty());
        assertTrue(new RollbackOutcome(new RollbackPlan(List.of(), "20"), false, Duration.ZERO).summary().isEmpty());
    }

    @Test
    void currentAtAVersionAtBaseAndWithPending() {
        assertEquals("Current: version 20 (make original image id nullable), up to date.",
                new DatabaseState("20", "make original image id nullable", List.of()).summary());
        assertEquals("Current: version 1 (enable postgis), 2 pending: V2, V3.",
                new DatabaseState("1", "enable postgis", List.of(pending("2"), pending("3"))).summary());
        assertEquals("Current: base (no migration applied), 1 pending: V1.",
                new DatabaseState(null, null, List.of(pending("1"))).summary());
    }

    @Test
    void validationListsEveryProblemAsAUserMistake() {
        Validation valid = new Validation(List.of());
        valid.requireValid();
        assertEquals("Valid: every applied migration matches its code.", valid.summary());

        Validation invalid = new Validation(List.of("V2 (add plot outline): checksum mismatch", "V3 (x): missing"));
        DemeterException e = assertThrows(DemeterException.class, invalid::requireValid);
        assertTrue(e.isUserMistake());
        assertEquals("""
                The applied migrations do not match the code:
                  V2 (add plot outline): checksum mismatch
                  V3 (x): missing
                An applied migration must never be edited: restore its code and put the change in a new migration\
                 (./mvnw demeter:new -Ddemeter.name=...).""", e.getMessage());
    }

    @Test
    void databaseDescriptionHidesThePassword() {
        DatabaseTarget target = new DatabaseTarget("jdbc:postgresql://db:5432/demeterai?password=hunter2", "deploy",
                "hunter2", "--url");
        assertEquals("jdbc:postgresql://db:5432/demeterai?password=**** as deploy (from --url)", target.describe());
    }

    private static AppliedMigration step(String version) {
        return new AppliedMigration(version, "migration " + version, AppliedMigration.Kind.DEMETER, null);
    }

    private static DatabaseState.PendingMigration pending(String version) {
        return new DatabaseState.PendingMigration(version, "migration " + version);
    }
}
