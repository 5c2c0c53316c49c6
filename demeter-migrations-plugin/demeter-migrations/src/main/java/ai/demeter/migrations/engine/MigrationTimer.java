package ai.demeter.migrations.engine;

import java.time.Duration;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/** A Flyway callback that reports each applied migration with its duration as it finishes. */
final class MigrationTimer implements Callback {
    private final MigrationListener listener;
    private long started;

    MigrationTimer(MigrationListener listener) {
        this.listener = listener;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        if (event == Event.BEFORE_EACH_MIGRATE) {
            started = System.nanoTime();
            return;
        }
        var migration = context.getMigrationInfo();
        listener.migrationFinished("up", migration.getVersion().getVersion(), migration.getDescription(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    @Override
    public String getCallbackName() {
        return "demeter-migration-timer";
    }
}
