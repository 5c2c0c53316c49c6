package ai.demeter.bench;

import java.util.Arrays;
import java.util.Locale;

/** The durations of one case's repetitions, in nanoseconds, in the order they ran. */
record Timings(String label, long[] nanos) {

    double medianMillis() {
        long[] sorted = sorted();
        int n = sorted.length;
        return (n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0) / 1e6;
    }

    double minMillis() {
        return sorted()[0] / 1e6;
    }

    double maxMillis() {
        long[] sorted = sorted();
        return sorted[sorted.length - 1] / 1e6;
    }

    int n() {
        return nanos.length;
    }

    /** "median 812 ms (min 790, max 905, n 5)". */
    String summary() {
        return "median " + millis(medianMillis()) + " (min " + number(minMillis()) + ", max " + number(maxMillis())
                + ", n " + n() + ")";
    }

    static String millis(double millis) {
        return number(millis) + " ms";
    }

    static String number(double millis) {
        return millis >= 100 ? String.format(Locale.ROOT, "%.0f", millis)
                : millis >= 10 ? String.format(Locale.ROOT, "%.1f", millis)
                : String.format(Locale.ROOT, "%.2f", millis);
    }

    private long[] sorted() {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted;
    }
}
