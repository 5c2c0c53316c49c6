package ai.demeter.migrations.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.ForcedType;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.SchemaMappingType;
import org.jooq.meta.jaxb.Target;
import org.junit.jupiter.api.Test;

class CodegenDefaultsTest {
    private static final Path BASE = Path.of("/work/app");
    private static final Path OUT = BASE.resolve("target/generated-sources/jooq");
    private static final CodegenDefaults DEFAULTS = new CodegenDefaults("ai.demeter.app.db", OUT, BASE);

    @Test
    void noConfigurationGetsEveryDefault() {
        Generator effective = DEFAULTS.applyTo(null, Set.of());
        Database database = effective.getDatabase();
        assertEquals("org.jooq.meta.postgres.PostgresDatabase", database.getName());
        assertEquals("public", database.getInputSchema());
        assertEquals(".*", database.getIncludes());
        assertEquals("spatial_ref_sys|geography_columns|geometry_columns|raster_columns|raster_overviews"
                + "|flyway_schema_history|demeter_rollback_history|demeter_alembic_adoption|alembic_version"
                + "|demeter_backfill_progress",
                database.getExcludes());
        assertFalse(database.isIncludeRoutines());
        assertFalse(database.isIncludeUDTs());
        assertFalse(database.isTableValuedFunctions());
        assertEquals("ai.demeter.app.db", effective.getTarget().getPackageName());
        assertEquals(OUT.toString(), effective.getTarget().getDirectory());
        ForcedType geometry = database.getForcedTypes().get(0);
        assertEquals("org.locationtech.jts.geom.Geometry", geometry.getUserType());
        assertEquals("ai.demeter.app.db.binding.JtsGeometryBinding", geometry.getBinding());
        assertEquals("geometry", geometry.getIncludeTypes());
        assertEquals("OTHER", geometry.getName(), "the binding's database side is Object, whatever jOOQ reads");
        assertNull(geometry.getConverter());
    }

    @Test
    void everyUserValueWinsOverItsDefault() {
        Generator user = new Generator()
                .withDatabase(new Database()
                        .withName("org.jooq.meta.postgres.MyDatabase")
                        .withInputSchema("inventory")
                        .withIncludes("stock_.*")
                        .withExcludes("stock_archive")
                        .withIncludeRoutines(true)
                        .withIncludeUDTs(true)
                        .withTableValuedFunctions(true))
                .withTarget(new Target().withPackageName("com.example.db").withDirectory("src/generated/java"));
        // true is jOOQ's own default for the three flags: only the POM says the user wrote it.
        Set<String> written = Set.of("database", "database/name", "database/inputSchema", "database/includes",
                "database/excludes", "database/includeRoutines", "database/includeUDTs",
                "database/tableValuedFunctions", "target", "target/packageName", "target/directory");

        Generator effective = DEFAULTS.applyTo(user, written);
        Database database = effective.getDatabase();
        assertEquals("org.jooq.meta.postgres.MyDatabase", database.getName());
        assertEquals("inventory", database.getInputSchema());
        assertEquals("stock_.*", database.getIncludes());
        assertEquals("stock_archive", database.getExcludes());
        assertTrue(database.isIncludeRoutines());
        assertTrue(database.isIncludeUDTs());
        assertTrue(database.isTableValuedFunctions());
        assertEquals("com.example.db", effective.getTarget().getPackageName());
        assertEquals(BASE.resolve("src/generated/java").toString(), effective.getTarget().getDirectory());
        assertEquals("com.example.db.binding.JtsGeometryBinding", database.getForcedTypes().get(0).getBinding());
    }

    @Test
    void eachFlagIsTakenFromItsOwnSetting() {
        // One flag at a time, so a slip that reads one setting for another shows.
        for (String flag : List.of("includeRoutines", "includeUDTs", "tableValuedFunctions")) {
            Database written = new Database();
            switch (flag) {
                case "includeRoutines" -> written.setIncludeRoutines(true);
                case "includeUDTs" -> written.setIncludeUDTs(true);
                default -> written.setTableValuedFunctions(true);
            }
            Database database = DEFAULTS.applyTo(new Generator().withDatabase(written),
                    Set.of("database/" + flag)).getDatabase();
            assertEquals(flag.equals("includeRoutines"), database.isIncludeRoutines(), flag);
            assertEquals(flag.equals("includeUDTs"), database.isIncludeUDTs(), flag);
            assertEquals(flag.equals("tableValuedFunctions"), database.isTableValuedFunctions(), flag);
        }
    }

    @Test
    void valuesThatDifferFromJooqsDefaultsCountAsTheUsersWithoutThePom() {
        Generator user = new Generator().withTarget(new Target().withPackageName("com.example.db"))
                .withDatabase(new Database().withExcludes("audit_.*"));
        Generator effective = DEFAULTS.applyTo(user, Set.of());
        assertEquals("com.example.db", effective.getTarget().getPackageName());
        assertEquals("audit_.*", effective.getDatabase().getExcludes());
        assertEquals(OUT.toString(), effective.getTarget().getDirectory());
        assertFalse(effective.getDatabase().isIncludeRoutines());
    }

    @Test
    void schemataReplaceTheDefaultInputSchema() {
        Generator user = new Generator().withDatabase(new Database()
                .withSchemata(new SchemaMappingType().withInputSchema("inventory")));
        Database database = DEFAULTS.applyTo(user, Set.of("database/schemata")).getDatabase();
        assertEquals("", database.getInputSchema());
        assertEquals("inventory", database.getSchemata().get(0).getInputSchema());
    }

    @Test
    void userForcedTypesComeFirstSoTheyWin() {
        ForcedType mine = new ForcedType().withUserType("com.example.Shape").withBinding("com.example.ShapeBinding")
                .withIncludeTypes("geometry");
        Generator user = new Generator().withDatabase(new Database().withForcedTypes(mine));
        List<ForcedType> forcedTypes = DEFAULTS.applyTo(user, Set.of()).getDatabase().getForcedTypes();
        assertEquals(2, forcedTypes.size());
        assertEquals("com.example.Shape", forcedTypes.get(0).getUserType());
        assertEquals("org.locationtech.jts.geom.Geometry", forcedTypes.get(1).getUserType());
    }

    @Test
    void otherUserSettingsPassThroughAndTheUsersObjectIsNotModified() {
        Generator user = new Generator().withName("org.jooq.codegen.KotlinGenerator")
                .withGenerate(new Generate().withPojos(true).withRecords(false));
        Generator effective = DEFAULTS.applyTo(user, Set.of());
        assertNotSame(user, effective);
        assertEquals("org.jooq.codegen.KotlinGenerator", effective.getName());
        assertTrue(effective.getGenerate().isPojos());
        assertFalse(effective.getGenerate().isRecords());
        assertNull(user.getDatabase());
        assertNull(user.getTarget());
    }
}
