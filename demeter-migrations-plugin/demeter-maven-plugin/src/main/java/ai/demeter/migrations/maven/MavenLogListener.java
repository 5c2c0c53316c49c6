package ai.demeter.migrations.maven;

import ai.demeter.migrations.engine.MigrationListener;
import org.apache.maven.plugin.logging.Log;

/** The engine's listener on Maven's log. */
final class MavenLogListener implements MigrationListener {
    private final Log log;

    MavenLogListener(Log log) {
        this.log = log;
    }

    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }

    @Override
    public void debug(String message) {
        if (log.isDebugEnabled()) {
            log.debug(message);
        }
    }
}
