package ai.demeter.migrations.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which type changes code generated for the old type survives, with types as format_type prints them. */
class ColumnTypeChangeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "character varying(20)  | character varying(40)",
        "character varying(20)  | character varying(20)",
        "character varying(20)  | character varying",
        "character varying(20)  | text",
        "text                   | character varying",
        "smallint               | integer",
        "smallint               | bigint",
        "integer                | bigint",
        "numeric(10,2)          | numeric(12,2)",
        "numeric(10,2)          | numeric(12,4)",
        "numeric(10,2)          | numeric",
        "timestamp(3) without time zone | timestamp without time zone",
        "time(0) with time zone | time(3) with time zone",
        "geometry(Point,4326)   | geometry(Geometry,4326)",
        "geometry(Point,4326)   | geometry",
        "geometry(PointZ,4326)  | geometry(GeometryZ,4326)",
        "geometry(Polygon,4326) | geometry(Polygon)",
        "geography(Point,4326)  | geography(Geometry,4326)",
        "character varying(20)[] | text[]",
        "integer[]              | bigint[]",
    })
    void compatible(String was, String now) {
        assertEquals(Optional.empty(), ColumnTypeChange.incompatibility(was, now));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "character varying(40)  | character varying(20)  | shorter: the running release may write values longer than 20",
        "text                   | character varying(200) | shorter",
        "bigint                 | integer                | narrower",
        "integer                | smallint               | narrower",
        "numeric(10,2)          | numeric(10,1)          | smaller scale",
        "numeric(10,2)          | numeric(10,3)          | fewer integer digits",
        "numeric                | numeric(20,4)          | bounded",
        "timestamp without time zone | timestamp with time zone | another type",
        "timestamp without time zone | timestamp(0) without time zone | less precise",
        "geometry(Point,4326)   | geometry(Polygon,4326) | the running release writes Point values with SRID 4326, which geometry(Polygon,4326) rejects",
        "geometry(Polygon,4326) | geometry(MultiPolygon,4326) | the running release writes Polygon values",
        "geometry(Point,4326)   | geometry(Point,3857)   | the running release writes Point values with SRID 4326, which geometry(Point,3857) rejects",
        "geometry(Point,4326)   | geometry(PointZ,4326)  | the running release writes Point values",
        "geometry(Geometry,4326) | geometry(Point,4326)  | the running release writes Geometry values",
        "geometry               | geometry(Point,4326)   | constrained",
        "geometry(Point,4326)   | geography(Point,4326)  | another type",
        "integer                | text                   | another type: the running release reads and writes the column as integer",
        "integer                | numeric                | another type",
        "plot_kind              | text                   | another type",
        "plot_kind              | field_kind             | another type",
        "character varying(40)[] | character varying(20)[] | shorter",
        "integer[]              | integer                | another type",
    })
    void incompatible(String was, String now, String why) {
        Optional<String> incompatibility = ColumnTypeChange.incompatibility(was, now);
        assertTrue(incompatibility.isPresent(), was + " -> " + now + " should be incompatible");
        assertTrue(incompatibility.get().startsWith(why), incompatibility.get());
    }
}
