package ai.demeter.migrations.authoring;

import static ai.demeter.migrations.internal.SqlText.quoteIfNeeded;

import ai.demeter.migrations.schema.SchemaObject;
import ai.demeter.migrations.schema.SchemaSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostGIS column's type change: {@code ALTER COLUMN ... TYPE ... USING} with the PostGIS functions that carry the
 * values over (subtype, dimensions, SRID), and review comments on the functions that may no longer fit.
 */
final class SpatialTypes {
    private static final Pattern SPATIAL = Pattern.compile("(geometry|geography)(?:\\((\\w+)(?:,(-?\\d+))?\\))?");
    /** The function a trigger runs, as {@code pg_get_triggerdef} names it (schema-qualified when off the path). */
    private static final Pattern TRIGGER_FUNCTION = Pattern.compile("EXECUTE (?:FUNCTION|PROCEDURE) (?:\\S+\\.)?(\\S+?)\\(");

    private final Dsl dsl;

    SpatialTypes(Dsl dsl) {
        this.dsl = dsl;
    }

    /** Whether {@code formatType} is a geometry or geography type. */
    static boolean isSpatial(String formatType) {
        return SPATIAL.matcher(formatType).matches();
    }

    /** The plain SQL that changes {@code from}'s type to {@code to}'s, with what the conversion loses said. */
    List<String> convert(SchemaObject.Column from, SchemaObject.Column to) {
        String column = quoteIfNeeded(from.column());
        return dsl.plainSql("ALTER TABLE " + quoteIfNeeded(from.table()) + " ALTER COLUMN " + column + " TYPE "
                + to.type() + " USING " + conversion(from, to), note(from, to));
    }

    /** The expression that carries a value of {@code from}'s geometry type over to {@code to}'s. */
    static String conversion(SchemaObject.Column from, SchemaObject.Column to) {
        Spatial source = Spatial.of(from.type());
        Spatial target = Spatial.of(to.type());
        String value = quoteIfNeeded(from.column());
        if (!source.family().equals(target.family())) {
            return value + "::" + to.type();
        }
        if (target.multi() && !source.multi()) {
            value = "ST_Multi(" + value + ")";
        } else if (source.multi() && !target.multi() && !target.generic()) {
            value = "ST_GeometryN(" + value + ", 1)";
        }
        if (!source.dimensions().equals(target.dimensions())) {
            value = switch (target.dimensions()) {
                case "Z" -> "ST_Force3DZ(" + value + ")";
                case "M" -> "ST_Force3DM(" + value + ")";
                case "ZM" -> "ST_Force4D(" + value + ")";
                default -> "ST_Force2D(" + value + ")";
            };
        }
        if (source.srid() != target.srid()) {
            value = "ST_SetSRID(" + value + ", " + target.srid() + ")";
        }
        return value;
    }

    private static String note(SchemaObject.Column from, SchemaObject.Column to) {
        Spatial source = Spatial.of(from.type());
        Spatial target = Spatial.of(to.type());
        List<String> notes = new ArrayList<>(List.of("jOOQ's DSL has no ALTER COLUMN ... TYPE ... USING"));
        if (source.srid() != target.srid()) {
            notes.add("ST_SetSRID relabels the coordinates; use ST_Transform(" + from.column() + ", "
                    + target.srid() + ") to convert them, and ST_Transform(" + from.column() + ", " + source.srid()
                    + ") the other way");
        }
        if (source.multi() && !target.multi() && !target.generic()) {
            notes.add("ST_GeometryN(" + from.column() + ", 1) keeps the first part of each multi geometry and"
                    + " drops the others");
        }
        return String.join("; ", notes);
    }

    /**
     * A review comment for each function of the schema that names a column whose type changes and runs as a
     * trigger on its table or names the table: what it writes or computes may no longer fit (a trigger that sets a
     * Point centroid fails once the column holds MultiPoints). The functions and triggers are {@code live}'s.
     */
    List<String> codeUsing(SchemaObject.Column column, SchemaSnapshot live) {
        Pattern columnName = wordPattern(column.column());
        Pattern tableName = wordPattern(column.table());
        List<String> lines = new ArrayList<>();
        for (SchemaObject.Function function : live.objects(SchemaObject.Function.class)) {
            if (!columnName.matcher(function.definition()).find()) {
                continue;
            }
            String routine = function.signature().substring(0, function.signature().indexOf('('));
            List<String> triggers = live.objects(SchemaObject.Trigger.class).stream()
                    .filter(trigger -> trigger.table().equals(column.table()))
                    .filter(trigger -> {
                        Matcher runs = TRIGGER_FUNCTION.matcher(trigger.definition());
                        return runs.find() && Identifiers.unquoted(runs.group(1)).equals(routine);
                    })
                    .map(SchemaObject.Trigger::trigger).toList();
            if (triggers.isEmpty() && !tableName.matcher(function.definition()).find()) {
                continue;
            }
            lines.add("// review: function " + function.signature() + (triggers.isEmpty() ? "" : " (run by trigger"
                    + (triggers.size() == 1 ? " " : "s ") + String.join(", ", triggers) + " on " + column.table()
                    + ")") + " names " + column.column() + ": check that what it writes or computes there fits "
                    + column.type() + ", or it fails after this change.");
        }
        return lines;
    }

    /** {@code name} as a whole word, in either case: PL/pgSQL folds unquoted names. */
    private static Pattern wordPattern(String name) {
        return Pattern.compile("(?<![\\w$])" + Pattern.quote(name) + "(?![\\w$])", Pattern.CASE_INSENSITIVE);
    }

    /**
     * A PostGIS column type: family, subtype's multi-ness and dimensions, SRID (0 when none); {@code generic} for
     * {@code Geometry}, which takes every subtype.
     */
    private record Spatial(String family, boolean multi, boolean generic, String dimensions, int srid) {
        static Spatial of(String type) {
            Matcher matcher = SPATIAL.matcher(type);
            if (!matcher.matches()) {
                throw new IllegalArgumentException(type);
            }
            String subtype = matcher.group(2) == null ? "Geometry" : matcher.group(2);
            String dimensions = subtype.endsWith("ZM") ? "ZM" : subtype.endsWith("Z") ? "Z"
                    : subtype.endsWith("M") && !subtype.endsWith("ZM") && !subtype.equals("Geometry") ? "M" : "";
            int srid = matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3));
            return new Spatial(matcher.group(1), subtype.startsWith("Multi"), subtype.startsWith("Geometry"),
                    dimensions, srid);
        }
    }
}
