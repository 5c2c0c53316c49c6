package ai.demeter.migrations.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;
import org.jooq.tools.jdbc.MockConnection;
import org.jooq.tools.jdbc.MockResult;

/**
 * Runs migration code against a connection that executes nothing and records the SQL it was sent, with bind
 * values inlined. Queries see empty results, so code that branches on data renders only one branch.
 */
final class RecordingConnection {
    private RecordingConnection() {
    }

    static List<String> record(Consumer<DSLContext> body) {
        List<String> statements = new ArrayList<>();
        MockConnection connection = new MockConnection(context -> {
            statements.add(context.sql());
            return new MockResult[] {new MockResult(0)};
        });
        DSLContext db = DSL.using(connection, SQLDialect.POSTGRES,
                Dialect.settings().withStatementType(StatementType.STATIC_STATEMENT));
        body.accept(db);
        return List.copyOf(statements);
    }
}
