package ai.demeter.migrations.safety;

import ai.demeter.migrations.api.DemeterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Verify's deploy-safety verdict: the hazards of every traced migration run, with the migrations' acceptances
 * applied, and the lines verify prints. Hazards in released migrations are information; a hazard in a new
 * migration fails verify unless the migration accepts it.
 */
public final class DeploySafety {
    private DeploySafety() {
    }

    /** The findings of {@code traces}; {@code released} says whether a version has shipped. */
    public static List<Finding> assess(List<MigrationTrace> traces, Predicate<String> released) {
        List<Finding> findings = new ArrayList<>();
        for (MigrationTrace trace : traces) {
            Acceptances acceptances = Acceptances.of(trace.migration());
            HazardRules.findings(trace, released.test(trace.version()))
                    .forEach(finding -> findings.add(finding.acceptedBy(acceptances)));
        }
        return findings;
    }

    /** The deploy-safety section: one line per finding, then the count. */
    public static List<String> section(List<Finding> findings) {
        List<String> lines = new ArrayList<>();
        lines.add("Deploy safety (docs/deploy-safety.md): locks, rewrites and scans on tables that existed before"
                + " each migration; changes that break the running release");
        findings.forEach(finding -> lines.add("  " + line(finding)));
        long blocking = findings.stream().filter(Finding::blocking).count();
        long accepted = findings.stream().filter(finding -> !finding.released() && finding.accepted().isPresent())
                .count();
        long released = findings.stream().filter(Finding::released).count();
        if (findings.isEmpty()) {
            lines.add("No hazards.");
        } else if (blocking == 0) {
            List<String> counts = new ArrayList<>();
            if (accepted > 0) {
                counts.add(accepted + " accepted");
            }
            if (released > 0) {
                counts.add(released + " in released migrations, information");
            }
            lines.add("No hazards in new migrations (" + String.join("; ", counts) + ").");
        } else {
            lines.add(plural(blocking, "hazard") + " in new migrations " + (blocking == 1 ? "fails" : "fail")
                    + " verify.");
        }
        return lines;
    }

    /** Throws, with the section and the safe way for each hazard, when a new migration has one it does not accept. */
    public static void requireNoNewHazards(List<Finding> findings) {
        Optional<String> failure = newHazards(findings);
        if (failure.isPresent()) {
            throw DemeterException.userMistake(failure.get());
        }
    }

    /** What the hazards in migrations not released yet and not accepted fail verify with; empty when there are none. */
    public static Optional<String> newHazards(List<Finding> findings) {
        List<Finding> blocking = findings.stream().filter(Finding::blocking).toList();
        if (blocking.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder message = new StringBuilder(plural(blocking.size(), "hazard")).append(" in migrations not"
                + " released yet: each would make other sessions wait on a table that exists in production.");
        for (Finding finding : blocking) {
            message.append("\n  ").append(line(finding))
                    .append("\n    safe way: ").append(finding.recipe());
        }
        Finding first = blocking.get(0);
        message.append("\nRewrite the migration the safe way, or, when the hazard is harmless here (an empty table,"
                + " a maintenance window), accept it on the migration class: @AcceptHazard(rule = \"")
                .append(first.rule()).append("\", table = \"").append(first.table())
                .append("\", reason = \"...\"). The reason is printed by verify.");
        return Optional.of(message.toString());
    }

    /** One finding on one line: where, what was measured, by which statement, and its standing. */
    static String line(Finding finding) {
        String standing = finding.released() ? "released: information"
                : finding.accepted().map(reason -> "accepted: " + reason).orElse("NEW: fails verify");
        return String.format(Locale.ROOT, "V%s %s %s on %s: %s%s (%s)", finding.version(),
                finding.direction().name().toLowerCase(Locale.ROOT), finding.rule(), finding.table(), finding.fact(),
                finding.statement().isEmpty() ? "" : " [" + finding.statement() + "]", standing);
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
