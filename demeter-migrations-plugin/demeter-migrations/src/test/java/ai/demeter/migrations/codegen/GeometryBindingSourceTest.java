package ai.demeter.migrations.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.jooq.Binding;
import org.jooq.Converter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/** The emitted binding compiles on its own (jOOQ + JTS) and converts hex EWKB both ways with the SRID. */
class GeometryBindingSourceTest {

    @Test
    void compilesAndKeepsTheSridThroughHexEwkb(@TempDir Path root) throws Exception {
        Path source = GeometryBindingSource.writeTo(root, "com.example.db");
        assertEquals(root.resolve("com/example/db/binding/JtsGeometryBinding.java"), source);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", root.toString(), "-classpath",
                System.getProperty("java.class.path"), source.toString());
        assertEquals(0, status, "the emitted binding does not compile");

        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, getClass().getClassLoader())) {
            @SuppressWarnings("unchecked")
            Binding<Object, Geometry> binding = (Binding<Object, Geometry>) loader
                    .loadClass(GeometryBindingSource.className("com.example.db")).getDeclaredConstructor().newInstance();
            Converter<Object, Geometry> converter = binding.converter();

            GeometryFactory wgs84 = new GeometryFactory(new PrecisionModel(), 4326);
            Polygon square = wgs84.createPolygon(new Coordinate[] {new Coordinate(-68.70, -33.04),
                    new Coordinate(-68.69, -33.04), new Coordinate(-68.69, -33.03), new Coordinate(-68.70, -33.04)});
            String ewkb = (String) converter.to(square);
            // EWKB, little endian, polygon with the SRID flag (0x20000003), then SRID 4326 (0x000010E6).
            assertTrue(ewkb.startsWith("0103000020E6100000"), ewkb);
            Geometry back = converter.from(ewkb);
            assertEquals(4326, back.getSRID());
            assertTrue(back.equalsExact(square));

            // What PostgreSQL prints for ST_SetSRID(ST_MakePoint(1, 2), 4326).
            Geometry point = converter.from("0101000020E6100000000000000000F03F0000000000000040");
            assertEquals("POINT (1 2)", point.toText());
            assertEquals(4326, point.getSRID());
            assertNull(converter.from(null));
            assertNull(converter.to(null));
        }
    }
}
