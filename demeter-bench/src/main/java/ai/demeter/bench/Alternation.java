package ai.demeter.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs cases that are compared with each other in turns, A B C A B C ..., so that a change in the machine's load
 * (other builds, the disk) meets every case alike. Each case may prepare untimed state (a fresh database) and clean
 * up untimed afterwards; only its action is timed.
 */
final class Alternation {
    private final List<Case> cases = new ArrayList<>();

    /** Untimed work before or after a case's action. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    private record Case(String label, Step prepare, Step action, Step cleanUp) {
    }

    Alternation add(String label, Step action) {
        return add(label, () -> { }, action, () -> { });
    }

    Alternation add(String label, Step prepare, Step action, Step cleanUp) {
        cases.add(new Case(label, prepare, action, cleanUp));
        return this;
    }

    /** Runs every case {@code reps} times in turns, after one untimed warm-up round; timings by label. */
    Map<String, Timings> run(int reps, Progress progress) throws Exception {
        for (Case c : cases) {
            progress.say("warm-up: " + c.label());
            once(c);
        }
        Map<String, long[]> nanos = new LinkedHashMap<>();
        cases.forEach(c -> nanos.put(c.label(), new long[reps]));
        for (int rep = 0; rep < reps; rep++) {
            for (Case c : cases) {
                long took = once(c);
                nanos.get(c.label())[rep] = took;
                progress.say(String.format(java.util.Locale.ROOT, "%s #%d: %.0f ms", c.label(), rep + 1, took / 1e6));
            }
        }
        Map<String, Timings> timings = new LinkedHashMap<>();
        nanos.forEach((label, values) -> timings.put(label, new Timings(label, values)));
        return timings;
    }

    private static long once(Case c) throws Exception {
        c.prepare().run();
        try {
            long started = System.nanoTime();
            c.action().run();
            return System.nanoTime() - started;
        } finally {
            c.cleanUp().run();
        }
    }

    /** Where the runner reports what it is doing. */
    @FunctionalInterface
    interface Progress {
        void say(String line);
    }
}
