package ai.demeter.migrations.api;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.jooq.exception.DataAccessException;

/** Runs the statements a migration rendered, as they were rendered: what {@code demeter:sql} prints for it. */
final class RecordedStatements {
    private RecordedStatements() {
    }

    static void execute(Connection connection, List<String> statements) {
        try (Statement statement = connection.createStatement()) {
            // Rendered SQL is final: JDBC escapes such as {fn ...} in a string or function body stay as written.
            statement.setEscapeProcessing(false);
            for (String sql : statements) {
                try {
                    statement.execute(sql);
                } catch (SQLException e) {
                    // The message jOOQ gives when the same statement fails through it: errors read the same either way.
                    throw new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
                }
            }
        } catch (SQLException e) {
            throw new DataAccessException("Cannot create a statement: " + e.getMessage(), e);
        }
    }
}
