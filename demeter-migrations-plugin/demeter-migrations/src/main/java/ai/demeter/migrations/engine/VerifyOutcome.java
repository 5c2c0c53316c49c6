package ai.demeter.migrations.engine;

import ai.demeter.migrations.safety.Finding;
import ai.demeter.migrations.safety.LockProfile;
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
 * @param findings   the deploy-safety findings; none of them blocking, or verify would have failed
 * @param lockProfile what each round trip's up and down locked on existing tables
 */
public record VerifyOutcome(List<RoundTrip> roundTrips, int migrated, String version, List<String> written,
        List<String> current, Duration duration, List<Finding> findings, LockProfile lockProfile) {

    public VerifyOutcome {
        roundTrips = List.copyOf(roundTrips);
        written = List.copyOf(written);
        current = List.copyOf(current);
        findings = List.copyOf(findings);
        lockProfile = lockProfile == null ? new LockProfile(List.of()) : lockProfile;
    }

    /** Without deploy-safety findings. */
    public VerifyOutcome(List<RoundTrip> roundTrips, int migrated, String version, List<String> written,
            List<String> current, Duration duration) {
        this(roundTrips, migrated, version, written, current, duration, List.of(), null);
    }

    /** One migration's round trip with the time of each step. */
    public record RoundTrip(String version, String description, Duration up, Duration down, Duration upAgain) {
    }
}
