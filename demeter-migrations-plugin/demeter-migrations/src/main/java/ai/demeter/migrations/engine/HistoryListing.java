package ai.demeter.migrations.engine;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Renders {@code history} as a fixed-width listing for a terminal: one line per migration, columns aligned. */
public final class HistoryListing {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final List<String> HEADERS =
            List.of("Version", "Description", "State", "When (UTC)", "By", "Time", "Reversible", "Checksum");

    private HistoryListing() {
    }

    public static List<String> render(List<HistoryEntry> entries) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (HistoryEntry entry : entries) {
            rows.add(List.of(
                    entry.version(),
                    entry.description(),
                    entry.state(),
                    entry.when() == null ? "" : WHEN.format(entry.when().withOffsetSameInstant(java.time.ZoneOffset.UTC)),
                    entry.who() == null ? "" : entry.who(),
                    entry.durationMillis() == null ? "" : Durations.format(java.time.Duration.ofMillis(entry.durationMillis())),
                    entry.reversible() == null ? "-" : entry.reversible() ? "yes" : "no",
                    entry.checksum()));
        }
        int[] widths = new int[HEADERS.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                line.append(String.format("%-" + widths[i] + "s", rows.get(r).get(i)));
                if (i < widths.length - 1) {
                    line.append(" | ");
                }
            }
            lines.add(line.toString().stripTrailing());
            if (r == 0) {
                lines.add("-".repeat(line.length()));
            }
        }
        return lines;
    }
}
