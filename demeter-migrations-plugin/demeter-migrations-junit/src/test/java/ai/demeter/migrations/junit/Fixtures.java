package ai.demeter.migrations.junit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The kit tests' migration chains and a query helper. */
final class Fixtures {
    /** V1 creates greenhouses with one seed row (NAVE-A), V2 enables PostGIS, V3 adds a polygon column. */
    static final String GREENHOUSES = "classpath:ai/demeter/migrations/junit/fixtures/greenhouses";
    /** V1 creates greenhouses; V2 indexes a column that does not exist. */
    static final String FAILING = "classpath:ai/demeter/migrations/junit/fixtures/failing";

    private Fixtures() {
    }

    /** The first column of every row, as text. */
    static List<String> column(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                values.add(result.getString(1));
            }
        }
        return values;
    }

    static String single(Connection connection, String sql) throws SQLException {
        List<String> values = column(connection, sql);
        if (values.size() != 1) {
            throw new AssertionError("expected one row from " + sql + ", got " + values);
        }
        return values.get(0);
    }
}
