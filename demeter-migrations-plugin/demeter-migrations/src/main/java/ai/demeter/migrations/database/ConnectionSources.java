package ai.demeter.migrations.database;

import java.util.Map;

/**
 * Everything a database connection can be configured from, as the caller read it: explicit parameters
 * ({@code demeter.url}, {@code demeter.user}, {@code demeter.password}), a {@code settings.xml} server already
 * decrypted ({@code demeter.serverId}), the process environment and the project's {@code .env} file.
 */
public record ConnectionSources(
        String url,
        String user,
        String password,
        String serverId,
        String serverUser,
        String serverPassword,
        Map<String, String> environment,
        Map<String, String> dotEnv) {

    public static final String DEMETER_DB_URL = "DEMETER_DB_URL";
    public static final String DATABASE_URL_SYNC = "DATABASE_URL_SYNC";

    public ConnectionSources {
        environment = Map.copyOf(environment);
        dotEnv = Map.copyOf(dotEnv);
    }

    @Override
    public String toString() {
        return "ConnectionSources[url=" + Secrets.mask(url, password) + ", user=" + user + ", serverId=" + serverId + "]";
    }
}
