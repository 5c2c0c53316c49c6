package ai.demeter.migrations.api;

/**
 * A backfill stopped between batches (retries exhausted, the connection lost, a statement failed): what its
 * committed batches wrote stays, recorded in {@link BackfillProgress}, and the next migrate resumes after the last
 * one. The engine therefore records no failed history row for its migration: there is nothing to clear by hand.
 */
public final class BackfillStoppedException extends DemeterException {
    BackfillStoppedException(String message, Throwable cause, boolean userMistake) {
        super(message, cause, userMistake);
    }
}
