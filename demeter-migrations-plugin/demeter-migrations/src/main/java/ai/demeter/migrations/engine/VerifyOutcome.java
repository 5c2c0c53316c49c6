package ai.demeter.migrations.engine;

import ai.demeter.migrations.safety.Finding;
import java.time.Duration;
import java.util.List;

/**
 * A passed verification.
 *
 * @param roundTrips the migrations taken up, down and up again, oldest first
 * @param migrated   how many older migrations were only applied ({@code demeter.verify.from})
 * @param version    the version at head
 * @param written    files written because of {@code demeter.update}, relative to the project root
 * @param current    committed files found up to date, relative to the project root
 * @param duration   the whole verification, database start and stop included
 * @param findings   deploy-safety findings that do not fail verify: accepted by their migration, or released
 */
public record VerifyOutcome(List<RoundTrip> roundTrips, int migrated, String version, List<String> written,
        List<String> current, Duration duration, List<Finding> findings) {

    public VerifyOutcome {
        roundTrips = List.copyOf(roundTrips);
        written = List.copyOf(written);
        current = List.copyOf(current);
        findings = List.copyOf(findings);
    }

    /** One migration's round trip with the time of each step. */
    public record RoundTrip(String version, String description, Duration up, Duration down, Duration upAgain) {
    }
}
