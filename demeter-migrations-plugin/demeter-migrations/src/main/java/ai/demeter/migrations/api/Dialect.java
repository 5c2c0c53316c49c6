package ai.demeter.migrations.api;

import java.sql.Connection;
import org.jooq.DSLContext;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.QueryPart;
import org.jooq.Select;
import org.jooq.VisitContext;
import org.jooq.VisitListener;
import org.jooq.impl.DefaultConfiguration;
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

    /** {@code part} as SQL with its values inlined, rendered as migrations render it. */
    static String renderInlined(QueryPart part) {
        return DSL.using(SQLDialect.POSTGRES, settings()).renderInlined(part);
    }

    /**
     * The columns of {@code part} qualified with another table than {@code table}, outside any subquery: a condition
     * that names them is not a condition on {@code table}'s rows alone. Found while rendering, since every part
     * rendered passes a visit listener.
     */
    static List<String> columnsOfOtherTables(QueryPart part, String table) {
        List<String> foreign = new ArrayList<>();
        int[] selects = {0};
        VisitListener listener = new VisitListener() {
            @Override
            public void visitStart(VisitContext context) {
                QueryPart visited = context.queryPart();
                if (visited instanceof Select<?>) {
                    selects[0]++;
                } else if (selects[0] == 0 && visited instanceof Field<?> field) {
                    Name name = field.getQualifiedName();
                    if (name.qualified() && !name.qualifier().last().equals(table)) {
                        String rendered = renderInlined(name);
                        if (!foreign.contains(rendered)) {
                            foreign.add(rendered);
                        }
                    }
                }
            }

            @Override
            public void visitEnd(VisitContext context) {
                if (context.queryPart() instanceof Select<?>) {
                    selects[0]--;
                }
            }
        };
        DSL.using(new DefaultConfiguration().set(SQLDialect.POSTGRES).set(settings()).set(listener)).renderInlined(part);
        return foreign;
    }

    static DSLContext dsl(Connection connection) {
        return DSL.using(connection, SQLDialect.POSTGRES, settings());
    }
}
