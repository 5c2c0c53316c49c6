package ai.demeter.migrations.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.AlterTableStep;
import org.jooq.Constraint;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Nullability;
import org.jooq.Query;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.TableElement;
import org.jooq.impl.QOM;
import org.jooq.impl.SQLDataType;

/**
 * The inverse of each statement a {@code change()} migration may issue. This table is also the user
 * documentation (docs/reversible-changes.md repeats it):
 *
 * <pre>
 * statement (jOOQ DSL)                          inverse                               condition
 * createTable(t) [IfNotExists]                  dropTable(t) [IfExists]               none
 * createIndex(i).on(t, ...) [unique, IfNotExists] dropIndex(i) [IfExists]             the index is named
 * alterTable(t).add(column, ...) [IfNotExists]  alterTable(t).drop(column, ...) [IfExists]  none
 * alterTable(t).add(constraint(c)...)           alterTable(t).dropConstraint(c)       the constraint is named
 * alterTable(t).drop(field(c, type), ...)       alterTable(t).add(field(c, type), ...)  every column given with its
 *                                                                                     type; no IfExists, no cascade
 * alterTable(t).renameTo(u)                     alterTable(u).renameTo(t)             none
 * alterTable(t).renameColumn(a).to(b)           alterTable(t).renameColumn(b).to(a)   none
 * alterTable(t).renameIndex(a).to(b)            alterTable(t).renameIndex(b).to(a)    none
 * alterIndex(a).renameTo(b)                     alterIndex(b).renameTo(a)             none
 * alterTable(t).renameConstraint(a).to(b)       alterTable(t).renameConstraint(b).to(a)  none
 * alterTable(t).alter(c).setNotNull()           alterTable(t).alter(c).dropNotNull()  none
 * alterTable(t).alter(c).dropNotNull()          alterTable(t).alter(c).setNotNull()   none
 * alterTable(t).alter(c).setDefault(x) / dropDefault() / set(type)
 *                                               nothing                               c was added (or its table
 *                                                                                     created) earlier in this change()
 * createType(e).asEnum(...) [IfNotExists]       dropType(e) [IfExists]                none
 * alterType(e).renameTo(f)                      alterType(f).renameTo(e)              none
 * alterType(e).renameValue(a).to(b)             alterType(e).renameValue(b).to(a)     none
 * createSequence(s) [IfNotExists]               dropSequence(s) [IfExists]            none
 * alterSequence(s).renameTo(r)                  alterSequence(r).renameTo(s)          nothing else altered
 * createView(v) / createMaterializedView(v) [IfNotExists]
 *                                               dropView(v) / dropMaterializedView(v) [IfExists]  not "or replace"
 * alterView(v).renameTo(w)                      alterView(w).renameTo(v)              nothing else altered
 * commentOnTable(t) / commentOnColumn(t.c) / commentOnView(v)
 *                                               nothing                               t, v or t.c created earlier
 *                                                                                     in this change()
 * plain SQL "create extension [if not exists] x"  "drop extension [if exists] x"     exactly that form
 * </pre>
 *
 * <p>Everything else has no automatic inverse: plain SQL, insert/update/delete/merge, reads (a recording sees
 * no rows, so what change() did cannot be known), every drop except typed columns, a column's default or type
 * changed on an existing column, comments on existing objects, unnamed indexes and constraints, "or replace"
 * views, enum values added. Wrap such a statement in {@code reversible(up, down)} or write up() and down().
 *
 * <p>One instance follows one recording in order: comments and column changes are invertible only because of
 * what came before them.
 */
final class Inverses {
    /** The one plain-SQL form recognised; the identifier is kept as written, quotes included. */
    private static final Pattern CREATE_EXTENSION = Pattern.compile(
            "\\s*create\\s+extension\\s+(if\\s+not\\s+exists\\s+)?(\"(?:[^\"]|\"\")+\"|[a-z_][a-z0-9_$]*)\\s*;?\\s*",
            Pattern.CASE_INSENSITIVE);

    /** Tables and views created (or renamed into) during this change(), by their name parts. */
    private final Set<List<String>> createdRelations = new HashSet<>();
    /** Columns added (or renamed into) during this change(): table name parts plus the column name. */
    private final Set<List<String>> createdColumns = new HashSet<>();

    /** What undoes {@code statement}, given everything recorded before it. */
    ChangeStep of(RecordedStatement statement) {
        Query query = statement.query();
        String sql = statement.sql();
        if (query instanceof QOM.CreateTable create) {
            return createTable(create, sql);
        } else if (query instanceof QOM.CreateIndex create) {
            return createIndex(create, sql);
        } else if (query instanceof QOM.CreateType create) {
            return createType(create, sql);
        } else if (query instanceof QOM.AlterType alter) {
            return alterType(alter, sql);
        } else if (query instanceof QOM.CreateSequence create) {
            return createSequence(create, sql);
        } else if (query instanceof QOM.AlterSequence<?> alter) {
            return alterSequence(alter, sql);
        } else if (query instanceof QOM.CreateView<?> create) {
            return createView(create, sql);
        } else if (query instanceof QOM.AlterView alter) {
            return alterView(alter, sql);
        } else if (query instanceof QOM.AlterIndex alter) {
            return alterIndex(alter, sql);
        } else if (query instanceof QOM.CommentOn comment) {
            return commentOn(comment, sql);
        }
        Optional<AlterTableParts> alterTable = AlterTableParts.of(query);
        if (alterTable.isPresent()) {
            return alterTable(alterTable.get(), sql);
        } else if (query instanceof ResultQuery<?>) {
            return new ChangeStep.Irreversible(sql, "change() reads data, and the recording an inverse is derived"
                    + " from sees no rows, so it cannot know what change() did");
        } else if (query instanceof QOM.DropTable) {
            return new ChangeStep.Irreversible(sql, "a dropped table's columns, constraints and rows are unknown");
        }
        Matcher extension = sql == null ? null : CREATE_EXTENSION.matcher(sql);
        if (extension != null && extension.matches()) {
            return createExtension(extension.group(1) != null, extension.group(2), sql);
        }
        return new ChangeStep.Irreversible(sql, "");
    }

    private ChangeStep createTable(QOM.CreateTable create, String sql) {
        Table<?> table = create.$table();
        createdRelations.add(parts(table.getQualifiedName()));
        boolean ifNotExists = create.$ifNotExists();
        return ChangeStep.Invertible.of(sql, db -> ifNotExists ? db.dropTableIfExists(table) : db.dropTable(table));
    }

    private ChangeStep createIndex(QOM.CreateIndex create, String sql) {
        if (create.$index() == null || create.$index().getName().isEmpty()) {
            return new ChangeStep.Irreversible(sql, "the index has no name, so PostgreSQL chooses one Demeter cannot"
                    + " know; name it with createIndex(name(...))");
        }
        Name index = create.$index().getQualifiedName();
        boolean ifNotExists = create.$ifNotExists();
        return ChangeStep.Invertible.of(sql, db -> ifNotExists ? db.dropIndexIfExists(index) : db.dropIndex(index));
    }

    private ChangeStep createType(QOM.CreateType create, String sql) {
        org.jooq.Type<?> type = create.$type();
        boolean ifNotExists = create.$ifNotExists();
        return ChangeStep.Invertible.of(sql, db -> ifNotExists ? db.dropTypeIfExists(type) : db.dropType(type));
    }

    private ChangeStep alterType(QOM.AlterType alter, String sql) {
        Name type = alter.$type();
        if (alter.$renameTo() != null) {
            Name renamed = alter.$renameTo();
            return ChangeStep.Invertible.of(sql, db -> db.alterType(renamed).renameTo(type.unqualifiedName()));
        }
        if (alter.$renameValue() != null && alter.$renameValueTo() != null) {
            Field<String> from = alter.$renameValue();
            Field<String> to = alter.$renameValueTo();
            return ChangeStep.Invertible.of(sql, db -> db.alterType(type).renameValue(to).to(from));
        }
        if (alter.$addValue() != null) {
            return new ChangeStep.Irreversible(sql, "PostgreSQL cannot remove a value from an enum type");
        }
        return new ChangeStep.Irreversible(sql, "");
    }

    private ChangeStep createSequence(QOM.CreateSequence create, String sql) {
        Name sequence = create.$sequence().getQualifiedName();
        boolean ifNotExists = create.$ifNotExists();
        return ChangeStep.Invertible.of(sql,
                db -> ifNotExists ? db.dropSequenceIfExists(sequence) : db.dropSequence(sequence));
    }

    private ChangeStep alterSequence(QOM.AlterSequence<?> alter, String sql) {
        boolean onlyRenamed = alter.$renameTo() != null && !alter.$restart() && alter.$restartWith() == null
                && alter.$startWith() == null && alter.$incrementBy() == null && alter.$minvalue() == null
                && !alter.$noMinvalue() && alter.$maxvalue() == null && !alter.$noMaxvalue()
                && alter.$cycle() == null && alter.$cache() == null && !alter.$noCache();
        if (!onlyRenamed) {
            return new ChangeStep.Irreversible(sql, "the sequence's previous settings are unknown");
        }
        Name sequence = alter.$sequence().getQualifiedName();
        Name renamed = alter.$renameTo().getQualifiedName();
        return ChangeStep.Invertible.of(sql,
                db -> db.alterSequence(renamed).renameTo(sequence.unqualifiedName()));
    }

    private ChangeStep createView(QOM.CreateView<?> create, String sql) {
        if (create.$orReplace()) {
            return new ChangeStep.Irreversible(sql, "\"or replace\" may have replaced a definition Demeter does not"
                    + " know");
        }
        Table<?> view = create.$view();
        createdRelations.add(parts(view.getQualifiedName()));
        boolean materialized = create.$materialized();
        boolean ifNotExists = create.$ifNotExists();
        return ChangeStep.Invertible.of(sql, db -> materialized
                ? (ifNotExists ? db.dropMaterializedViewIfExists(view) : db.dropMaterializedView(view))
                : (ifNotExists ? db.dropViewIfExists(view) : db.dropView(view)));
    }

    private ChangeStep alterView(QOM.AlterView alter, String sql) {
        boolean onlyRenamed = alter.$renameTo() != null && alter.$as() == null && alter.$comment() == null
                && alter.$fields().isEmpty();
        if (!onlyRenamed) {
            return new ChangeStep.Irreversible(sql, "");
        }
        Table<?> view = alter.$view();
        Table<?> renamed = alter.$renameTo();
        renamed(createdRelations, parts(view.getQualifiedName()), parts(renamed.getQualifiedName()));
        boolean materialized = alter.$materialized();
        Name back = view.getUnqualifiedName();
        return ChangeStep.Invertible.of(sql, db -> materialized
                ? db.alterMaterializedView(renamed).renameTo(back)
                : db.alterView(renamed).renameTo(back));
    }

    private ChangeStep alterIndex(QOM.AlterIndex alter, String sql) {
        if (alter.$renameTo() == null) {
            return new ChangeStep.Irreversible(sql, "");
        }
        Name index = alter.$index().getQualifiedName();
        Name renamed = alter.$renameTo().getQualifiedName();
        boolean ifExists = alter.$ifExists();
        return ChangeStep.Invertible.of(sql, db -> (ifExists ? db.alterIndexIfExists(renamed) : db.alterIndex(renamed))
                .renameTo(index.unqualifiedName()));
    }

    private ChangeStep commentOn(QOM.CommentOn comment, String sql) {
        boolean createdHere = comment.$field() != null
                ? columnCreatedHere(parts(comment.$field().getQualifiedName()))
                : comment.$table() != null && createdRelations.contains(parts(comment.$table().getQualifiedName()));
        if (createdHere) {
            return ChangeStep.Invertible.nothingToUndo(sql);
        }
        return new ChangeStep.Irreversible(sql, "the previous comment is unknown; put the previous comment in the"
                + " down of reversible(up, down)");
    }

    private ChangeStep createExtension(boolean ifNotExists, String extension, String sql) {
        String drop = "drop extension " + (ifNotExists ? "if exists " : "") + extension;
        return ChangeStep.Invertible.of(sql, db -> db.query(drop));
    }

    private ChangeStep alterTable(AlterTableParts alter, String sql) {
        try {
            return readableAlterTable(alter, sql);
        } catch (AlterTableParts.UnreadableException e) {
            return new ChangeStep.Irreversible(sql, "Demeter cannot read this ALTER TABLE with jOOQ "
                    + org.jooq.Constants.VERSION);
        }
    }

    private ChangeStep readableAlterTable(AlterTableParts alter, String sql) {
        Table<?> table = alter.table();
        List<String> tableParts = parts(table.getQualifiedName());
        boolean ifExists = alter.ifExists();
        Function<DSLContext, AlterTableStep> same = db -> ifExists ? db.alterTableIfExists(table) : db.alterTable(table);

        List<TableElement> added = alter.added();
        if (!added.isEmpty()) {
            return added(alter, added, tableParts, same, sql);
        }
        List<Field<?>> dropped = alter.droppedColumns();
        if (!dropped.isEmpty()) {
            return droppedColumns(alter, dropped, same, sql);
        }
        if (alter.droppedConstraint() != null) {
            return new ChangeStep.Irreversible(sql, "a dropped constraint's definition is unknown");
        }
        if (alter.renameTo() != null) {
            Table<?> renamed = alter.renameTo();
            tableRenamed(tableParts, parts(renamed.getQualifiedName()));
            Name back = table.getUnqualifiedName();
            return ChangeStep.Invertible.of(sql,
                    db -> (ifExists ? db.alterTableIfExists(renamed) : db.alterTable(renamed)).renameTo(back));
        }
        if (alter.renameColumn() != null) {
            Name from = alter.renameColumn().getUnqualifiedName();
            Name to = alter.renameColumnTo().getUnqualifiedName();
            renamed(createdColumns, column(tableParts, from), column(tableParts, to));
            return ChangeStep.Invertible.of(sql, db -> same.apply(db).renameColumn(to).to(from));
        }
        if (alter.renameIndex() != null) {
            Name from = alter.renameIndex().getUnqualifiedName();
            Name to = alter.renameIndexTo().getUnqualifiedName();
            return ChangeStep.Invertible.of(sql, db -> same.apply(db).renameIndex(to).to(from));
        }
        if (alter.renameConstraint() != null) {
            Name from = alter.renameConstraint().getUnqualifiedName();
            Name to = alter.renameConstraintTo().getUnqualifiedName();
            return ChangeStep.Invertible.of(sql, db -> same.apply(db).renameConstraint(to).to(from));
        }
        if (alter.alteredColumn() != null) {
            return alteredColumn(alter, tableParts, same, sql);
        }
        return new ChangeStep.Irreversible(sql, "");
    }

    private ChangeStep added(AlterTableParts alter, List<TableElement> added, List<String> tableParts,
            Function<DSLContext, AlterTableStep> same, String sql) {
        List<Name> columns = new ArrayList<>();
        List<Name> constraints = new ArrayList<>();
        for (TableElement element : added) {
            if (element instanceof Field<?> field) {
                columns.add(field.getUnqualifiedName());
            } else if (element instanceof Constraint constraint && !constraint.getName().isEmpty()) {
                constraints.add(constraint.getUnqualifiedName());
            } else if (element instanceof Constraint) {
                return new ChangeStep.Irreversible(sql, "the constraint has no name, so PostgreSQL chooses one"
                        + " Demeter cannot know; name it with constraint(name(...))");
            } else {
                return new ChangeStep.Irreversible(sql, "");
            }
        }
        columns.forEach(name -> createdColumns.add(column(tableParts, name)));
        boolean ifNotExists = alter.ifNotExistsColumn();
        List<Function<DSLContext, Query>> inverse = new ArrayList<>();
        for (int i = constraints.size() - 1; i >= 0; i--) {
            Name constraint = constraints.get(i);
            inverse.add(db -> same.apply(db).dropConstraint(constraint));
        }
        if (ifNotExists) {
            // jOOQ drops one column at a time "if exists"; newest first, as everywhere in a down.
            for (int i = columns.size() - 1; i >= 0; i--) {
                Name column = columns.get(i);
                inverse.add(db -> same.apply(db).dropIfExists(column));
            }
        } else if (!columns.isEmpty()) {
            inverse.add(db -> same.apply(db).drop(columns.toArray(Name[]::new)));
        }
        return new ChangeStep.Invertible(sql, inverse);
    }

    private ChangeStep droppedColumns(AlterTableParts alter, List<Field<?>> dropped,
            Function<DSLContext, AlterTableStep> same, String sql) {
        if (alter.dropCascade()) {
            return new ChangeStep.Irreversible(sql, "cascade also dropped whatever depended on the column");
        }
        if (alter.ifExistsColumn()) {
            return new ChangeStep.Irreversible(sql, "\"if exists\" may have dropped nothing");
        }
        for (Field<?> column : dropped) {
            if (column.getDataType().getSQLDataType() == SQLDataType.OTHER) {
                return new ChangeStep.Irreversible(sql, "a dropped column can be added back only when its type is"
                        + " known; drop field(name(\"" + column.getName() + "\"), <its SQLDataType>) instead of"
                        + " a bare name");
            }
        }
        List<TableElement> columns = List.copyOf(dropped);
        return ChangeStep.Invertible.of(sql, db -> same.apply(db).add(columns));
    }

    private ChangeStep alteredColumn(AlterTableParts alter, List<String> tableParts,
            Function<DSLContext, AlterTableStep> same, String sql) {
        Name column = alter.alteredColumn().getUnqualifiedName();
        if (alter.alteredType() != null || alter.altersDefault()) {
            if (columnCreatedHere(column(tableParts, column))) {
                return ChangeStep.Invertible.nothingToUndo(sql);
            }
            return new ChangeStep.Irreversible(sql, alter.alteredType() != null
                    ? "the column's previous type is unknown"
                    : "the column's previous default is unknown");
        }
        if (alter.alteredNullability() == Nullability.NOT_NULL) {
            return ChangeStep.Invertible.of(sql, db -> same.apply(db).alter(column).dropNotNull());
        }
        if (alter.alteredNullability() == Nullability.NULL) {
            return ChangeStep.Invertible.of(sql, db -> same.apply(db).alter(column).setNotNull());
        }
        return new ChangeStep.Irreversible(sql, "");
    }

    private boolean columnCreatedHere(List<String> column) {
        return createdColumns.contains(column) || createdRelations.contains(column.subList(0, column.size() - 1));
    }

    private void tableRenamed(List<String> from, List<String> to) {
        renamed(createdRelations, from, to);
        for (List<String> column : List.copyOf(createdColumns)) {
            if (column.subList(0, column.size() - 1).equals(from)) {
                createdColumns.remove(column);
                createdColumns.add(column(to, column.get(column.size() - 1)));
            }
        }
    }

    private static void renamed(Set<List<String>> created, List<String> from, List<String> to) {
        if (created.remove(from)) {
            created.add(to);
        }
    }

    private static List<String> column(List<String> table, Name column) {
        return column(table, column.last());
    }

    private static List<String> column(List<String> table, String column) {
        List<String> parts = new ArrayList<>(table);
        parts.add(column);
        return List.copyOf(parts);
    }

    private static List<String> parts(Name name) {
        return List.copyOf(Arrays.asList(name.getName()));
    }
}
