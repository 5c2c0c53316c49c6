package ai.demeter.migrations.api;

import static org.jooq.impl.DSL.constraint;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

/** One test per row of the inversion table in {@link Inverses}, then the statements that have no inverse. */
class InversesTest {

    /** A change() migration whose body is given by the test. */
    static final class V1__change extends DemeterMigration {
        private final Consumer<DSLContext> body;

        V1__change(Consumer<DSLContext> body) {
            this.body = body;
        }

        @Override
        protected void change(DSLContext db) {
            body.accept(db);
        }
    }

    private static List<String> downOf(Consumer<DSLContext> change) {
        V1__change migration = new V1__change(change);
        assertEquals(Optional.empty(), migration.irreversibilityReason());
        assertTrue(migration.isReversible());
        return migration.renderDown();
    }

    private static String reasonOf(Consumer<DSLContext> change) {
        V1__change migration = new V1__change(change);
        assertFalse(migration.isReversible());
        return migration.irreversibilityReason().orElseThrow();
    }

    private static final String FIXES =
            ". Write up() and down() instead of change(), or wrap the statement in reversible(up, down).";

    // --- invertible ---------------------------------------------------------------------------------------------

    @Test
    void createTableIsUndoneByDropTable() {
        assertEquals(List.of("drop table \"plots\""), downOf(db -> db.createTable(name("plots"))
                .column(name("plot_id"), SQLDataType.INTEGER.notNull()).execute()));
    }

    @Test
    void createTableIfNotExistsIsUndoneByDropTableIfExists() {
        assertEquals(List.of("drop table if exists \"plots\""), downOf(db -> db.createTableIfNotExists(name("plots"))
                .column(name("plot_id"), SQLDataType.INTEGER).execute()));
    }

    @Test
    void createIndexIsUndoneByDropIndex() {
        assertEquals(List.of("drop index \"idx_plots_code\""),
                downOf(db -> db.createIndex(name("idx_plots_code")).on(name("plots"), name("code")).execute()));
    }

    @Test
    void createUniqueIndexIfNotExistsIsUndoneByDropIndexIfExists() {
        assertEquals(List.of("drop index if exists \"uq_plots_code\""), downOf(db -> db
                .createUniqueIndexIfNotExists(name("uq_plots_code")).on(name("plots"), name("code")).execute()));
    }

    @Test
    void addColumnIsUndoneByDropColumn() {
        assertEquals(List.of("alter table \"plots\" drop \"area\""), downOf(db -> db.alterTable(name("plots"))
                .add(field(name("area"), SQLDataType.NUMERIC(10, 2).notNull())).execute()));
    }

    @Test
    void addingSeveralColumnsIsUndoneByDroppingThemAll() {
        assertEquals(List.of("alter table \"plots\" drop \"area\", drop \"slope\""), downOf(db -> db
                .alterTable(name("plots"))
                .add(field(name("area"), SQLDataType.NUMERIC), field(name("slope"), SQLDataType.INTEGER)).execute()));
    }

    @Test
    void addColumnIfNotExistsIsUndoneByDropColumnIfExists() {
        assertEquals(List.of("alter table \"plots\" drop if exists \"area\""), downOf(db -> db
                .alterTable(name("plots")).addIfNotExists(name("area"), SQLDataType.NUMERIC).execute()));
    }

    @Test
    void addNamedConstraintIsUndoneByDropConstraint() {
        assertEquals(List.of("alter table \"plots\" drop constraint \"fk_plots_farm\""), downOf(db -> db
                .alterTable(name("plots"))
                .add(constraint(name("fk_plots_farm")).foreignKey(name("farm_id")).references(name("farms")))
                .execute()));
    }

    @Test
    void dropColumnWithItsTypeIsUndoneByAddingItBack() {
        assertEquals(List.of("alter table \"plots\" add \"legacy_code\" varchar(20) default 'none'"), downOf(db -> db
                .alterTable(name("plots"))
                .drop(field(name("legacy_code"), SQLDataType.VARCHAR(20).defaultValue(inline("none")))).execute()));
    }

    @Test
    void renameTableIsUndoneByRenamingBack() {
        assertEquals(List.of("alter table \"fields\" rename to \"plots\""),
                downOf(db -> db.alterTable(name("plots")).renameTo(name("fields")).execute()));
    }

    @Test
    void renameColumnIsUndoneByRenamingBack() {
        assertEquals(List.of("alter table \"plots\" rename column \"label\" to \"code\""),
                downOf(db -> db.alterTable(name("plots")).renameColumn(name("code")).to(name("label")).execute()));
    }

    @Test
    void renameIndexThroughAlterTableIsUndoneByRenamingBack() {
        assertEquals(List.of("alter index \"idx_new\" rename to \"idx_old\""),
                downOf(db -> db.alterTable(name("plots")).renameIndex(name("idx_old")).to(name("idx_new")).execute()));
    }

    @Test
    void alterIndexRenameIsUndoneByRenamingBack() {
        assertEquals(List.of("alter index \"idx_new\" rename to \"idx_old\""),
                downOf(db -> db.alterIndex(name("idx_old")).renameTo(name("idx_new")).execute()));
    }

    @Test
    void renameConstraintIsUndoneByRenamingBack() {
        assertEquals(List.of("alter table \"plots\" rename constraint \"pk_new\" to \"pk_old\""), downOf(db -> db
                .alterTable(name("plots")).renameConstraint(name("pk_old")).to(name("pk_new")).execute()));
    }

    @Test
    void setNotNullIsUndoneByDropNotNull() {
        assertEquals(List.of("alter table \"plots\" alter \"code\" drop not null"),
                downOf(db -> db.alterTable(name("plots")).alter(name("code")).setNotNull().execute()));
    }

    @Test
    void dropNotNullIsUndoneBySetNotNull() {
        assertEquals(List.of("alter table \"plots\" alter \"code\" set not null"),
                downOf(db -> db.alterTable(name("plots")).alter(name("code")).dropNotNull().execute()));
    }

    @Test
    void defaultAndTypeOfAColumnAddedInTheSameChangeNeedNoInverse() {
        assertEquals(List.of("alter table \"plots\" drop \"area\""), downOf(db -> {
            db.alterTable(name("plots")).add(field(name("area"), SQLDataType.INTEGER)).execute();
            db.alterTable(name("plots")).alter(name("area")).setDefault(inline(0)).execute();
            db.alterTable(name("plots")).alter(name("area")).set(SQLDataType.BIGINT).execute();
            db.alterTable(name("plots")).alter(name("area")).dropDefault().execute();
        }));
    }

    @Test
    void createEnumTypeIsUndoneByDropType() {
        assertEquals(List.of("drop type \"plot_state\""),
                downOf(db -> db.createType(name("plot_state")).asEnum("fallow", "planted").execute()));
    }

    @Test
    void renameTypeIsUndoneByRenamingBack() {
        assertEquals(List.of("alter type \"field_state\" rename to \"plot_state\""),
                downOf(db -> db.alterType(name("plot_state")).renameTo(name("field_state")).execute()));
    }

    @Test
    void renameEnumValueIsUndoneByRenamingBack() {
        assertEquals(List.of("alter type \"plot_state\" rename value 'sown' to 'planted'"),
                downOf(db -> db.alterType(name("plot_state")).renameValue("planted").to("sown").execute()));
    }

    @Test
    void createSequenceIsUndoneByDropSequence() {
        assertEquals(List.of("drop sequence \"plot_numbers\""),
                downOf(db -> db.createSequence(name("plot_numbers")).execute()));
    }

    @Test
    void renameSequenceIsUndoneByRenamingBack() {
        assertEquals(List.of("alter sequence \"field_numbers\" rename to \"plot_numbers\""),
                downOf(db -> db.alterSequence(name("plot_numbers")).renameTo(name("field_numbers")).execute()));
    }

    @Test
    void createViewIsUndoneByDropView() {
        assertEquals(List.of("drop view \"planted_plots\""), downOf(db -> db.createView(name("planted_plots"))
                .as(select(field(name("plot_id"))).from(table(name("plots")))).execute()));
    }

    @Test
    void createMaterializedViewIsUndoneByDropMaterializedView() {
        assertEquals(List.of("drop materialized view \"plot_totals\""), downOf(db -> db
                .createMaterializedView(name("plot_totals"))
                .as(select(field(name("plot_id"))).from(table(name("plots")))).execute()));
    }

    @Test
    void renameViewIsUndoneByRenamingBack() {
        // Two spaces after "alter view": that is how jOOQ 3.19 renders it.
        assertEquals(List.of("alter view  \"field_view\" rename to \"plot_view\""),
                downOf(db -> db.alterView(name("plot_view")).renameTo(name("field_view")).execute()));
    }

    @Test
    void commentsOnATableAndColumnCreatedInTheSameChangeNeedNoInverse() {
        assertEquals(List.of("alter table \"plots\" drop \"area\"", "drop table \"plots\""), downOf(db -> {
            db.createTable(name("plots")).column(name("plot_id"), SQLDataType.INTEGER).execute();
            db.commentOnTable(name("plots")).is("Cultivated plots").execute();
            db.commentOnColumn(name("plots", "plot_id")).is("Key").execute();
            db.alterTable(name("plots")).add(field(name("area"), SQLDataType.NUMERIC)).execute();
            db.commentOnColumn(name("plots", "area")).is("Square metres").execute();
        }));
    }

    @Test
    void createExtensionIsUndoneByDropExtension() {
        assertEquals(List.of("drop extension if exists postgis"),
                downOf(db -> db.execute("create extension if not exists postgis")));
        assertEquals(List.of("drop extension \"uuid-ossp\""),
                downOf(db -> db.execute("CREATE EXTENSION \"uuid-ossp\";")));
    }

    @Test
    void statementsOfABatchAreInvertedOneByOne() {
        assertEquals(List.of("drop table \"b\"", "drop table \"a\""), downOf(db -> db.batch(
                db.createTable(name("a")).column(name("id"), SQLDataType.INTEGER),
                db.createTable(name("b")).column(name("id"), SQLDataType.INTEGER)).execute()));
    }

    // --- irreversible -------------------------------------------------------------------------------------------

    static final class V7__backfill_bins extends DemeterMigration {
        @Override
        protected void change(DSLContext db) {
            db.createTable(name("storage_bins")).column(name("code"), SQLDataType.VARCHAR(20)).execute();
            db.update(table(name("storage_bins"))).set(field(name("code")), inline("A1")).execute();
        }
    }

    @Test
    void dataChangeHasNoInverseAndTheMessageNamesMigrationStatementAndFixes() {
        DemeterMigration migration = new V7__backfill_bins();
        assertFalse(migration.isReversible());
        assertEquals(Optional.of("V7__backfill_bins: `update \"storage_bins\" set \"code\" = 'A1'` has no automatic"
                + " inverse" + FIXES), migration.irreversibilityReason());
        IrreversibleMigrationException e = assertThrows(IrreversibleMigrationException.class, migration::renderDown);
        assertEquals(migration.irreversibilityReason().orElseThrow(), e.getMessage());
    }

    @Test
    void plainSqlHasNoInverse() {
        assertEquals("V1__change: `create index concurrently \"idx\" on \"plots\" (\"code\")` has no automatic"
                + " inverse" + FIXES, reasonOf(db -> db.execute("create index concurrently \"idx\" on \"plots\" (\"code\")")));
    }

    @Test
    void dropColumnWithoutItsTypeHasNoInverse() {
        assertEquals("V1__change: `alter table \"plots\" drop \"legacy_code\"` has no automatic inverse: a dropped"
                + " column can be added back only when its type is known; drop field(name(\"legacy_code\"), <its"
                + " SQLDataType>) instead of a bare name" + FIXES,
                reasonOf(db -> db.alterTable(name("plots")).dropColumn(name("legacy_code")).execute()));
    }

    @Test
    void dropColumnCascadeHasNoInverse() {
        assertEquals("V1__change: `alter table \"plots\" drop \"code\" cascade` has no automatic inverse: cascade"
                + " also dropped whatever depended on the column" + FIXES, reasonOf(db -> db.alterTable(name("plots"))
                .drop(field(name("code"), SQLDataType.VARCHAR(20))).cascade().execute()));
    }

    @Test
    void dropTableHasNoInverse() {
        assertEquals("V1__change: `drop table \"plots\"` has no automatic inverse: a dropped table's columns,"
                + " constraints and rows are unknown" + FIXES, reasonOf(db -> db.dropTable(name("plots")).execute()));
    }

    @Test
    void unnamedConstraintHasNoInverse() {
        assertEquals("V1__change: `alter table \"plots\" add unique (\"code\")` has no automatic inverse: the"
                + " constraint has no name, so PostgreSQL chooses one Demeter cannot know; name it with"
                + " constraint(name(...))" + FIXES,
                reasonOf(db -> db.alterTable(name("plots")).add(unique(name("code"))).execute()));
    }

    @Test
    void setDefaultOnAnExistingColumnHasNoInverse() {
        assertEquals("V1__change: `alter table \"plots\" alter \"area\" set default 0` has no automatic inverse: the"
                + " column's previous default is unknown" + FIXES,
                reasonOf(db -> db.alterTable(name("plots")).alter(name("area")).setDefault(inline(0)).execute()));
    }

    @Test
    void changingTheTypeOfAnExistingColumnHasNoInverse() {
        assertEquals("V1__change: `alter table \"plots\" alter \"area\" type bigint` has no automatic inverse: the"
                + " column's previous type is unknown" + FIXES,
                reasonOf(db -> db.alterTable(name("plots")).alter(name("area")).set(SQLDataType.BIGINT).execute()));
    }

    @Test
    void commentOnAnExistingTableHasNoInverse() {
        assertEquals("V1__change: `comment on table \"plots\" is 'Fields'` has no automatic inverse: the previous"
                + " comment is unknown; put the previous comment in the down of reversible(up, down)" + FIXES,
                reasonOf(db -> db.commentOnTable(name("plots")).is("Fields").execute()));
    }

    @Test
    void createOrReplaceViewHasNoInverse() {
        assertEquals("V1__change: `create or replace view \"v\" as select \"a\" from \"t\"` has no automatic"
                + " inverse: \"or replace\" may have replaced a definition Demeter does not know" + FIXES,
                reasonOf(db -> db.createOrReplaceView(name("v")).as(select(field(name("a"))).from(table(name("t"))))
                        .execute()));
    }

    @Test
    void addingAnEnumValueHasNoInverse() {
        assertEquals("V1__change: `alter type \"plot_state\" add value 'harvested'` has no automatic inverse:"
                + " PostgreSQL cannot remove a value from an enum type" + FIXES,
                reasonOf(db -> db.alterType(name("plot_state")).addValue("harvested").execute()));
    }

    @Test
    void readingDataHasNoInverse() {
        assertEquals("V1__change: `select 1 as \"one\"` has no automatic inverse: change() reads data, and the"
                + " recording an inverse is derived from sees no rows, so it cannot know what change() did" + FIXES,
                reasonOf(db -> db.selectOne().fetch()));
    }

    @Test
    void createExtensionWithOptionsHasNoInverse() {
        assertEquals("V1__change: `create extension postgis cascade` has no automatic inverse" + FIXES,
                reasonOf(db -> db.execute("create extension postgis cascade")));
    }

    @Test
    void aLongStatementIsShortenedInTheMessage() {
        String sql = "update \"plots\" set \"code\" = '" + "x".repeat(300) + "'";
        assertEquals("V1__change: `" + sql.substring(0, 200) + "...` has no automatic inverse" + FIXES,
                reasonOf(db -> db.execute(sql)));
    }

    @Test
    void theFirstIrreversibleStatementIsReported() {
        assertEquals("V1__change: `drop table \"a\"` has no automatic inverse: a dropped table's columns,"
                + " constraints and rows are unknown" + FIXES, reasonOf(db -> {
                    db.createTable(name("b")).column(name("id"), SQLDataType.INTEGER).execute();
                    db.dropTable(name("a")).execute();
                    db.dropTable(name("c")).execute();
                }));
    }
}
