package ai.demeter.migrations.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The Alembic revision a ported migration replaces: a database whose {@code alembic_version} says this revision
 * holds exactly what this migration and the ones before it make, so Demeter can adopt it at this version
 * ({@code demeter:adopt}) and keep rollback working below it.
 *
 * <pre>{@code
 * @AlembicRevision("cd8d2c2050ab")
 * public class V20__make_original_image_id_nullable extends DemeterMigration { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AlembicRevision {
    /** The revision id, as in {@code alembic_version.version_num}. */
    String value();
}
