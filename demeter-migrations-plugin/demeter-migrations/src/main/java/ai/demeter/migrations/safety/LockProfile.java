package ai.demeter.migrations.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The measured lock profile of a chain: for each migration and direction, each table that existed before it ran
 * and that it locked, with the strongest lock mode, whether it rewrote the table, whether it scanned it to validate
 * a constraint, and the statement responsible. Rendered as the Markdown table verify keeps committed; it holds no
 * timings, so the same migrations always give the same text.
 */
public record LockProfile(List<Row> rows) {
    static final int STATEMENT_WIDTH = 90;

    /**
     * One table in one migration run; {@code table} is null when the run locked no existing table.
     *
     * @param validationScan null when not measured (the statements ran outside a transaction)
     */
    public record Row(String version, Finding.Direction direction, String table, LockMode strongest, boolean rewrite,
            Boolean validationScan, String statement) {
    }

    public LockProfile {
        rows = List.copyOf(rows);
    }

    public static LockProfile of(List<MigrationTrace> traces) {
        List<Row> rows = new ArrayList<>();
        for (MigrationTrace trace : traces) {
            Map<String, TableSummary> tables = new TreeMap<>();
            for (StatementEffect statement : trace.statements()) {
                statement.taken().forEach((table, mode) -> {
                    TableSummary summary = tables.computeIfAbsent(table, name -> new TableSummary());
                    if (summary.strongest == null || mode.compareTo(summary.strongest) > 0) {
                        summary.strongest = mode;
                        summary.strongestBy = statement.sql();
                    }
                    summary.unmeasured |= !statement.inTransaction();
                });
                statement.rewritten().keySet().forEach(table -> tables.computeIfAbsent(table, name ->
                        new TableSummary()).rewriteBy(statement.sql()));
                statement.validated().forEach(table -> tables.computeIfAbsent(table, name ->
                        new TableSummary()).scanBy(statement.sql()));
            }
            if (tables.isEmpty()) {
                rows.add(new Row(trace.version(), trace.direction(), null, null, false, false, ""));
            }
            tables.forEach((table, summary) -> rows.add(new Row(trace.version(), trace.direction(), table,
                    summary.strongest, summary.rewriteBy != null,
                    summary.scanBy != null ? Boolean.TRUE : summary.unmeasured ? null : Boolean.FALSE,
                    summary.rewriteBy != null ? summary.rewriteBy
                            : summary.scanBy != null ? summary.scanBy : summary.strongestBy)));
        }
        return new LockProfile(rows);
    }

    /** What one run did to one table so far. */
    private static final class TableSummary {
        LockMode strongest;
        String strongestBy;
        String rewriteBy;
        String scanBy;
        boolean unmeasured;

        void rewriteBy(String sql) {
            rewriteBy = rewriteBy == null ? sql : rewriteBy;
        }

        void scanBy(String sql) {
            scanBy = scanBy == null ? sql : scanBy;
        }
    }

    /** The committed document. */
    public String markdown() {
        StringBuilder text = new StringBuilder("""
                # Lock profile

                What each migration does to the tables that existed before it ran, measured by `demeter:verify` on
                its throwaway database (`pg_locks`, `relfilenode`, the transaction's sequential scans) and rewritten
                by `-Ddemeter.update=true`. Tables a migration creates are left out: nobody else uses them yet.
                *strongest lock* is the strongest mode the migration took on the table; *rewrite*: the table or one
                of its indexes got new files; *validation scan*: an `ALTER TABLE` read every row to validate a
                constraint (`n/a`: the statement ran outside a transaction, where scans are not measured);
                *statement*: the one that caused the rewrite, else the scan, else the strongest lock.

                | migration | direction | table | strongest lock | rewrite | validation scan | statement |
                |---|---|---|---|---|---|---|
                """);
        for (Row row : rows) {
            text.append("| V").append(row.version())
                    .append(" | ").append(row.direction().name().toLowerCase(java.util.Locale.ROOT));
            if (row.table() == null) {
                text.append(" | (none) | | | | |\n");
                continue;
            }
            text.append(" | ").append(row.table())
                    .append(" | ").append(row.strongest() == null ? "-" : row.strongest())
                    .append(" | ").append(row.rewrite() ? "yes" : "no")
                    .append(" | ").append(row.validationScan() == null ? "n/a" : row.validationScan() ? "yes" : "no")
                    .append(" | `").append(cell(shorten(row.statement()))).append("` |\n");
        }
        return text.toString();
    }

    /** A statement cut to one short line. */
    static String shorten(String sql) {
        String line = sql.strip().replaceAll("\\s+", " ");
        return line.length() <= STATEMENT_WIDTH ? line : line.substring(0, STATEMENT_WIDTH - 3) + "...";
    }

    private static String cell(String text) {
        return text.replace("`", "'").replace("|", "\\|");
    }
}
