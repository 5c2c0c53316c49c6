package ai.demeter.migrations.safety;

import ai.demeter.migrations.api.AcceptHazard;
import ai.demeter.migrations.api.DemeterException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The findings a migration class accepts with {@link AcceptHazard}, and why. */
public final class Acceptances {
    private final List<AcceptHazard> accepted;

    private Acceptances(List<AcceptHazard> accepted) {
        this.accepted = accepted;
    }

    /** What {@code migrationClass} accepts; a blank reason is refused, since verify prints it for the reviewer. */
    public static Acceptances of(Class<?> migrationClass) {
        List<AcceptHazard> accepted = Arrays.asList(migrationClass.getAnnotationsByType(AcceptHazard.class));
        for (AcceptHazard acceptance : accepted) {
            if (acceptance.reason().isBlank()) {
                throw DemeterException.userMistake(migrationClass.getSimpleName() + " accepts the '" + acceptance.rule()
                        + "' finding with a blank reason. Say why it is safe: reason = \"...\" is printed by verify"
                        + " for the reviewer.");
            }
        }
        return new Acceptances(List.copyOf(accepted));
    }

    public static Acceptances none() {
        return new Acceptances(List.of());
    }

    /** The reason given for accepting {@code rule} on {@code table}, if any acceptance covers it. */
    public Optional<String> reason(String rule, String table) {
        return accepted.stream()
                .filter(acceptance -> acceptance.rule().equals(rule))
                .filter(acceptance -> acceptance.table().isEmpty() || acceptance.table().equals(table))
                .map(AcceptHazard::reason)
                .findFirst();
    }
}
