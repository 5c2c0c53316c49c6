package ai.demeter.migrations.api;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.AlterTableFinalStep;
import org.jooq.Constraint;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Index;
import org.jooq.Nullability;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.TableElement;
import org.jooq.impl.QOM;

/**
 * The parts of a jOOQ {@code ALTER TABLE} statement, read for inversion.
 *
 * <p>jOOQ 3.19 OSS has no {@code QOM.AlterTable}: its {@code AlterTableImpl} is marked "not yet implemented" in
 * the query object model and keeps its parts behind package-private {@code $...} accessors (the names the future
 * public model will use) and, for index renames, two private fields. This class is the one place that reads
 * them, reflectively. When a jOOQ upgrade moves them, {@link #of} still recognises the statement but reading
 * throws {@link UnreadableException}; {@link Inverses} then reports the statement as irreversible, so a rollback
 * is refused while it is planned, and {@code AlterTablePartsTest} fails the build first.
 */
final class AlterTableParts {
    private final Query query;

    private AlterTableParts(Query query) {
        this.query = query;
    }

    /** The parts of {@code query} when it is a jOOQ DSL {@code ALTER TABLE}. */
    static Optional<AlterTableParts> of(Query query) {
        return query instanceof AlterTableFinalStep ? Optional.of(new AlterTableParts(query)) : Optional.empty();
    }

    Table<?> table() {
        return (Table<?>) accessor("$table");
    }

    /** {@code ALTER TABLE IF EXISTS}. */
    boolean ifExists() {
        return (Boolean) accessor("$ifExists");
    }

    /** What {@code add(...)} adds: columns ({@link Field}) and constraints, in order; empty for other forms. */
    List<TableElement> added() {
        List<TableElement> added = new ArrayList<>();
        Field<?> column = (Field<?>) accessor("$addColumn");
        if (column != null) {
            added.add(column);
        }
        @SuppressWarnings("unchecked")
        List<TableElement> elements = (List<TableElement>) accessor("$add");
        if (elements != null) {
            added.addAll(elements);
        }
        Constraint constraint = (Constraint) accessor("$addConstraint");
        if (constraint != null) {
            added.add(constraint);
        }
        return added;
    }

    /** {@code add ... if not exists}. */
    boolean ifNotExistsColumn() {
        return (Boolean) accessor("$ifNotExistsColumn");
    }

    /** The columns {@code drop(...)} drops, as the author wrote them (with their data type when given). */
    List<Field<?>> droppedColumns() {
        @SuppressWarnings("unchecked")
        List<Field<?>> columns = (List<Field<?>>) accessor("$dropColumns");
        return columns == null ? List.of() : List.copyOf(columns);
    }

    /** {@code drop ... if exists}. */
    boolean ifExistsColumn() {
        return (Boolean) accessor("$ifExistsColumn");
    }

    boolean dropCascade() {
        return accessor("$dropCascade") == QOM.Cascade.CASCADE;
    }

    Constraint droppedConstraint() {
        return (Constraint) accessor("$dropConstraint");
    }

    Table<?> renameTo() {
        return (Table<?>) accessor("$renameTo");
    }

    Field<?> renameColumn() {
        return (Field<?>) accessor("$renameColumn");
    }

    Field<?> renameColumnTo() {
        return (Field<?>) accessor("$renameColumnTo");
    }

    Index renameIndex() {
        return (Index) privateField("renameIndex");
    }

    Index renameIndexTo() {
        return (Index) privateField("renameIndexTo");
    }

    Constraint renameConstraint() {
        return (Constraint) accessor("$renameConstraint");
    }

    Constraint renameConstraintTo() {
        return (Constraint) accessor("$renameConstraintTo");
    }

    /** The column of {@code alter(column)...}; the remaining accessors say what is done to it. */
    Field<?> alteredColumn() {
        return (Field<?>) accessor("$alterColumn");
    }

    Nullability alteredNullability() {
        return (Nullability) accessor("$alterColumnNullability");
    }

    DataType<?> alteredType() {
        return (DataType<?>) accessor("$alterColumnType");
    }

    /** {@code set default ...} or {@code drop default}. */
    boolean altersDefault() {
        return accessor("$alterColumnDefault") != null || (Boolean) accessor("$alterColumnDropDefault");
    }

    private Object accessor(String name) {
        try {
            Method method = query.getClass().getDeclaredMethod(name);
            method.setAccessible(true);
            return method.invoke(query);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new UnreadableException(name, e);
        }
    }

    private Object privateField(String name) {
        try {
            java.lang.reflect.Field field = query.getClass().getDeclaredField(name);
            field.setAccessible(true);
            return field.get(query);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new UnreadableException(name, e);
        }
    }

    /** jOOQ's internals moved: the statement cannot be read, so it is treated as having no inverse. */
    static final class UnreadableException extends RuntimeException {
        UnreadableException(String part, Throwable cause) {
            super("jOOQ's ALTER TABLE has no readable part " + part, cause);
        }
    }
}
