package ai.demeter.migrations.database;

import ai.demeter.migrations.api.DemeterException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * A database URL as the environment gives it, turned into JDBC form: either already JDBC
 * ({@code jdbc:postgresql://...}) or SQLAlchemy/libpq form ({@code postgresql+psycopg2://user:pass@host:port/db},
 * {@code postgresql://...}, {@code postgres://...}), whose user and password move out of the URL.
 */
public record ConnectionUrl(String jdbcUrl, String user, String password) {

    /** Converts {@code url}; {@code origin} names where it came from, for the error message. */
    public static ConnectionUrl parse(String url, String origin) {
        String trimmed = url.strip();
        if (trimmed.startsWith("jdbc:postgresql:")) {
            // The driver's own parser, so the URL means to Demeter what it means to the driver: a user or
            // password in the query (?user=...&password=...) counts, and conflicts with other settings show.
            Properties parsed = jdbcProperties(trimmed, origin);
            return new ConnectionUrl(trimmed, parsed.getProperty("user"), parsed.getProperty("password"));
        }
        int schemeEnd = trimmed.indexOf("://");
        String scheme = schemeEnd < 0 ? "" : trimmed.substring(0, schemeEnd);
        if (!(scheme.equals("postgresql") || scheme.equals("postgres") || scheme.startsWith("postgresql+"))) {
            throw DemeterException.userMistake(origin + " holds " + Secrets.mask(trimmed)
                    + ", which is not a PostgreSQL URL. Use jdbc:postgresql://host:5432/db or"
                    + " postgresql+psycopg2://user:password@host:5432/db.");
        }
        URI uri;
        try {
            uri = new URI("postgresql" + trimmed.substring(schemeEnd));
        } catch (URISyntaxException e) {
            throw DemeterException.userMistake(origin + " holds a malformed URL (" + Secrets.mask(trimmed)
                    + "): " + Secrets.mask(e.getReason()) + ". Percent-encode special characters in the password.");
        }
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new ConnectionUrl("jdbc:postgresql://" + host + port + path + query, user, password);
    }

    /** What pgjdbc reads from a JDBC URL: PGHOST, PGPORT, PGDBNAME, and the query's properties. */
    static Properties jdbcProperties(String jdbcUrl, String origin) {
        Properties parsed = org.postgresql.Driver.parseURL(jdbcUrl, new Properties());
        if (parsed == null) {
            throw DemeterException.userMistake(origin + " holds " + Secrets.mask(jdbcUrl) + ", which the PostgreSQL"
                    + " driver cannot parse. Use the form jdbc:postgresql://host:5432/database.");
        }
        return parsed;
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ConnectionUrl[" + Secrets.mask(jdbcUrl, password) + ", user=" + user + "]";
    }
}
