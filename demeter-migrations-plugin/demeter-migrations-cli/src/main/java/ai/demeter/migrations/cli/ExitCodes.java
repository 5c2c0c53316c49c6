package ai.demeter.migrations.cli;

/** What the migrations jar's exit status tells a deploy job. */
final class ExitCodes {
    /** Done. */
    static final int OK = 0;
    /**
     * A user mistake or an operation Demeter refuses ({@code DemeterException.isUserMistake()}): a failed validation,
     * an irreversible rollback, an unreachable database, a failing migration. The message says what to do.
     */
    static final int REFUSED = 1;
    /** The command line itself is wrong (picocli's own code for it). */
    static final int USAGE = 2;
    /** An unexpected fault of the environment or of Demeter. */
    static final int FAULT = 3;

    /** The exit codes as the help lists them. */
    static final String OK_HELP = OK + ":success";
    static final String REFUSED_HELP = REFUSED + ":refused: a user mistake or an operation Demeter will not do (a"
            + " failed validation or migration, an irreversible rollback, an unreachable database)";
    static final String USAGE_HELP = USAGE + ":bad command-line usage";
    static final String FAULT_HELP = FAULT + ":an unexpected fault";

    private ExitCodes() {
    }
}
