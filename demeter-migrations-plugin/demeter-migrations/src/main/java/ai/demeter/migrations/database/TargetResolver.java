package ai.demeter.migrations.database;

import ai.demeter.migrations.api.DemeterException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides which database a goal talks to. The URL comes from, in order: {@code demeter.url}; the environment's
 * {@code DEMETER_DB_URL} or {@code DATABASE_URL_SYNC}; the same two in {@code .env} (the environment wins).
 * Credentials come from {@code demeter.user}/{@code demeter.password}, or a {@code settings.xml} server, or the
 * URL itself. Two sources that disagree at the same level are an error naming both, never a silent pick.
 * No URL anywhere means the embedded dev database ({@link Optional#empty()}). A shell with other names for the
 * explicit settings (the migrations jar's {@code --url}, {@code --user}) passes them as {@link SettingNames}.
 */
public final class TargetResolver {
    private TargetResolver() {
    }

    /**
     * What the caller calls its explicit URL, user and password settings, for messages and for a target's
     * {@link DatabaseTarget#source()}: the goals' properties, or a command line's options.
     */
    public record SettingNames(String url, String user, String password) {
        public static final SettingNames GOAL_PROPERTIES =
                new SettingNames("demeter.url", "demeter.user", "demeter.password");
    }

    /** Resolves with the explicit settings named as the goals' properties ({@code demeter.url}, ...). */
    public static Optional<DatabaseTarget> resolve(ConnectionSources sources) {
        return resolve(sources, SettingNames.GOAL_PROPERTIES);
    }

    public static Optional<DatabaseTarget> resolve(ConnectionSources sources, SettingNames names) {
        boolean explicitCredentials = sources.user() != null || sources.password() != null;
        if (sources.serverId() != null && explicitCredentials) {
            throw DemeterException.userMistake("Credentials are configured twice: demeter.serverId=" + sources.serverId()
                    + " and " + names.user() + "/" + names.password() + ". Drop one of them (a settings.xml server"
                    + " keeps the password out of the POM and the command line).");
        }
        Optional<Located> located = locate(sources, names);
        if (located.isEmpty()) {
            if (explicitCredentials || sources.serverId() != null) {
                throw DemeterException.userMistake("Database credentials are set (" + names.user() + ", "
                        + names.password() + " or demeter.serverId) but no database URL is. Set " + names.url()
                        + " (or DEMETER_DB_URL), or drop the credentials to use the embedded dev database.");
            }
            return Optional.empty();
        }
        ConnectionUrl url = located.get().url();
        String origin = located.get().origin();
        String user = url.user();
        String password = url.password();
        if (sources.serverId() != null) {
            requireAgreement("user", url.user(), sources.serverUser(), origin, "server " + sources.serverId());
            requireAgreement("password", url.password(), sources.serverPassword(), origin, "server " + sources.serverId());
            user = firstNonNull(sources.serverUser(), user);
            password = firstNonNull(sources.serverPassword(), password);
        } else {
            requireAgreement("user", url.user(), sources.user(), origin, names.user());
            requireAgreement("password", url.password(), sources.password(), origin, names.password());
            user = firstNonNull(sources.user(), user);
            password = firstNonNull(sources.password(), password);
        }
        return Optional.of(new DatabaseTarget(url.jdbcUrl(), user == null ? "postgres" : user, password, origin));
    }

    /** A URL and the name of the setting it came from. */
    private record Located(ConnectionUrl url, String origin) {
    }

    private static Optional<Located> locate(ConnectionSources sources, SettingNames names) {
        if (sources.url() != null && !sources.url().isBlank()) {
            return Optional.of(new Located(ConnectionUrl.parse(sources.url(), names.url()), names.url()));
        }
        Optional<Located> fromEnvironment = fromVariables(sources.environment(), "the environment", names);
        return fromEnvironment.isPresent() ? fromEnvironment : fromVariables(sources.dotEnv(), ".env", names);
    }

    private static Optional<Located> fromVariables(Map<String, String> variables, String where, SettingNames names) {
        Located demeter = variable(variables, ConnectionSources.DEMETER_DB_URL, where);
        Located alembic = variable(variables, ConnectionSources.DATABASE_URL_SYNC, where);
        if (demeter != null && alembic != null && !demeter.url().jdbcUrl().equals(alembic.url().jdbcUrl())) {
            throw DemeterException.userMistake(where + " sets both " + ConnectionSources.DEMETER_DB_URL + " ("
                    + Secrets.mask(demeter.url().jdbcUrl()) + ") and " + ConnectionSources.DATABASE_URL_SYNC + " ("
                    + Secrets.mask(alembic.url().jdbcUrl()) + ") to different databases. Remove one of them, or choose"
                    + " explicitly with " + names.url() + ".");
        }
        return Optional.ofNullable(demeter != null ? demeter : alembic);
    }

    private static Located variable(Map<String, String> variables, String name, String where) {
        String value = variables.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        String origin = name + " in " + where;
        return new Located(ConnectionUrl.parse(value, origin), origin);
    }

    private static void requireAgreement(String what, String inUrl, String configured, String urlOrigin, String other) {
        if (inUrl != null && configured != null && !Objects.equals(inUrl, configured)) {
            throw DemeterException.userMistake("The database " + what + " is set twice with different values: in the URL"
                    + " from " + urlOrigin + " and by " + other + ". Remove it from one of them.");
        }
    }

    private static String firstNonNull(String first, String second) {
        return first != null ? first : second;
    }
}
