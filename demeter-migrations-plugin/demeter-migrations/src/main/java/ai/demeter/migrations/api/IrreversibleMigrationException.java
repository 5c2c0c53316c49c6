package ai.demeter.migrations.api;

/** A migration, or one of its statements, has no known inverse. The message says which and how to fix it. */
public class IrreversibleMigrationException extends RuntimeException {
    public IrreversibleMigrationException(String message) {
        super(message);
    }
}
