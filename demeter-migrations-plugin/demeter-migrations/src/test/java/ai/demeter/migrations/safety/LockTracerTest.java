package ai.demeter.migrations.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.engine.EngineSettings;
import ai.demeter.migrations.engine.MigrateTarget;
import ai.demeter.migrations.engine.MigrationEngine;
import ai.demeter.migrations.engine.MigrationListener;
import ai.demeter.migrations.engine.RollbackOptions;
import ai.demeter.migrations.engine.RollbackRequest;
import ai.demeter.migrations.testing.SharedCluster;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The measured lock profile and its hazards, one small migration V2 per case on top of V1, which creates farms
 * and plots and fills them: each case's up and down are traced on a database of its own.
 */
class LockTracerTest {
    private static final String FIXTURES = "classpath:ai/demeter/migrations/safety/fixtures/";

    @Test
    void aBlockingIndexBuildTakesShareAndFailsANewMigrationWithTheConcurrentRecipe() {
        Traced traced = trace("index");
        LockProfile.Row plots = row(traced.up(), "plots");
        assertEquals(LockMode.SHARE, plots.strongest());
        assertFalse(plots.rewrite());
        assertEquals(Boolean.FALSE, plots.validationScan());
        assertEquals("create index \"idx_plots_code\" on \"plots\"(\"code\")", plots.statement());

        Finding finding = single(HazardRules.findings(traced.up(), false));
        assertEquals("share-lock", finding.rule());
        assertEquals("plots", finding.table());
        assertEquals("built index idx_plots_code on plots under SHARE: writes wait while the index is built",
                finding.fact());
        assertTrue(finding.blocking());
        assertTrue(finding.recipe().contains("create index concurrently"), finding.recipe());
        assertEquals(List.of(), HazardRules.findings(traced.down(), false), "dropping an index is brief");
    }

    @Test
    void anIndexBuiltConcurrentlyIsSeenFromASecondConnectionAndTakesNoShareLock() {
        Traced traced = trace("concurrently");
        LockProfile.Row plots = row(traced.up(), "plots");
        assertEquals(LockMode.SHARE_UPDATE_EXCLUSIVE, plots.strongest());
        assertNull(plots.validationScan(), "not measured outside a transaction");
        assertEquals(List.of(), HazardRules.findings(traced.up(), false));
        assertEquals("idx_plots_code", traced.up().statements().get(0).indexesBuilt().get("plots"));
        assertEquals(LockMode.SHARE_UPDATE_EXCLUSIVE, row(traced.down(), "plots").strongest());
    }

    @Test
    void aVolatileDefaultRewritesTheTable() {
        Traced traced = trace("volatiledefault");
        LockProfile.Row plots = row(traced.up(), "plots");
        assertEquals(LockMode.ACCESS_EXCLUSIVE, plots.strongest());
        assertTrue(plots.rewrite());
        Finding finding = single(HazardRules.findings(traced.up(), false));
        assertEquals("rewrite", finding.rule());
        assertEquals("rewrote plots (new relfilenode) under ACCESS EXCLUSIVE: reads and writes wait while every row"
                + " is copied", finding.fact());
        assertTrue(finding.recipe().startsWith("add the column without a default (instant)"), finding.recipe());
    }

    @Test
    void aConstantDefaultIsABriefAccessExclusiveLockAndNoHazard() {
        Traced traced = trace("constantdefault");
        LockProfile.Row plots = row(traced.up(), "plots");
        assertEquals(LockMode.ACCESS_EXCLUSIVE, plots.strongest());
        assertFalse(plots.rewrite());
        assertEquals(Boolean.FALSE, plots.validationScan());
        assertEquals(List.of(), HazardRules.findings(traced.up(), false));
    }

    @Test
    void intToBigintRewritesAndVarcharWideningDoesNot() {
        Finding bigint = single(HazardRules.findings(trace("bigint").up(), false));
        assertEquals("rewrite", bigint.rule());
        assertTrue(bigint.recipe().startsWith("do not change the type in place: add a column of the new type"),
                bigint.recipe());

        Traced widen = trace("widen");
        assertFalse(row(widen.up(), "plots").rewrite());
        assertEquals(List.of(), HazardRules.findings(widen.up(), false));
    }

    @Test
    void aForeignKeyScansTheReferencingTableUnlessItIsNotValid() {
        Traced checked = trace("foreignkey");
        LockProfile.Row plots = row(checked.up(), "plots");
        assertEquals(LockMode.SHARE_ROW_EXCLUSIVE, plots.strongest());
        assertEquals(Boolean.TRUE, plots.validationScan());
        assertEquals(LockMode.SHARE_ROW_EXCLUSIVE, row(checked.up(), "farms").strongest());
        assertEquals(Boolean.FALSE, row(checked.up(), "farms").validationScan(), "only the altered table is read in full");
        Finding finding = single(HazardRules.findings(checked.up(), false));
        assertEquals("validation-scan", finding.rule());
        assertEquals("plots", finding.table());
        assertEquals("scanned plots to validate under SHARE ROW EXCLUSIVE: writes wait while every row is checked",
                finding.fact());
        assertTrue(finding.recipe().startsWith("add the constraint NOT VALID"), finding.recipe());

        Traced notValid = trace("foreignkeynotvalid");
        assertEquals(Boolean.FALSE, row(notValid.up(), "plots").validationScan());
        assertEquals(LockMode.SHARE_ROW_EXCLUSIVE, row(notValid.up(), "plots").strongest());
        assertEquals(List.of(), HazardRules.findings(notValid.up(), false));
    }

    @Test
    void setNotNullScansUnderAccessExclusive() {
        Finding finding = single(HazardRules.findings(trace("setnotnull").up(), false));
        assertEquals("validation-scan", finding.rule());
        assertEquals("scanned plots to validate under ACCESS EXCLUSIVE: reads and writes wait while every row is"
                + " checked", finding.fact());
        assertTrue(finding.recipe().startsWith("add CHECK (c IS NOT NULL) NOT VALID"), finding.recipe());
    }

    @Test
    void anAcceptedHazardDoesNotFailAndVerifyPrintsItsReason() {
        Traced traced = trace("accepted");
        List<Finding> findings = DeploySafety.assess(List.of(traced.up(), traced.down()), version -> false);
        Finding finding = single(findings);
        assertFalse(finding.blocking());
        DeploySafety.requireNoNewHazards(findings);
        List<String> section = DeploySafety.section(findings);
        assertEquals("  V2 up share-lock on plots: built index idx_plots_code on plots under SHARE: writes wait while"
                + " the index is built [create index \"idx_plots_code\" on \"plots\"(\"code\")] (accepted: plots holds"
                + " a few hundred rows in every deployment)", section.get(1));
        assertEquals("No hazards in new migrations (1 accepted).", section.get(2));
    }

    @Test
    void aDownIsMeasuredToo() {
        Traced traced = trace("downhazard");
        assertEquals(List.of(), HazardRules.findings(traced.up(), false));
        Finding finding = single(HazardRules.findings(traced.down(), false));
        assertEquals(Finding.Direction.DOWN, finding.direction());
        assertEquals("share-lock", finding.rule());
        assertEquals("built index idx_plots_area on plots under SHARE: writes wait while the index is built",
                finding.fact());
    }

    @Test
    void aBackfillAfterAnAlterKeepsTheAlterLockWhileItWritesEveryRow() {
        Traced traced = trace("backfill");
        Finding finding = single(HazardRules.findings(traced.up(), false));
        assertEquals("lock-held", finding.rule());
        assertEquals("ACCESS EXCLUSIVE on plots, taken by alter table \"plots\" add \"label\" varchar(60), is still held"
                + " while this statement writes rows of plots: reads and writes wait on plots until the migration"
                + " commits", finding.fact());
        assertEquals("update \"plots\" set \"label\" = \"code\"", finding.statement());
    }

    @Test
    void aHazardFailsANewMigrationWithItsRecipeAndIsInformationOnceReleased() {
        Traced traced = trace("bigint");
        List<Finding> fresh = DeploySafety.assess(List.of(traced.up()), version -> false);
        DemeterException failure = assertThrows(DemeterException.class, () -> DeploySafety.requireNoNewHazards(fresh));
        assertTrue(failure.isUserMistake());
        assertTrue(failure.getMessage().startsWith("1 hazard in migrations not released yet"), failure.getMessage());
        assertTrue(failure.getMessage().contains("\n  V2 up rewrite on plots: rewrote plots (new relfilenode) under"
                + " ACCESS EXCLUSIVE"), failure.getMessage());
        assertTrue(failure.getMessage().contains("\n    safe way: do not change the type in place"), failure.getMessage());
        assertTrue(failure.getMessage().contains("@AcceptHazard(rule = \"rewrite\", table = \"plots\", reason = \"...\")"),
                failure.getMessage());

        List<Finding> released = DeploySafety.assess(List.of(traced.up()), version -> true);
        DeploySafety.requireNoNewHazards(released);
        List<String> section = DeploySafety.section(released);
        assertTrue(section.get(1).endsWith("(released: information)"), section.get(1));
        assertEquals("No hazards in new migrations (1 in released migrations, information).", section.get(2));
    }

    @Test
    void aHazardShowsTheTableSizeInTheDatabaseStatsComeFrom() throws java.sql.SQLException {
        DatabaseTarget production = SharedCluster.newDatabase();
        new MigrationEngine(new EngineSettings(production, getClass().getClassLoader(), List.of(FIXTURES + "base"),
                EngineSettings.DEFAULT_SCHEMA, EngineSettings.DEFAULT_HISTORY_TABLE), MigrationListener.SILENT)
                .migrate(new MigrateTarget.Head());
        try (java.sql.Connection connection = Connections.open(production)) {
            connection.createStatement().execute("analyze plots");
        }
        Finding finding = new Finding("2", Finding.Direction.UP, "rewrite", "plots", "rewrote plots", "", "recipe",
                java.util.Optional.empty(), false);
        assertEquals("rewrote plots (plots in " + production.databaseName() + ": about 500 rows, 0 MB)",
                TableSizes.read(production, "public").annotate(finding).fact());
    }

    private record Traced(MigrationTrace up, MigrationTrace down) {
    }

    /** V1 applied untraced, then V2 of {@code kase} up and down, traced. */
    private Traced trace(String kase) {
        DatabaseTarget target = SharedCluster.newDatabase();
        MigrationEngine engine = new MigrationEngine(new EngineSettings(target, getClass().getClassLoader(),
                List.of(FIXTURES + "base", FIXTURES + kase), EngineSettings.DEFAULT_SCHEMA,
                EngineSettings.DEFAULT_HISTORY_TABLE), MigrationListener.SILENT);
        engine.migrate(new MigrateTarget.Version("1"));
        try (LockTracer tracer = new LockTracer(() -> Connections.open(target), "public",
                Set.of(EngineSettings.DEFAULT_HISTORY_TABLE, "demeter_rollback_history"))) {
            MigrationTrace up = single(tracer.trace("2", Finding.Direction.UP, () -> engine.migrate(new MigrateTarget.Head())));
            MigrationTrace down = single(tracer.trace("2", Finding.Direction.DOWN,
                    () -> engine.rollback(new RollbackRequest.Steps(1), RollbackOptions.defaults())));
            return new Traced(up, down);
        }
    }

    private static LockProfile.Row row(MigrationTrace trace, String table) {
        return LockProfile.of(List.of(trace)).rows().stream().filter(row -> table.equals(row.table())).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + table + " in " + LockProfile.of(List.of(trace))));
    }

    private static <T> T single(List<T> items) {
        assertEquals(1, items.size(), items.toString());
        return items.get(0);
    }
}
