package ai.demeter.migrations.safety;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether code generated for a column of one type still reads and writes it once the column has another type
 * (both as {@code format_type} prints them). Generated code binds the Java type of the old column: it writes the
 * values the old type held and reads into the old Java type. A change is compatible when every value of the old
 * type is a value of the new one, stored unchanged, and reads into the same Java type:
 * <ul>
 * <li>{@code character varying(n)} to {@code character varying(m)}, {@code m >= n}, to unbounded
 *     {@code character varying}, or to {@code text} (and back between the unbounded two): all {@code String};</li>
 * <li>{@code smallint} to {@code integer} to {@code bigint}: the old release writes values that fit, and reads
 *     back what it wrote (it fails only on a value beyond its range, which only newer code writes);</li>
 * <li>{@code numeric(p,s)} to {@code numeric(p2,s2)} with no fewer integer digits ({@code p2-s2 >= p-s}) and no
 *     smaller scale ({@code s2 >= s}), or to unbounded {@code numeric}: {@code BigDecimal} either way;</li>
 * <li>{@code time} and {@code timestamp} (with or without time zone, unchanged) to a greater fractional
 *     precision;</li>
 * <li>{@code geometry}/{@code geography} to a column that still accepts what the old one held: the same subtype or
 *     the generic {@code Geometry} with the same dimensions (Z, M), and the same SRID or none; or no type
 *     modifier at all. Generated code maps every geometry to one JTS {@code Geometry}, so reads are unaffected;
 *     writes of the old subtype, dimensions and SRID must be accepted;</li>
 * <li>arrays whose element types change compatibly.</li>
 * </ul>
 * Anything else (a shorter length, fewer digits, a narrower integer, {@code timestamp} to
 * {@code timestamp with time zone}, another subtype or SRID, another enum or base type) is incompatible.
 */
final class ColumnTypeChange {
    private static final Pattern VARCHAR = Pattern.compile("character varying(?:\\((\\d+)\\))?");
    private static final List<String> INTEGERS = List.of("smallint", "integer", "bigint");
    private static final Pattern NUMERIC = Pattern.compile("numeric(?:\\((\\d+),(\\d+)\\))?");
    private static final Pattern TEMPORAL =
            Pattern.compile("(time|timestamp)(?:\\((\\d)\\))? (with|without) time zone");
    /** Family, subtype, dimensions, SRID: {@code geometry(PointZ,4326)}. */
    private static final Pattern SPATIAL =
            Pattern.compile("(geometry|geography)(?:\\((\\w+?)(ZM|Z|M)?(?:,(\\d+))?\\))?");
    private static final int DEFAULT_FRACTIONAL_DIGITS = 6;

    private ColumnTypeChange() {
    }

    /** Why code generated for {@code was} cannot use a column of type {@code now}; empty when it can. */
    static Optional<String> incompatibility(String was, String now) {
        if (was.equals(now)) {
            return Optional.empty();
        }
        if (was.endsWith("[]") && now.endsWith("[]")) {
            return incompatibility(was.substring(0, was.length() - 2), now.substring(0, now.length() - 2));
        }
        Optional<Optional<String>> verdict = text(was, now)
                .or(() -> integer(was, now))
                .or(() -> numeric(was, now))
                .or(() -> temporal(was, now))
                .or(() -> spatial(was, now));
        return verdict.orElseGet(() -> Optional.of("another type: the running release reads and writes the column"
                + " as " + was));
    }

    // Each family below answers only when both types belong to it: compatible (an empty reason) or why not.

    private static Optional<Optional<String>> text(String was, String now) {
        Integer wasLength = textLength(was);
        Integer nowLength = textLength(now);
        if (wasLength == null || nowLength == null) {
            return Optional.empty();
        }
        boolean fits = nowLength == Integer.MAX_VALUE || wasLength <= nowLength;
        return Optional.of(fits ? Optional.empty()
                : Optional.of("shorter: the running release may write values longer than " + nowLength));
    }

    /** The length limit of a string type, {@link Integer#MAX_VALUE} when unbounded, null for other types. */
    private static Integer textLength(String type) {
        if (type.equals("text")) {
            return Integer.MAX_VALUE;
        }
        Matcher varchar = VARCHAR.matcher(type);
        if (!varchar.matches()) {
            return null;
        }
        return varchar.group(1) == null ? Integer.MAX_VALUE : Integer.parseInt(varchar.group(1));
    }

    private static Optional<Optional<String>> integer(String was, String now) {
        int wasRank = INTEGERS.indexOf(was);
        int nowRank = INTEGERS.indexOf(now);
        if (wasRank < 0 || nowRank < 0) {
            return Optional.empty();
        }
        return Optional.of(nowRank >= wasRank ? Optional.empty()
                : Optional.of("narrower: the running release may write values beyond the range of " + now));
    }

    private static Optional<Optional<String>> numeric(String was, String now) {
        Matcher old = NUMERIC.matcher(was);
        Matcher current = NUMERIC.matcher(now);
        if (!old.matches() || !current.matches()) {
            return Optional.empty();
        }
        if (current.group(1) == null) {
            return Optional.of(Optional.empty());
        }
        if (old.group(1) == null) {
            return Optional.of(Optional.of("bounded: the running release may write values that " + now
                    + " rounds or rejects"));
        }
        int wasScale = Integer.parseInt(old.group(2));
        int nowScale = Integer.parseInt(current.group(2));
        int wasIntegerDigits = Integer.parseInt(old.group(1)) - wasScale;
        int nowIntegerDigits = Integer.parseInt(current.group(1)) - nowScale;
        if (nowScale < wasScale) {
            return Optional.of(Optional.of("smaller scale: values the running release writes are rounded to "
                    + nowScale + " decimal places"));
        }
        return Optional.of(nowIntegerDigits >= wasIntegerDigits ? Optional.empty()
                : Optional.of("fewer integer digits: the running release may write values that " + now + " rejects"));
    }

    private static Optional<Optional<String>> temporal(String was, String now) {
        Matcher old = TEMPORAL.matcher(was);
        Matcher current = TEMPORAL.matcher(now);
        if (!old.matches() || !current.matches()) {
            return Optional.empty();
        }
        if (!old.group(1).equals(current.group(1)) || !old.group(3).equals(current.group(3))) {
            return Optional.of(Optional.of("another type: the running release reads and writes the column as " + was
                    + ", and " + now + " converts its values"));
        }
        return Optional.of(fractionalDigits(current) >= fractionalDigits(old) ? Optional.empty()
                : Optional.of("less precise: values the running release writes are rounded to "
                        + fractionalDigits(current) + " fractional digits"));
    }

    private static int fractionalDigits(Matcher temporal) {
        return temporal.group(2) == null ? DEFAULT_FRACTIONAL_DIGITS : Integer.parseInt(temporal.group(2));
    }

    private static Optional<Optional<String>> spatial(String was, String now) {
        Matcher old = SPATIAL.matcher(was);
        Matcher current = SPATIAL.matcher(now);
        if (!old.matches() || !current.matches() || !old.group(1).equals(current.group(1))) {
            return Optional.empty();
        }
        if (current.group(2) == null) {
            return Optional.of(Optional.empty());
        }
        if (old.group(2) == null) {
            return Optional.of(Optional.of("constrained: the running release may write any " + old.group(1)
                    + ", and " + now + " accepts only some"));
        }
        boolean subtypeAccepted = current.group(2).equalsIgnoreCase(old.group(2))
                || current.group(2).equalsIgnoreCase("Geometry");
        boolean sameDimensions = dimensions(old).equals(dimensions(current));
        boolean sridAccepted = srid(current) == 0 || srid(current) == srid(old);
        if (subtypeAccepted && sameDimensions && sridAccepted) {
            return Optional.of(Optional.empty());
        }
        return Optional.of(Optional.of("the running release writes " + old.group(2) + dimensions(old)
                + " values with SRID " + srid(old) + ", which " + now + " rejects"));
    }

    private static String dimensions(Matcher spatial) {
        return spatial.group(3) == null ? "" : spatial.group(3);
    }

    private static int srid(Matcher spatial) {
        return spatial.group(4) == null ? 0 : Integer.parseInt(spatial.group(4));
    }
}
