package ai.demeter.migrations.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.demeter.migrations.api.DemeterException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetResolverTest {
    private static final String ALEMBIC = "postgresql+psycopg2://alembic:hunter2@localhost:5432/demeterai";

    private static ConnectionSources sources(String url, String user, String password, Map<String, String> env,
            Map<String, String> dotEnv) {
        return new ConnectionSources(url, user, password, null, null, null, env, dotEnv);
    }

    private static DatabaseTarget resolve(ConnectionSources sources) {
        return TargetResolver.resolve(sources).orElseThrow();
    }

    @Test
    void nothingConfiguredMeansTheEmbeddedDevDatabase() {
        assertTrue(TargetResolver.resolve(sources(null, null, null, Map.of(), Map.of())).isEmpty());
    }

    @Test
    void explicitUrlWinsOverTheEnvironment() {
        DatabaseTarget target = resolve(sources("jdbc:postgresql://h/explicit", "u", null,
                Map.of("DEMETER_DB_URL", "jdbc:postgresql://h/env"), Map.of()));
        assertEquals("jdbc:postgresql://h/explicit", target.url());
        assertEquals("u", target.user());
        assertEquals("demeter.url", target.source());
    }

    @Test
    void alembicVariableFromTheEnvironmentIsConverted() {
        DatabaseTarget target = resolve(sources(null, null, null, Map.of("DATABASE_URL_SYNC", ALEMBIC), Map.of()));
        assertEquals("jdbc:postgresql://localhost:5432/demeterai", target.url());
        assertEquals("alembic", target.user());
        assertEquals("hunter2", target.password());
        assertEquals("DATABASE_URL_SYNC in the environment", target.source());
    }

    @Test
    void environmentWinsOverDotEnv() {
        DatabaseTarget target = resolve(sources(null, null, null, Map.of("DEMETER_DB_URL", "jdbc:postgresql://h/env"),
                Map.of("DEMETER_DB_URL", "jdbc:postgresql://h/file")));
        assertEquals("jdbc:postgresql://h/env", target.url());
    }

    @Test
    void dotEnvIsReadWhenTheEnvironmentHasNothing() {
        DatabaseTarget target = resolve(sources(null, null, null, Map.of(), Map.of("DATABASE_URL_SYNC", ALEMBIC)));
        assertEquals("DATABASE_URL_SYNC in .env", target.source());
    }

    @Test
    void demeterAndAlembicVariablesAgreeingIsFine() {
        DatabaseTarget target = resolve(sources(null, null, null, Map.of("DATABASE_URL_SYNC", ALEMBIC,
                "DEMETER_DB_URL", "jdbc:postgresql://localhost:5432/demeterai"), Map.of()));
        assertEquals("DEMETER_DB_URL in the environment", target.source());
    }

    @Test
    void demeterAndAlembicVariablesDisagreeingIsAnErrorNamingBoth() {
        DemeterException e = assertThrows(DemeterException.class, () -> TargetResolver.resolve(sources(null, null, null,
                Map.of("DATABASE_URL_SYNC", ALEMBIC, "DEMETER_DB_URL", "jdbc:postgresql://other/db"), Map.of())));
        assertTrue(e.isUserMistake());
        assertTrue(e.getMessage().contains("DEMETER_DB_URL") && e.getMessage().contains("DATABASE_URL_SYNC"));
        assertTrue(e.getMessage().contains("Remove one of them"));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void theUserInAJdbcUrlsQueryIsTheUser() {
        DatabaseTarget target = resolve(sources(null, null, null,
                Map.of("DEMETER_DB_URL", "jdbc:postgresql://127.0.0.1:5432/demeterai?user=inventory"), Map.of()));
        assertEquals("inventory", target.user());
        DemeterException conflict = assertThrows(DemeterException.class, () -> TargetResolver.resolve(sources(
                "jdbc:postgresql://h/d?user=inventory", "postgres", null, Map.of(), Map.of())));
        assertTrue(conflict.getMessage().contains("user is set twice"), conflict.getMessage());
    }

    @Test
    void passwordInUrlAndParameterDisagreeing() {
        DemeterException e = assertThrows(DemeterException.class, () -> TargetResolver.resolve(
                sources(ALEMBIC, null, "other", Map.of(), Map.of())));
        assertTrue(e.getMessage().contains("password is set twice"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2") || e.getMessage().contains("other\""), e.getMessage());
    }

    @Test
    void serverCredentialsAndExplicitUserConflict() {
        ConnectionSources sources = new ConnectionSources("jdbc:postgresql://h/d", "u", null, "prod", "su", "sp",
                Map.of(), Map.of());
        DemeterException e = assertThrows(DemeterException.class, () -> TargetResolver.resolve(sources));
        assertTrue(e.getMessage().contains("demeter.serverId=prod"), e.getMessage());
        assertTrue(e.getMessage().contains("Drop one"), e.getMessage());
    }

    @Test
    void serverCredentialsAreUsed() {
        DatabaseTarget target = resolve(new ConnectionSources("jdbc:postgresql://h/d", null, null, "prod", "su", "sp",
                Map.of(), Map.of()));
        assertEquals("su", target.user());
        assertEquals("sp", target.password());
    }

    @Test
    void credentialsWithoutAnyUrlAreAnError() {
        DemeterException e = assertThrows(DemeterException.class,
                () -> TargetResolver.resolve(sources(null, "u", "p", Map.of(), Map.of())));
        assertTrue(e.getMessage().contains("no database URL"), e.getMessage());
    }

    @Test
    void aShellsOwnSettingNamesAppearInSourcesAndMessages() {
        TargetResolver.SettingNames options = new TargetResolver.SettingNames("--url", "--user", "--password-file");
        DatabaseTarget target = TargetResolver.resolve(sources("jdbc:postgresql://h/d", null, null, Map.of(), Map.of()),
                options).orElseThrow();
        assertEquals("--url", target.source());
        DemeterException e = assertThrows(DemeterException.class, () -> TargetResolver.resolve(
                sources(ALEMBIC, null, "other", Map.of(), Map.of()), options));
        assertTrue(e.getMessage().contains("from --url and by --password-file"), e.getMessage());
        assertFalse(e.getMessage().contains("demeter."), e.getMessage());
    }

    @Test
    void defaultUserIsPostgres() {
        DatabaseTarget target = resolve(sources("jdbc:postgresql://h/d", null, null, Map.of(), Map.of()));
        assertEquals("postgres", target.user());
        assertNull(target.password());
    }
}
