package ai.demeter.migrations.safety;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.database.Secrets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * How big the tables are in a real database ({@code demeter.statsFrom}), so that a hazard says what it would cost
 * there. Reads only {@code pg_class.reltuples} and {@code relpages} (the planner's estimates), on a read-only
 * connection; no table is read.
 */
public final class TableSizes {
    /** The planner's estimate of a table: rows (negative when never analyzed) and size on disk. */
    public record Size(long rows, long bytes) {
        public String describe() {
            String size = String.format("%,d MB", Math.round(bytes / (1024.0 * 1024.0)));
            return rows < 0 ? "size " + size + ", rows unknown (never analyzed)"
                    : String.format("about %,d rows, %s", rows, size);
        }
    }

    private final String database;
    private final Map<String, Size> sizes;

    private TableSizes(String database, Map<String, Size> sizes) {
        this.database = database;
        this.sizes = sizes;
    }

    /** Reads the estimates of every table in {@code target}; tables of {@code schema} are named without it. */
    public static TableSizes read(DatabaseTarget target, String schema) {
        Map<String, Size> sizes = new HashMap<>();
        try (Connection connection = Connections.open(target)) {
            connection.setReadOnly(true);
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("select n.nspname, c.relname, c.reltuples::bigint,"
                         + " c.relpages::bigint * current_setting('block_size')::bigint from pg_class c"
                         + " join pg_namespace n on n.oid = c.relnamespace where c.relkind in ('r', 'p', 'm')")) {
                while (rows.next()) {
                    String name = rows.getString(1).equals(schema) ? rows.getString(2)
                            : rows.getString(1) + "." + rows.getString(2);
                    sizes.put(name, new Size(rows.getLong(3), rows.getLong(4)));
                }
            }
        } catch (SQLException e) {
            throw DemeterException.fault("Cannot read table sizes from " + target.displayUrl() + " (demeter.statsFrom): "
                    + Secrets.mask(e.getMessage(), target.password()), e);
        }
        return new TableSizes(target.databaseName(), sizes);
    }

    /** The finding with the table's size in that database added to its fact, when the table is there. */
    public Finding annotate(Finding finding) {
        Size size = sizes.get(finding.table());
        String there = size == null ? " (" + finding.table() + " is not in " + database + ")"
                : " (" + finding.table() + " in " + database + ": " + size.describe() + ")";
        return new Finding(finding.version(), finding.direction(), finding.rule(), finding.table(),
                finding.fact() + there, finding.statement(), finding.recipe(), finding.accepted(), finding.released());
    }
}
