package ai.demeter.migrations.cli;

import ai.demeter.migrations.engine.EngineSettings;
import java.time.Duration;
import picocli.CommandLine.Mixin;

/** A command that runs migrations, up or down, under Flyway's lock ({@code migrate}, {@code rollback}). */
abstract class MigrationRunCommand extends EngineCommand {

    @Mixin
    private LockTimeouts lockTimeouts;

    @Override
    protected final EngineSettings configure(EngineSettings settings) {
        return lockTimeouts.applyTo(settings);
    }

    /** How long to wait for the migration lock another migrate or rollback holds. */
    protected Duration lockTimeout() {
        return lockTimeouts.lockTimeout();
    }
}
