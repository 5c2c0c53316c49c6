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
        return "The applied migrations do not match the code:\n  " + String.join("\n  ", problems)
                + "\nAn applied migration must never be edited: restore its code and put the change in a new"
                + " migration (./mvnw demeter:new -Ddemeter.name=...).";
    }

    /** Throws the {@link #summary()} as a user mistake when the history and the code disagree. */
    public void requireValid() {
        if (!isValid()) {
            throw DemeterException.userMistake(summary());
        }
    }
}
