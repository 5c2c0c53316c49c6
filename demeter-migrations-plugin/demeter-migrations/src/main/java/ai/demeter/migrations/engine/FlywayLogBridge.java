package ai.demeter.migrations.engine;

import ai.demeter.migrations.database.Secrets;
import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;
import org.flywaydb.core.api.logging.LogFactory;

/**
 * Routes Flyway's own log lines to the engine's listener at debug level (our info lines already say what
 * happened, with timings), keeping its warnings as warnings. Flyway's log factory is global, so it is pointed at
 * the listener of the running operation. Flyway instantiates this class by name (its {@code loggers} setting).
 */
public final class FlywayLogBridge implements LogCreator {
    private static volatile MigrationListener listener = MigrationListener.SILENT;

    public FlywayLogBridge() {
    }

    static void install(MigrationListener current) {
        listener = current;
        LogFactory.setLogCreator(new FlywayLogBridge());
    }

    @Override
    public Log createLogger(Class<?> clazz) {
        return new Log() {
            public boolean isDebugEnabled() {
                return true;
            }

            public void debug(String message) {
                listener.debug("flyway: " + Secrets.mask(message));
            }

            public void info(String message) {
                listener.debug("flyway: " + Secrets.mask(message));
            }

            public void notice(String message) {
                listener.debug("flyway: " + Secrets.mask(message));
            }

            public void warn(String message) {
                listener.warn(Secrets.mask(message));
            }

            public void error(String message) {
                listener.warn(Secrets.mask(message));
            }

            public void error(String message, Exception e) {
                listener.warn(Secrets.mask(message));
            }
        };
    }
}
