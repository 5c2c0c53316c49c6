package ai.demeter.migrations.database;

import ai.demeter.migrations.api.DemeterException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

/** Opens JDBC connections to a {@link DatabaseTarget}, turning the driver's failures into messages that say what to do. */
public final class Connections {
    private static final int CONNECT_TIMEOUT_SECONDS = 10;
    private static final Driver DRIVER = new org.postgresql.Driver();

    private Connections() {
    }

    public static Connection open(DatabaseTarget target) {
        Properties properties = new Properties();
        if (target.user() != null) {
            properties.setProperty("user", target.user());
        }
        if (target.password() != null) {
            properties.setProperty("password", target.password());
        }
        properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("ApplicationName", "demeter");
        try {
            return connect(target.url(), properties);
        } catch (SQLException e) {
            throw explain(target, e);
        }
    }

    /**
     * Connects through pgjdbc's driver directly, not {@link java.sql.DriverManager}: Maven gives each plugin
     * configuration a class loader of its own, and DriverManager refuses a driver registered from another one
     * ("No suitable driver") when two of them connect in one build.
     */
    static Connection connect(String url, Properties properties) throws SQLException {
        // Every server Demeter supports is newer than 9.0: the driver then sends the application name with the
        // startup packet instead of a SET after it, one round trip less per connection. A URL may still say otherwise.
        if (properties.getProperty("assumeMinServerVersion") == null) {
            properties.setProperty("assumeMinServerVersion", "9.0");
        }
        Connection connection = DRIVER.connect(url, properties);
        if (connection == null) {
            throw new SQLException("Not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database): "
                    + Secrets.mask(url), "08001");
        }
        return connection;
    }

    /** A user-facing explanation of a failed connection attempt; never contains the password. */
    public static DemeterException explain(DatabaseTarget target, SQLException e) {
        String where = target.hostAndPort() + " (database " + target.databaseName() + ", user " + target.user()
                + ", from " + target.source() + ")";
        String serverSaid = Secrets.mask(e.getMessage(), target.password());
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String advice;
        if (state.equals("28P01") || state.equals("28000")) {
            advice = "Authentication failed. Check the user and password (demeter.user/demeter.password,"
                    + " the settings.xml server of demeter.serverId, or the URL's credentials).";
        } else if (state.equals("3D000")) {
            advice = "The database does not exist. Create it (createdb -h " + target.host() + " "
                    + target.databaseName() + ") or fix the database name in the URL.";
        } else if (String.valueOf(serverSaid).contains("sslmode")) {
            // The driver refuses the setting before it connects: no point checking the server.
            advice = "Fix sslmode in " + target.source() + ": one of disable, allow, prefer, require, verify-ca,"
                    + " verify-full.";
        } else if (state.startsWith("08")) {
            advice = "Check that PostgreSQL runs on " + target.hostAndPort() + " and accepts TCP connections from this"
                    + " machine (listen_addresses, pg_hba.conf, firewalls), and that the host and port in "
                    + target.source() + " are right.";
        } else {
            advice = "Check the connection settings in " + target.source() + ".";
        }
        return DemeterException.userMistake("Cannot connect to PostgreSQL at " + where + ": " + serverSaid + "\n"
                + advice, new SQLException(serverSaid, e.getSQLState()));
    }
}
