package ai.demeter.migrations.junit;

import ai.demeter.migrations.engine.EngineSettings;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class a PostgreSQL + PostGIS database of its own, migrated to {@link #version()} (head by default)
 * from the migrations at {@link #locations()} on the test class path.
 * <p>
 * The database is injected into constructors, lifecycle methods and test methods as a parameter of type
 * {@link javax.sql.DataSource}, {@link org.jooq.DSLContext}, {@link java.sql.Connection},
 * {@link ai.demeter.migrations.database.DatabaseTarget} or {@link ai.demeter.migrations.engine.MigrationEngine}:
 * <pre>{@code
 * @MigratedDatabase
 * class LocationHierarchyTest {
 *     @Test
 *     void findsTheLocationOfAPoint(DSLContext db) { ... }
 * }
 * }</pre>
 * <p>
 * One throwaway cluster serves the whole test run (JVM). For each distinct pair of locations and version, one
 * template database is migrated, once; each test class then gets a copy of it ({@code CREATE DATABASE ...
 * TEMPLATE}), so nothing one class writes is seen by another. A {@code @Nested} class gets a copy of its own too.
 * On a test method, the annotation gives that method a database of its own, with the method's settings.
 * <p>
 * Where the cluster comes from: PostgreSQL binaries with PostGIS on this machine, else Docker (system property
 * {@code demeter.provider}: {@code auto}, {@code local} or {@code docker}). With neither, the tests are skipped
 * with a message naming both fixes.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MigratedDatabaseExtension.class)
public @interface MigratedDatabase {

    /** Every migration at the locations: the default {@link #version()}. */
    String HEAD = "head";

    /** No migration: an empty database (not even PostGIS installed), for tests that run migrations themselves. */
    String BASE = "base";

    /**
     * How far the database is migrated: {@value #HEAD} (every migration), a migration version such as {@code "17"}
     * (also written {@code "V17"}), or {@value #BASE} (an empty database).
     */
    String version() default HEAD;

    /**
     * Where the migrations are, as Flyway locations on the test class path; subpackages included. Change it when
     * the migrations are not in package {@code db.migration}, or to test a chain of fixtures.
     */
    String[] locations() default EngineSettings.DEFAULT_LOCATION;
}
