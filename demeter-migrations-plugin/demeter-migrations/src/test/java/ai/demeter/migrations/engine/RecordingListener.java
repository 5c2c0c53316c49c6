package ai.demeter.migrations.engine;

import java.util.ArrayList;
import java.util.List;

/** Keeps what the engine reported, for assertions. */
final class RecordingListener implements MigrationListener {
    final List<String> infos = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final List<String> debugs = new ArrayList<>();

    @Override
    public void info(String message) {
        infos.add(message);
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
    }

    @Override
    public void debug(String message) {
        debugs.add(message);
    }
}
