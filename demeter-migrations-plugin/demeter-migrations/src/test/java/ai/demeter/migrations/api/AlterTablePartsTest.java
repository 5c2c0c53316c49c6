package ai.demeter.migrations.api;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Nullability;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

/**
 * Pins the jOOQ internals {@link AlterTableParts} reads: a jOOQ upgrade that moves them fails here, by name,
 * rather than as a surprising "no automatic inverse" on a migration.
 */
class AlterTablePartsTest {
    private final DSLContext db = DSL.using(SQLDialect.POSTGRES);

    private AlterTableParts parts(org.jooq.Query query) {
        return AlterTableParts.of(query).orElseThrow();
    }

    @Test
    void readsAddedColumnsWithTheirTypes() {
        AlterTableParts alter = parts(db.alterTableIfExists(name("plots"))
                .addIfNotExists(field(name("area"), SQLDataType.NUMERIC(10, 2))));
        assertEquals(name("plots"), alter.table().getQualifiedName());
        assertTrue(alter.ifExists());
        assertTrue(alter.ifNotExistsColumn());
        assertEquals(1, alter.added().size());
        assertEquals("area", ((Field<?>) alter.added().get(0)).getName());
    }

    @Test
    void readsDroppedColumnsWithTheirTypes() {
        AlterTableParts alter = parts(db.alterTable(name("plots")).drop(field(name("code"), SQLDataType.VARCHAR(20))));
        List<Field<?>> dropped = alter.droppedColumns();
        assertEquals(1, dropped.size());
        assertEquals(SQLDataType.VARCHAR(20).getCastTypeName(), dropped.get(0).getDataType().getCastTypeName());
        assertFalse(alter.dropCascade());
        assertFalse(alter.ifExistsColumn());
    }

    @Test
    void readsRenames() {
        assertEquals(name("fields"), parts(db.alterTable(name("plots")).renameTo(name("fields"))).renameTo()
                .getQualifiedName());
        AlterTableParts column = parts(db.alterTable(name("plots")).renameColumn(name("a")).to(name("b")));
        assertEquals("a", column.renameColumn().getName());
        assertEquals("b", column.renameColumnTo().getName());
        AlterTableParts index = parts(db.alterTable(name("plots")).renameIndex(name("i")).to(name("j")));
        assertEquals("i", index.renameIndex().getName());
        assertEquals("j", index.renameIndexTo().getName());
        AlterTableParts constraint = parts(db.alterTable(name("plots")).renameConstraint(name("c")).to(name("d")));
        assertEquals("c", constraint.renameConstraint().getName());
        assertEquals("d", constraint.renameConstraintTo().getName());
    }

    @Test
    void readsColumnAlterations() {
        AlterTableParts notNull = parts(db.alterTable(name("plots")).alter(name("code")).setNotNull());
        assertEquals("code", notNull.alteredColumn().getName());
        assertEquals(Nullability.NOT_NULL, notNull.alteredNullability());
        assertFalse(notNull.altersDefault());
        assertNull(notNull.alteredType());
        assertTrue(parts(db.alterTable(name("plots")).alter(name("code")).dropDefault()).altersDefault());
        assertEquals(SQLDataType.BIGINT, parts(db.alterTable(name("plots")).alter(name("code")).set(SQLDataType.BIGINT))
                .alteredType());
        assertEquals("fk", parts(db.alterTable(name("plots")).dropConstraint(name("fk"))).droppedConstraint().getName());
    }

    @Test
    void otherStatementsAreNotAlterTable() {
        assertTrue(AlterTableParts.of(db.dropTable(name("plots"))).isEmpty());
        assertTrue(AlterTableParts.of(null).isEmpty());
    }
}
