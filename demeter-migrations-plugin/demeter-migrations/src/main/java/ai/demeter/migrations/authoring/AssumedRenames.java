package ai.demeter.migrations.authoring;

import static ai.demeter.migrations.internal.SqlText.quoteIfNeeded;

import ai.demeter.migrations.schema.SchemaDifference;
import ai.demeter.migrations.schema.SchemaObject;
import ai.demeter.migrations.schema.SchemaSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The renames {@code diff} assumes between what the migrations build and what a database holds. The catalog keeps
 * no record of a rename: a renamed column is a column gone and a column new, and a migration that drops the one and
 * adds the other loses every row's value. So a table, column, constraint or index that is gone, paired with exactly
 * one new one of the same kind that is alike in everything but its name, is taken for renamed (Alembic writes a
 * drop and an add; Django asks). A table is alike when its columns are, with their comments; a column when its type,
 * nullability, default, generation, identity and collation are, and the constraints, indexes, triggers and comment
 * that name it are the same with the new name; a constraint or an index when its definition is. The pairing must be
 * one to one: two gone columns of one type and two new ones stay drops and adds.
 *
 * <p>{@link #renamed()} is the built snapshot with the renames made, as PostgreSQL makes them (a constraint keeps its
 * name when its table is renamed, an index definition names the new column): what the rest of the migration is
 * planned from.
 */
final class AssumedRenames {
    private static final Pattern REFERENCES = Pattern.compile("(.*REFERENCES )(\\S+?)\\((.+?)\\)(.*)");
    private static final Pattern TRIGGER_COLUMNS = Pattern.compile("( OF )(.+?)( ON )");
    private static final Pattern TRIGGER_WHEN = Pattern.compile("( WHEN \\()(.*)(\\) EXECUTE )");
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

    /**
     * One assumed rename.
     *
     * @param kind  {@code table}, {@code column}, {@code constraint} or {@code index}
     * @param table the table of a column, constraint or index; for a table, its old name
     */
    record Rename(String kind, String table, String from, String to) {
        /** {@code column plots.code to plot_code}, {@code table plots to fields}. */
        String describe() {
            return kind + " " + (kind.equals("table") ? from : table + "." + from) + " to " + to;
        }
    }

    private final String schema;
    private final Set<SchemaObject> live;
    private final SchemaSnapshot liveSnapshot;
    private final List<Rename> renames = new ArrayList<>();
    private SchemaSnapshot renamed;

    private AssumedRenames(SchemaSnapshot built, SchemaSnapshot live) {
        this.schema = built.schema();
        this.renamed = built;
        this.liveSnapshot = live;
        this.live = new HashSet<>(live.objects());
    }

    static AssumedRenames between(SchemaSnapshot built, SchemaSnapshot live) {
        AssumedRenames renames = new AssumedRenames(built, live);
        // Tables first: a renamed table's columns are then compared under its new name.
        renames.pair(SchemaObject.Table.class, renames::tableRename);
        renames.pair(SchemaObject.Column.class, renames::columnRename);
        renames.pair(SchemaObject.Constraint.class, renames::constraintRename);
        renames.pair(SchemaObject.Index.class, renames::indexRename);
        return renames;
    }

    List<Rename> renames() {
        return List.copyOf(renames);
    }

    /** The built snapshot with every assumed rename made. */
    SchemaSnapshot renamed() {
        return renamed;
    }

    /**
     * Pairs the objects of one kind that are gone with the new ones, one to one, and makes the renames.
     *
     * @param rename the rename that turns {@code gone} into {@code added}, or null when they are not alike
     */
    private <T extends SchemaObject> void pair(Class<T> type, BiFunction<T, T, Rename> rename) {
        List<T> gone = new ArrayList<>();
        List<T> added = new ArrayList<>();
        for (SchemaDifference difference : renamed.differences(liveSnapshot)) {
            if (type.isInstance(difference.object()) && difference instanceof SchemaDifference.OnlyLeft) {
                gone.add(type.cast(difference.object()));
            } else if (type.isInstance(difference.object()) && difference instanceof SchemaDifference.OnlyRight) {
                added.add(type.cast(difference.object()));
            }
        }
        List<Rename> candidates = new ArrayList<>();
        for (T from : gone) {
            for (T to : added) {
                Rename candidate = rename.apply(from, to);
                if (candidate != null) {
                    candidates.add(candidate);
                }
            }
        }
        for (Rename candidate : candidates) {
            long sameFrom = candidates.stream().filter(other -> other.table().equals(candidate.table())
                    && other.from().equals(candidate.from())).count();
            long sameTo = candidates.stream().filter(other -> sameTable(other, candidate)
                    && other.to().equals(candidate.to())).count();
            if (sameFrom == 1 && sameTo == 1) {
                renamed = apply(candidate, renamed);
                renames.add(candidate);
            }
        }
    }

    /** Whether two candidates end in the same table (a table rename's table is its old name, so compare targets). */
    private static boolean sameTable(Rename one, Rename other) {
        return one.kind().equals("table") || one.table().equals(other.table());
    }

    // ---------------------------------------------------------------- what makes two objects alike

    private Rename tableRename(SchemaObject.Table from, SchemaObject.Table to) {
        if (!Objects.equals(from.partitionKey(), to.partitionKey()) || from.unlogged() != to.unlogged()
                || relationNameTaken(to.name())) {
            return null;
        }
        Rename rename = new Rename("table", from.name(), from.name(), to.name());
        SchemaSnapshot after = apply(rename, renamed);
        if (!after.columns(to.name()).equals(liveSnapshot.columns(to.name()))) {
            return null;
        }
        // Constraints, indexes and triggers may differ besides: they are changed after the rename. Comments may not:
        // one on the old name would be removed before the rename, by the new name.
        return touched(after).stream().filter(SchemaObject.Comment.class::isInstance).allMatch(live::contains)
                ? rename : null;
    }

    private Rename columnRename(SchemaObject.Column from, SchemaObject.Column to) {
        if (!from.table().equals(to.table()) || !from.type().equals(to.type()) || from.notNull() != to.notNull()
                || !Objects.equals(from.defaultValue(), to.defaultValue())
                || !Objects.equals(from.generated(), to.generated())
                || !Objects.equals(from.identity(), to.identity())
                || !Objects.equals(from.collation(), to.collation())) {
            return null;
        }
        Rename rename = new Rename("column", from.table(), from.column(), to.column());
        return alikeOtherwise(rename, to) ? rename : null;
    }

    private Rename constraintRename(SchemaObject.Constraint from, SchemaObject.Constraint to) {
        if (!from.table().equals(to.table()) || !from.type().equals(to.type())
                || !from.definition().equals(to.definition())
                || hasIndex(from) && relationNameTaken(to.constraint())) {
            return null;
        }
        Rename rename = new Rename("constraint", from.table(), from.constraint(), to.constraint());
        return alikeOtherwise(rename, to) ? rename : null;
    }

    private Rename indexRename(SchemaObject.Index from, SchemaObject.Index to) {
        if (!from.table().equals(to.table()) || renamed.find("constraint", from.name()).isPresent()
                || liveSnapshot.find("constraint", to.name()).isPresent() || relationNameTaken(to.index())
                || !indexDefinition(from.definition(), from.index(), to.index()).equals(to.definition())) {
            return null;
        }
        Rename rename = new Rename("index", from.table(), from.index(), to.index());
        return alikeOtherwise(rename, to) ? rename : null;
    }

    /**
     * Whether everything the rename changes besides {@code object} itself (its comment, the constraints and indexes
     * that name it, ...) is in the database as the rename makes it. A column's place is no part of it.
     */
    private boolean alikeOtherwise(Rename rename, SchemaObject object) {
        return touched(apply(rename, renamed)).stream()
                .filter(changed -> !(changed.kind().equals(object.kind()) && changed.name().equals(object.name())))
                .allMatch(live::contains);
    }

    /** The objects of {@code after} that a rename of {@link #renamed} changed. */
    private List<SchemaObject> touched(SchemaSnapshot after) {
        Set<SchemaObject> before = new HashSet<>(renamed.objects());
        return after.objects().stream().filter(object -> !before.contains(object)).toList();
    }

    /** Tables, indexes, sequences and views share one namespace: a rename cannot take a name one of them has. */
    private boolean relationNameTaken(String name) {
        return renamed.objects().stream().anyMatch(object -> object instanceof SchemaObject.Table table
                        && table.name().equals(name)
                || object instanceof SchemaObject.Index index && index.index().equals(name)
                || object instanceof SchemaObject.Sequence sequence && sequence.sequence().equals(name)
                || object instanceof SchemaObject.View view && view.view().equals(name));
    }

    /** Whether PostgreSQL keeps an index of the constraint's name for it (primary key, unique, exclusion). */
    private static boolean hasIndex(SchemaObject.Constraint constraint) {
        return List.of("primary key", "unique", "exclusion").contains(constraint.type());
    }

    // ---------------------------------------------------------------- a rename, made in a snapshot

    /** {@code snapshot} with the rename made, the way PostgreSQL makes it. */
    private SchemaSnapshot apply(Rename rename, SchemaSnapshot snapshot) {
        // Renaming a primary key, unique or exclusion constraint renames its index.
        boolean withIndex = rename.kind().equals("constraint") && snapshot.find("constraint", rename.table() + "."
                + rename.from()).map(constraint -> hasIndex((SchemaObject.Constraint) constraint)).orElse(false);
        List<SchemaObject> objects = new ArrayList<>();
        for (SchemaObject object : snapshot.objects()) {
            objects.add(switch (rename.kind()) {
                case "table" -> renameTable(object, rename.from(), rename.to());
                case "column" -> renameColumn(object, rename.table(), rename.from(), rename.to());
                case "constraint" -> renameConstraint(object, withIndex, rename.table(), rename.from(), rename.to());
                default -> renameIndex(object, rename.table(), rename.from(), rename.to());
            });
        }
        return new SchemaSnapshot(snapshot.schema(), objects);
    }

    private SchemaObject renameTable(SchemaObject object, String from, String to) {
        if (object instanceof SchemaObject.Table table && table.name().equals(from)) {
            return new SchemaObject.Table(to, table.partitionKey(), table.unlogged());
        } else if (object instanceof SchemaObject.Column column && column.table().equals(from)) {
            return new SchemaObject.Column(to, column.column(), column.position(), column.type(), column.notNull(),
                    column.defaultValue(), column.generated(), column.identity(), column.collation());
        } else if (object instanceof SchemaObject.Constraint constraint) {
            return new SchemaObject.Constraint(constraint.table().equals(from) ? to : constraint.table(),
                    constraint.constraint(), constraint.type(), referencedTable(constraint.definition(), from, to));
        } else if (object instanceof SchemaObject.Index index && index.table().equals(from)) {
            return new SchemaObject.Index(to, index.index(), onTable(index.definition(), from, to));
        } else if (object instanceof SchemaObject.Trigger trigger && trigger.table().equals(from)) {
            return new SchemaObject.Trigger(to, trigger.trigger(), onTable(trigger.definition(), from, to),
                    trigger.enabled());
        } else if (object instanceof SchemaObject.Sequence sequence && sequence.ownedBy() != null
                && sequence.ownedBy().startsWith(from + ".")) {
            return ownedBy(sequence, to + sequence.ownedBy().substring(from.length()));
        } else if (object instanceof SchemaObject.Comment comment) {
            String target = comment.target();
            for (String kind : List.of("column ", "constraint ", "trigger ")) {
                if (target.startsWith(kind + from + ".")) {
                    target = kind + to + target.substring(kind.length() + from.length());
                }
            }
            return new SchemaObject.Comment(target.equals("table " + from) ? "table " + to : target, comment.text());
        }
        return object;
    }

    private SchemaObject renameColumn(SchemaObject object, String table, String from, String to) {
        if (object instanceof SchemaObject.Column column && column.table().equals(table)) {
            return new SchemaObject.Column(table, column.column().equals(from) ? to : column.column(),
                    column.position(), column.type(), column.notNull(), column.defaultValue(),
                    column.generated() == null ? null : identifiers(column.generated(), from, to),
                    column.identity(), column.collation());
        } else if (object instanceof SchemaObject.Constraint constraint && constraint.type().equals("foreign key")) {
            return new SchemaObject.Constraint(constraint.table(), constraint.constraint(), constraint.type(),
                    foreignKeyColumns(constraint, table, from, to));
        } else if (object instanceof SchemaObject.Constraint constraint && constraint.table().equals(table)) {
            return new SchemaObject.Constraint(table, constraint.constraint(), constraint.type(),
                    identifiers(constraint.definition(), from, to));
        } else if (object instanceof SchemaObject.Index index && index.table().equals(table)) {
            // The columns, expressions and predicate follow USING; the index's and table's names come before.
            int using = index.definition().indexOf(" USING ");
            return using < 0 ? index : new SchemaObject.Index(table, index.index(), index.definition()
                    .substring(0, using) + identifiers(index.definition().substring(using), from, to));
        } else if (object instanceof SchemaObject.Trigger trigger && trigger.table().equals(table)) {
            return new SchemaObject.Trigger(table, trigger.trigger(), triggerColumns(trigger.definition(), from, to),
                    trigger.enabled());
        } else if (object instanceof SchemaObject.Sequence sequence && (table + "." + from).equals(sequence.ownedBy())) {
            return ownedBy(sequence, table + "." + to);
        } else if (object instanceof SchemaObject.Comment comment
                && comment.target().equals("column " + table + "." + from)) {
            return new SchemaObject.Comment("column " + table + "." + to, comment.text());
        }
        return object;
    }

    private static SchemaObject renameConstraint(SchemaObject object, boolean withIndex, String table,
            String from, String to) {
        if (object instanceof SchemaObject.Constraint constraint && constraint.name().equals(table + "." + from)) {
            return new SchemaObject.Constraint(table, to, constraint.type(), constraint.definition());
        } else if (object instanceof SchemaObject.Comment comment
                && comment.target().equals("constraint " + table + "." + from)) {
            return new SchemaObject.Comment("constraint " + table + "." + to, comment.text());
        }
        return withIndex ? renameIndex(object, table, from, to) : object;
    }

    private static SchemaObject renameIndex(SchemaObject object, String table, String from, String to) {
        if (object instanceof SchemaObject.Index index && index.name().equals(table + "." + from)) {
            return new SchemaObject.Index(table, to, indexDefinition(index.definition(), from, to));
        } else if (object instanceof SchemaObject.Comment comment && comment.target().equals("index " + from)) {
            return new SchemaObject.Comment("index " + to, comment.text());
        }
        return object;
    }

    private static SchemaObject.Sequence ownedBy(SchemaObject.Sequence sequence, String owner) {
        return new SchemaObject.Sequence(sequence.sequence(), sequence.type(), sequence.start(), sequence.increment(),
                sequence.min(), sequence.max(), sequence.cache(), sequence.cycle(), owner);
    }

    private static String indexDefinition(String definition, String from, String to) {
        return definition.replaceFirst("INDEX " + Pattern.quote(quoteIfNeeded(from)) + " ON ",
                Matcher.quoteReplacement("INDEX " + quoteIfNeeded(to) + " ON "));
    }

    /** An index's or trigger's {@code ON schema.table}, with the table renamed. */
    private String onTable(String definition, String from, String to) {
        String renamedTable = definition.replace(" ON " + quoteIfNeeded(schema) + "." + quoteIfNeeded(from) + " ",
                " ON " + quoteIfNeeded(schema) + "." + quoteIfNeeded(to) + " ");
        return renamedTable.replace(" ON ONLY " + quoteIfNeeded(schema) + "." + quoteIfNeeded(from) + " ",
                " ON ONLY " + quoteIfNeeded(schema) + "." + quoteIfNeeded(to) + " ");
    }

    /** A foreign key's {@code REFERENCES table(...)} with the table renamed. */
    private String referencedTable(String definition, String from, String to) {
        Matcher key = REFERENCES.matcher(definition);
        if (!key.matches() || !isTable(key.group(2), from)) {
            return definition;
        }
        return key.group(1) + key.group(2).substring(0, key.group(2).length() - quoteIfNeeded(from).length())
                + quoteIfNeeded(to) + "(" + key.group(3) + ")" + key.group(4);
    }

    /** A foreign key's own columns when it belongs to {@code table}, its referenced ones when it points there. */
    private String foreignKeyColumns(SchemaObject.Constraint constraint, String table, String from, String to) {
        Matcher key = REFERENCES.matcher(constraint.definition());
        if (!key.matches()) {
            return constraint.definition();
        }
        String own = constraint.table().equals(table) ? identifiers(key.group(1), from, to) : key.group(1);
        String referenced = isTable(key.group(2), table) ? identifiers(key.group(3), from, to) : key.group(3);
        return own + key.group(2) + "(" + referenced + ")" + key.group(4);
    }

    /** Whether {@code printed} (as {@code pg_get_constraintdef} names a table: bare or schema-qualified) is it. */
    private boolean isTable(String printed, String table) {
        return printed.equals(quoteIfNeeded(table)) || printed.equals(quoteIfNeeded(schema) + "."
                + quoteIfNeeded(table));
    }

    /** A trigger's {@code UPDATE OF} columns and {@code WHEN} condition, with the column renamed. */
    private static String triggerColumns(String definition, String from, String to) {
        String out = definition;
        for (Pattern part : List.of(TRIGGER_COLUMNS, TRIGGER_WHEN)) {
            Matcher matcher = part.matcher(out);
            if (matcher.find()) {
                out = out.substring(0, matcher.start(2)) + identifiers(matcher.group(2), from, to)
                        + out.substring(matcher.end(2));
            }
        }
        return out;
    }

    /**
     * {@code sql} (an expression as PostgreSQL prints it) with every identifier {@code from} written {@code to};
     * string literals, and type names after {@code ::}, are left as they are.
     */
    static String identifiers(String sql, String from, String to) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            int end;
            if (c == '\'' || c == '"') {
                end = i + 1;
                while (end < sql.length()) {
                    if (sql.charAt(end) == c && end + 1 < sql.length() && sql.charAt(end + 1) == c) {
                        end += 2;
                    } else if (sql.charAt(end) == c) {
                        end++;
                        break;
                    } else {
                        end++;
                    }
                }
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                end = i + 1;
                while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'
                        || sql.charAt(end) == '$')) {
                    end++;
                }
            } else {
                out.append(c);
                i++;
                continue;
            }
            String token = sql.substring(i, end);
            boolean typeName = out.length() >= 2 && out.substring(out.length() - 2).equals("::");
            boolean named = c == '"' ? token.equals("\"" + from.replace("\"", "\"\"") + "\"")
                    : token.equals(from) && PLAIN.matcher(from).matches();
            out.append(named && !typeName ? quoteIfNeeded(to) : token);
            i = end;
        }
        return out.toString();
    }
}
