package ai.demeter.migrations.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.tools.jdbc.MockConnection;
import org.jooq.tools.jdbc.MockResult;

/**
 * Runs migration code against a connection that executes nothing and records the SQL it was sent, with bind
 * values inlined. Queries see empty results, so code that branches on data renders only one branch.
 *
 * <p>{@link #recordingInto} also hands over jOOQ's query objects, which is what {@code change()} migrations are
 * inverted from.
 */
final class RecordingConnection {
    private RecordingConnection() {
    }

    static List<String> record(Consumer<DSLContext> body) {
        List<String> statements = new ArrayList<>();
        MockConnection connection = new MockConnection(context -> {
            if (context.batchMultiple()) {
                // A static batch arrives as one call: every statement of it runs, so every one is recorded.
                statements.addAll(List.of(context.batchSQL()));
                MockResult[] results = new MockResult[context.batchSQL().length];
                java.util.Arrays.fill(results, new MockResult(0));
                return results;
            }
            statements.add(context.sql());
            return new MockResult[] {new MockResult(0)};
        });
        DSLContext db = DSL.using(connection, SQLDialect.POSTGRES,
                Dialect.settings().withStatementType(StatementType.STATIC_STATEMENT));
        body.accept(db);
        return List.copyOf(statements);
    }

    /**
     * A context that executes nothing and passes every statement it is asked to run, with the query object it
     * came from, to {@code sink}, in execution order.
     */
    static DSLContext recordingInto(Consumer<RecordedStatement> sink) {
        MockConnection connection = new MockConnection(context -> new MockResult[] {new MockResult(0)});
        ExecuteListener listener = new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext context) {
                Query[] batch = context.batchQueries();
                String[] batchSql = context.batchSQL();
                if (batch.length > 1 && batchSql.length == batch.length) {
                    for (int i = 0; i < batch.length; i++) {
                        sink.accept(new RecordedStatement(batch[i], batchSql[i]));
                    }
                } else {
                    sink.accept(new RecordedStatement(context.query(), context.sql()));
                }
            }
        };
        return DSL.using(new DefaultConfiguration()
                .set(connection)
                .set(SQLDialect.POSTGRES)
                .set(Dialect.settings().withStatementType(StatementType.STATIC_STATEMENT))
                .set(listener));
    }
}
