package ai.demeter.migrations.api;

import static org.jooq.impl.DSL.constraint;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;
import java.util.zip.CRC32;
import org.jooq.DSLContext;
import org.jooq.impl.SQLDataType;
import org.jooq.tools.jdbc.MockConnection;
import org.jooq.tools.jdbc.MockResult;
import org.junit.jupiter.api.Test;

/** The three ways to write a migration, as seen from outside: rendering, reversibility, checksum. */
class DemeterMigrationTest {

    static final class V2__create_plots extends DemeterMigration {
        @Override
        protected void change(DSLContext db) {
            db.createTable(name("farms")).column(name("farm_id"), SQLDataType.INTEGER.notNull()).execute();
            db.createTable(name("plots")).column(name("plot_id"), SQLDataType.INTEGER.notNull())
                    .column(name("planted_on"), SQLDataType.LOCALDATE.defaultValue(inline(LocalDate.of(2024, 3, 1))))
                    .column(name("area"), SQLDataType.NUMERIC(10, 2).defaultValue(inline(new BigDecimal("1.50"))))
                    .execute();
            db.createIndex(name("idx_plots_area")).on(name("plots"), name("area")).execute();
            db.alterTable(name("plots")).add(field(name("farm_id"), SQLDataType.INTEGER)).execute();
        }
    }

    @Test
    void changeRunsForwardOnTheWayUp() {
        assertEquals(List.of(
                "create table \"farms\" (\"farm_id\" int not null)",
                "create table \"plots\" (\"plot_id\" int not null, \"planted_on\" date default date '2024-03-01',"
                        + " \"area\" numeric(10, 2) default 1.50)",
                "create index \"idx_plots_area\" on \"plots\"(\"area\")",
                "alter table \"plots\" add \"farm_id\" int"), new V2__create_plots().renderUp());
    }

    @Test
    void inversesRunNewestFirstOnTheWayDown() {
        DemeterMigration migration = new V2__create_plots();
        assertTrue(migration.isReversible());
        assertEquals(Optional.empty(), migration.irreversibilityReason());
        assertEquals(List.of(
                "alter table \"plots\" drop \"farm_id\"",
                "drop index \"idx_plots_area\"",
                "drop table \"plots\"",
                "drop table \"farms\""), migration.renderDown());
    }

    static final class V3__seed_states extends DemeterMigration {
        @Override
        protected void change(DSLContext db) {
            db.createTable(name("plot_states")).column(name("code"), SQLDataType.VARCHAR(20)).execute();
            reversible(
                    up -> up.insertInto(table(name("plot_states")), field(name("code"))).values(inline("fallow"))
                            .execute(),
                    down -> down.deleteFrom(table(name("plot_states")))
                            .where(field(name("code")).eq(inline("fallow"))).execute());
            db.alterTable(name("plot_states")).add(field(name("label"), SQLDataType.VARCHAR(80))).execute();
        }
    }

    @Test
    void reversibleRunsUpInPlaceOnTheWayUp() {
        assertEquals(List.of(
                "create table \"plot_states\" (\"code\" varchar(20))",
                "insert into \"plot_states\" (\"code\") values ('fallow')",
                "alter table \"plot_states\" add \"label\" varchar(80)"), new V3__seed_states().renderUp());
    }

    @Test
    void reversibleRunsDownAtItsPlaceInTheReversedSequence() {
        DemeterMigration migration = new V3__seed_states();
        assertTrue(migration.isReversible());
        assertEquals(List.of(
                "alter table \"plot_states\" drop \"label\"",
                "delete from \"plot_states\" where \"code\" = 'fallow'",
                "drop table \"plot_states\""), migration.renderDown());
    }

    static final class V4__backfill_codes extends DemeterMigration {
        @Override
        protected void change(DSLContext db) {
            db.createTable(name("codes")).column(name("code"), SQLDataType.VARCHAR(20)).execute();
            db.update(table(name("plots"))).set(field(name("code")), inline("x")).execute();
        }
    }

    @Test
    void anIrreversibleChangeIsRefusedBeforeAnySqlRuns() {
        List<String> executed = new ArrayList<>();
        MockConnection connection = new MockConnection(context -> {
            executed.add(context.sql());
            return new MockResult[] {new MockResult(0)};
        });
        IrreversibleMigrationException e = assertThrows(IrreversibleMigrationException.class,
                () -> new V4__backfill_codes().rollback(connection));
        assertEquals("V4__backfill_codes: `update \"plots\" set \"code\" = 'x'` has no automatic inverse. Write up()"
                + " and down() instead of change(), or wrap the statement in reversible(up, down).", e.getMessage());
        assertEquals(List.of(), executed);
    }

    @Test
    void aReversibleChangeRollsBackOnAConnection() {
        List<String> executed = new ArrayList<>();
        MockConnection connection = new MockConnection(context -> {
            executed.add(context.sql());
            return new MockResult[] {new MockResult(0)};
        });
        new V3__seed_states().rollback(connection);
        assertEquals(4, executed.size(), executed.toString());
        assertEquals("set local lock_timeout = 10000", executed.get(0), "the default statement lock timeout, first");
        assertTrue(executed.get(1).startsWith("alter table \"plot_states\" drop \"label\""), executed.get(1));
        assertTrue(executed.get(3).startsWith("drop table \"plot_states\""), executed.get(3));
    }

    static final class V5__create_farms extends DemeterMigration {
        @Override
        protected void up(DSLContext db) {
            db.createTable(name("farms")).column(name("farm_id"), SQLDataType.INTEGER).execute();
            db.update(table(name("farms"))).set(field(name("farm_id")), inline(1)).execute();
        }

        @Override
        protected void down(DSLContext db) {
            db.dropTable(name("farms")).execute();
        }
    }

    @Test
    void explicitUpAndDownAreUnchanged() {
        DemeterMigration migration = new V5__create_farms();
        assertTrue(migration.isReversible());
        assertEquals(Optional.empty(), migration.irreversibilityReason());
        assertEquals(List.of("create table \"farms\" (\"farm_id\" int)", "update \"farms\" set \"farm_id\" = 1"),
                migration.renderUp());
        assertEquals(List.of("drop table \"farms\""), migration.renderDown());
    }

    static final class V6__only_up extends DemeterMigration {
        @Override
        protected void up(DSLContext db) {
            db.createTable(name("farms")).column(name("farm_id"), SQLDataType.INTEGER).execute();
        }
    }

    @Test
    void aMigrationWithOnlyUpIsIrreversible() {
        DemeterMigration migration = new V6__only_up();
        String message = "V6__only_up has no down(): it cannot be rolled back. Write a down(DSLContext) that undoes"
                + " up() exactly.";
        assertFalse(migration.isReversible());
        assertEquals(Optional.of(message), migration.irreversibilityReason());
        assertEquals(message, assertThrows(IrreversibleMigrationException.class, migration::renderDown).getMessage());
    }

    static final class V8__nothing extends DemeterMigration {
    }

    @Test
    void aMigrationWithNeitherUpNorChangeSaysWhatToWrite() {
        DemeterMigration migration = new V8__nothing();
        String message = "V8__nothing overrides neither up() nor change(): write change(DSLContext), or up(DSLContext)"
                + " and down(DSLContext).";
        assertEquals(Optional.of(message), migration.irreversibilityReason());
        DemeterException e = assertThrows(DemeterException.class, migration::renderUp);
        assertEquals(message, e.getMessage());
        assertTrue(e.isUserMistake());
    }

    static final class V9__explicit_down_wins extends DemeterMigration {
        @Override
        protected void change(DSLContext db) {
            db.update(table(name("plots"))).set(field(name("code")), inline("x")).execute();
        }

        @Override
        protected void down(DSLContext db) {
            db.update(table(name("plots"))).set(field(name("code")), inline("y")).execute();
        }
    }

    @Test
    void changeWithAnExplicitDownUsesThatDown() {
        DemeterMigration migration = new V9__explicit_down_wins();
        assertTrue(migration.isReversible());
        assertEquals(List.of("update \"plots\" set \"code\" = 'y'"), migration.renderDown());
    }

    static final class V10__reversible_in_up extends DemeterMigration {
        @Override
        protected void up(DSLContext db) {
            reversible(up -> { }, down -> { });
        }
    }

    @Test
    void reversibleOutsideChangeIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, new V10__reversible_in_up()::renderUp);
        assertEquals("V10__reversible_in_up: reversible(up, down) works only inside change(DSLContext); in up() and"
                + " down() write each direction directly.", e.getMessage());
    }

    /** The examples of docs/reversible-changes.md, so the documentation stays true. */
    static final class V21__create_plots extends DemeterMigration {
        @Override
        protected void change(DSLContext db) {
            db.createTable(name("plots"))
                    .column(name("plot_id"), SQLDataType.INTEGER.notNull())
                    .column(name("code"), SQLDataType.VARCHAR(20).notNull())
                    .constraints(constraint(name("pk_plots")).primaryKey(name("plot_id")))
                    .execute();
            db.commentOnTable(name("plots")).is("Cultivated plots").execute();
            db.createIndex(name("idx_plots_code")).on(name("plots"), name("code")).execute();
        }
    }

    static final class V22__add_plot_state extends DemeterMigration {
        @Override
        protected void change(DSLContext db) {
            db.alterTable(name("plots")).add(field(name("state"), SQLDataType.VARCHAR(20))).execute();
            reversible(
                    up -> up.update(table(name("plots"))).set(field(name("state")), inline("fallow")).execute(),
                    down -> { });
            db.alterTable(name("plots")).alter(name("state")).setNotNull().execute();
        }
    }

    @Test
    void documentedExamplesInvertAsDocumented() {
        assertEquals(List.of("drop index \"idx_plots_code\"", "drop table \"plots\""),
                new V21__create_plots().renderDown());
        assertEquals(List.of("alter table \"plots\" alter \"state\" drop not null",
                "alter table \"plots\" drop \"state\""), new V22__add_plot_state().renderDown());
        assertEquals(List.of("alter table \"plots\" add \"state\" varchar(20)",
                "update \"plots\" set \"state\" = 'fallow'",
                "alter table \"plots\" alter \"state\" set not null"), new V22__add_plot_state().renderUp());
    }

    @Test
    void checksumIsTheCrcOfTheRenderedUpAndStableForTheSameCode() {
        CRC32 crc = new CRC32();
        for (String statement : new V2__create_plots().renderUp()) {
            crc.update(statement.getBytes(StandardCharsets.UTF_8));
            crc.update('\n');
        }
        assertEquals((int) crc.getValue(), new V2__create_plots().getChecksum());
        assertEquals(new V2__create_plots().getChecksum(), new V2__create_plots().getChecksum());
        assertEquals(new V3__seed_states().getChecksum(), new V3__seed_states().getChecksum());
    }

    @Test
    void renderingAndChecksumDoNotDependOnLocaleOrTimeZone() {
        List<String> up = new V2__create_plots().renderUp();
        List<String> down = new V2__create_plots().renderDown();
        Integer checksum = new V2__create_plots().getChecksum();
        Locale locale = Locale.getDefault();
        TimeZone timeZone = TimeZone.getDefault();
        try {
            // Turkish: dotless i in case conversion; Arabic-Hindi digits, comma decimals; a +13:45 offset.
            for (Locale exotic : List.of(Locale.forLanguageTag("tr-TR"), Locale.forLanguageTag("ar-EG-u-nu-arab"))) {
                Locale.setDefault(exotic);
                TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham"));
                assertEquals(up, new V2__create_plots().renderUp());
                assertEquals(down, new V2__create_plots().renderDown());
                assertEquals(checksum, new V2__create_plots().getChecksum());
                assertEquals(new V3__seed_states().renderDown(), new V3__seed_states().renderDown());
            }
        } finally {
            Locale.setDefault(locale);
            TimeZone.setDefault(timeZone);
        }
    }
}
