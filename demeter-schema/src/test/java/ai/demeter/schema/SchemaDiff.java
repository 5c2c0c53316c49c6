package ai.demeter.schema;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

/** Line diffs of schema dumps, so a failed comparison shows what differs rather than just "not equal". */
final class SchemaDiff {
    private static final int CONTEXT = 3;
    private static final int MAX_OUTPUT_LINES = 200;
    /** Above this many differing lines on each side, the middle is shown as removed-then-added without alignment. */
    private static final int MAX_ALIGNED = 3000;

    private SchemaDiff() {
    }

    static void assertSameSchema(String expected, String actual, String what) {
        if (!expected.equals(actual)) {
            fail(what + "\n" + unified(expected, actual));
        }
    }

    /** A unified-diff-like listing: {@code -} lines only in {@code expected}, {@code +} lines only in {@code actual}. */
    static String unified(String expected, String actual) {
        List<String> a = expected.lines().toList();
        List<String> b = actual.lines().toList();
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        List<String> middleA = a.subList(prefix, a.size() - suffix);
        List<String> middleB = b.subList(prefix, b.size() - suffix);
        // Every line of both texts, marked ' ' (in both), '-' (expected only) or '+' (actual only).
        List<String> edits = new ArrayList<>();
        a.subList(0, prefix).forEach(line -> edits.add(" " + line));
        if (middleA.size() > MAX_ALIGNED || middleB.size() > MAX_ALIGNED) {
            middleA.forEach(line -> edits.add("-" + line));
            middleB.forEach(line -> edits.add("+" + line));
        } else {
            edits.addAll(align(middleA, middleB));
        }
        a.subList(a.size() - suffix, a.size()).forEach(line -> edits.add(" " + line));

        StringBuilder out = new StringBuilder("--- expected\n+++ actual\n");
        int shown = 0;
        int i = 0;
        while (i < edits.size()) {
            if (!changed(edits, i)) {
                i++;
                continue;
            }
            // A hunk: this change and every later one separated from it by at most 2 * CONTEXT unchanged lines.
            int end = i;
            int lastChange = i;
            while (end < edits.size() && end - lastChange <= 2 * CONTEXT) {
                if (changed(edits, end)) {
                    lastChange = end;
                }
                end++;
            }
            int from = Math.max(0, i - CONTEXT);
            int to = Math.min(edits.size(), lastChange + 1 + CONTEXT);
            out.append("@@ expected line ").append(expectedLine(edits, from)).append(" @@\n");
            for (int k = from; k < to; k++) {
                out.append(edits.get(k)).append('\n');
                if (++shown >= MAX_OUTPUT_LINES) {
                    return out.append("... (diff truncated)\n").toString();
                }
            }
            i = to;
        }
        return out.toString();
    }

    private static boolean changed(List<String> edits, int index) {
        return edits.get(index).charAt(0) != ' ';
    }

    /** The 1-based line of {@code expected} at an edit position. */
    private static int expectedLine(List<String> edits, int index) {
        int line = 1;
        for (int k = 0; k < index; k++) {
            if (edits.get(k).charAt(0) != '+') {
                line++;
            }
        }
        return line;
    }

    /** Longest-common-subsequence alignment of two line lists. */
    private static List<String> align(List<String> a, List<String> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> edits = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                edits.add(" " + a.get(i++));
                j++;
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                edits.add("-" + a.get(i++));
            } else {
                edits.add("+" + b.get(j++));
            }
        }
        return edits;
    }
}
