package ai.demeter.migrations.database;

import java.util.Properties;
import java.util.Objects;

/**
 * A PostgreSQL database to connect to: a JDBC URL and credentials, and where they came from (for messages).
 * {@link #toString()} never shows the password.
 */
public record DatabaseTarget(String url, String user, String password, String source) {

    private static final String JDBC_PREFIX = "jdbc:postgresql:";

    public DatabaseTarget {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith(JDBC_PREFIX)) {
            throw ai.demeter.migrations.api.DemeterException.userMistake("The database URL " + Secrets.mask(url, password)
                    + " (from " + source + ") is not a PostgreSQL JDBC URL. Use the form"
                    + " jdbc:postgresql://host:5432/database, or postgresql://user@host:5432/database.");
        }
    }

    /** Host and port as the driver reads them from the URL (defaults: localhost, 5432; the first of several). */
    public String hostAndPort() {
        return host() + ":" + first(parsed().getProperty("PGPORT", "5432"));
    }

    public String host() {
        return first(parsed().getProperty("PGHOST", "localhost"));
    }

    /** The database name in the URL's path. */
    public String databaseName() {
        String name = parsed().getProperty("PGDBNAME");
        return name == null || name.isEmpty() ? (user == null ? "postgres" : user) : name;
    }

    /** Whether the server is on this machine, judged from the host name (rollback asks for confirmation otherwise). */
    public boolean isOnThisMachine() {
        String host = host();
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }

    /**
     * Another database on the same server, with the same credentials and URL parameters: only the database name
     * in the URL's path changes.
     */
    public DatabaseTarget withDatabase(String database, String source) {
        String rest = url.substring(JDBC_PREFIX.length());
        int query = rest.indexOf('?');
        String parameters = query < 0 ? "" : rest.substring(query);
        String location = query < 0 ? rest : rest.substring(0, query);
        String server = "";
        if (location.startsWith("//")) {
            int path = location.indexOf('/', 2);
            server = (path < 0 ? location : location.substring(0, path)) + "/";
        }
        return new DatabaseTarget(JDBC_PREFIX + server + database + parameters, user, password, source);
    }

    /** The URL as it may be printed. */
    public String displayUrl() {
        return Secrets.mask(url, password);
    }

    /** Which database, as whom, configured where, as every shell prints it: {@code <url> as <user> (from <source>)}. */
    public String describe() {
        return displayUrl() + " as " + user + " (from " + source + ")";
    }

    private Properties parsed() {
        return ConnectionUrl.jdbcProperties(url, source);
    }

    /** pgjdbc lists several hosts and ports comma-separated. */
    private static String first(String list) {
        int comma = list.indexOf(',');
        return comma < 0 ? list : list.substring(0, comma);
    }

    @Override
    public String toString() {
        return "DatabaseTarget[url=" + displayUrl() + ", user=" + user
                + ", password=" + (password == null || password.isEmpty() ? "(none)" : Secrets.MASK)
                + ", source=" + source + "]";
    }
}
