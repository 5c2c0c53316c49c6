package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.DemeterException;
import java.util.List;

/**
 * What {@code validate} found: the problems between the applied history and the code
 * ({@link MigrationEngine#validate()}), none when they agree, in the words every shell prints.
 */
public record Validation(List<String> problems) {

    public Validation {
        problems = List.copyOf(problems);
    }

    public boolean isValid() {
        return problems.isEmpty();
    }

    /** One line when valid; otherwise every problem, one per line, and what to do about them. */
    public String summary() {
        if (isValid()) {
            return "Valid: every applied migration matches its code.";
        }
        boolean onlyLeftovers = problems.stream().allMatch(Validation::isLeftover);
        if (onlyLeftovers) {
            return "A migration that ran outside a transaction failed or was interrupted:\n  "
                    + String.join("\n  ", problems) + "\n" + LEFTOVER_ADVICE;
        }
        return "The applied migrations do not match the code:\n  " + String.join("\n  ", problems)
                + "\nAn applied migration must never be edited: restore its code and put the change in a new"
                + " migration (./mvnw demeter:new -Ddemeter.name=...)."
                + (problems.stream().anyMatch(Validation::isLeftover) ? "\n" + LEFTOVER_ADVICE : "");
    }

    private static final String LEFTOVER_ADVICE = "migrate refuses to run until these are cleared: run the statements"
            + " shown, fix what made the migration fail (for a UNIQUE index, the duplicate rows), then run migrate,"
            + " which runs it again.";

    /** Whether a problem line is one of {@link Leftovers#problems}: an invalid index or a failed history row. */
    private static boolean isLeftover(String problem) {
        return problem.startsWith("index ") && problem.contains(" is INVALID ")
                || problem.contains(" failed outside a transaction and has a failed history row");
    }

    /** Throws the {@link #summary()} as a user mistake when the history and the code disagree. */
    public void requireValid() {
        if (!isValid()) {
            throw DemeterException.userMistake(summary());
        }
    }
}
