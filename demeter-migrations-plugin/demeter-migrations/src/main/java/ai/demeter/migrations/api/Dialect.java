package ai.demeter.migrations.api;

import java.sql.Connection;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/** The one jOOQ configuration migrations run with, online and offline, so both render the same SQL. */
final class Dialect {
    private Dialect() {
    }

    static Settings settings() {
        return new Settings()
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED)
                .withRenderSchema(false)
                // No jOOQ banner, no version check: migrations print nothing of their own.
                .withRenderFormatted(false);
    }

    static DSLContext dsl(Connection connection) {
        return DSL.using(connection, SQLDialect.POSTGRES, settings());
    }
}
