package ai.demeter.migrations.safety;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.api.DemeterMigration;
import ai.demeter.migrations.api.MigrationObservation;
import ai.demeter.migrations.database.Secrets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Measures, statement by statement, what a migration does to the tables that existed before it started: around
 * each statement it reads, on the migration's own connection, the tables' files ({@code relfilenode}: a new one
 * means a rewrite), the transaction's sequential scans ({@code pg_stat_get_xact_numscans}: a validating scan) and
 * the backend's locks ({@code pg_locks}). Statements outside a transaction are also watched from a second
 * connection ({@link OutsideTransactionWatch}). Only verify uses it, on its throwaway database.
 */
public final class LockTracer implements MigrationObservation.Observer, AutoCloseable {
    private final String schema;
    private final Set<String> leftOut;
    private final OutsideTransactionWatch watch;
    private Run current;

    /**
     * @param connections second connections to the same database, for statements outside a transaction
     * @param schema      the migrations' schema: its tables are named without it
     * @param leftOut     tables of {@code schema} never followed (Flyway's history, the rollback journal)
     */
    public LockTracer(Supplier<Connection> connections, String schema, Set<String> leftOut) {
        this.schema = schema;
        this.leftOut = Set.copyOf(leftOut);
        this.watch = new OutsideTransactionWatch(connections);
    }

    /**
     * Runs {@code migration}, which must run exactly one Demeter migration in {@code direction}, and returns what
     * it did; empty when what ran was not a Demeter migration (a plain Flyway one is not watched).
     */
    public List<MigrationTrace> trace(String version, Finding.Direction direction, Runnable migration) {
        Run run = new Run(version, direction);
        current = run;
        try {
            MigrationObservation.during(this, migration);
        } finally {
            current = null;
        }
        return run.migration == null ? List.of()
                : List.of(new MigrationTrace(version, direction, run.migration, run.statements));
    }

    @Override
    public ExecuteListener observe(DemeterMigration migration, boolean up, Connection connection) {
        Run run = current;
        if (run == null || run.migration != null) {
            throw new IllegalStateException("LockTracer.trace runs one migration at a time; "
                    + migration.getClass().getSimpleName() + " ran outside one");
        }
        run.migration = migration.getClass();
        try {
            return new StatementProbe(connection, TracedTables.read(connection, schema, leftOut), run.statements,
                    backendPid(connection));
        } catch (SQLException e) {
            throw fault(run.version, e);
        }
    }

    @Override
    public void close() {
        watch.close();
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select pg_backend_pid()")) {
            row.next();
            return row.getInt(1);
        }
    }

    private static DemeterException fault(String version, SQLException e) {
        return DemeterException.fault("Cannot measure the locks of V" + version + ": " + Secrets.mask(e.getMessage()), e);
    }

    /** One traced run: which migration ran and what its statements did. */
    private static final class Run {
        final String version;
        final Finding.Direction direction;
        final List<StatementEffect> statements = new ArrayList<>();
        Class<?> migration;

        Run(String version, Finding.Direction direction) {
            this.version = version;
            this.direction = direction;
        }
    }

    /** Reads the catalog facts just before and just after each statement the migration executes. */
    private final class StatementProbe implements ExecuteListener {
        private final Connection connection;
        private final TracedTables tables;
        private final List<StatementEffect> statements;
        private final int pid;
        private TracedTables.Facts before;
        private boolean watching;

        StatementProbe(Connection connection, TracedTables tables, List<StatementEffect> statements, int pid) {
            this.connection = connection;
            this.tables = tables;
            this.statements = statements;
            this.pid = pid;
        }

        @Override
        public void executeStart(ExecuteContext context) {
            try {
                before = tables.facts(connection);
                if (connection.getAutoCommit()) {
                    watch.begin(pid, tables);
                    watching = true;
                }
            } catch (SQLException e) {
                throw fault(context, e);
            }
        }

        @Override
        public void executeEnd(ExecuteContext context) {
            try {
                Map<Long, LockMode> observed = null;
                if (watching) {
                    watching = false;
                    observed = watch.end();
                }
                statements.add(tables.effect(oneLine(context), before, tables.facts(connection), observed));
            } catch (SQLException e) {
                throw fault(context, e);
            }
        }

        @Override
        public void end(ExecuteContext context) {
            if (watching) {
                // The statement failed: stop watching; its own failure is what the migration reports.
                watching = false;
                try {
                    watch.end();
                } catch (SQLException e) {
                    watch.close();
                }
            }
        }

        private DemeterException fault(ExecuteContext context, SQLException e) {
            return DemeterException.fault("Cannot measure the locks of " + oneLine(context) + ": "
                    + Secrets.mask(e.getMessage()), e);
        }
    }

    private static String oneLine(ExecuteContext context) {
        String sql = context.sql() != null ? context.sql() : String.join("; ", context.batchSQL());
        return sql.strip().replaceAll("\\s+", " ");
    }
}
