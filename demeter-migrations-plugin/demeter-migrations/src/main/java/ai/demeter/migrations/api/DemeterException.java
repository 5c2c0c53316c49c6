package ai.demeter.migrations.api;

/**
 * A failure Demeter can explain. {@link #isUserMistake()} separates what the user can fix (configuration, a
 * migration's code, a request that cannot be satisfied) from faults of the environment; the Maven goals turn the
 * first into a build failure and the second into a build error. Messages never contain passwords.
 */
public class DemeterException extends RuntimeException {
    private final boolean userMistake;

    protected DemeterException(String message, Throwable cause, boolean userMistake) {
        super(message, cause);
        this.userMistake = userMistake;
    }

    /** Something the user asked for or configured is wrong; the message says what to change. */
    public static DemeterException userMistake(String message) {
        return new DemeterException(message, null, true);
    }

    public static DemeterException userMistake(String message, Throwable cause) {
        return new DemeterException(message, cause, true);
    }

    /** The environment failed (a process, the disk, the network); the cause is kept. */
    public static DemeterException fault(String message, Throwable cause) {
        return new DemeterException(message, cause, false);
    }

    public boolean isUserMistake() {
        return userMistake;
    }
}
