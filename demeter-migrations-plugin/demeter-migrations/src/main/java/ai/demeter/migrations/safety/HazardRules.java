package ai.demeter.migrations.safety;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a measured migration run into deploy-safety findings. A hazard is something on a table that existed before
 * the migration that makes other sessions wait for as long as the table is big:
 * <ul>
 *   <li>{@value #REWRITE}: the table (or an index of it) got new files, copied under ACCESS EXCLUSIVE;</li>
 *   <li>{@value #VALIDATION_SCAN}: an ALTER TABLE read every row to validate a constraint while holding a lock that
 *       blocks writes (ADD FOREIGN KEY, ADD CHECK, SET NOT NULL without NOT VALID first);</li>
 *   <li>{@value #SHARE_LOCK}: an index was built on it while writes were blocked (CREATE INDEX without
 *       CONCURRENTLY takes SHARE);</li>
 *   <li>{@value #LOCK_HELD}: a lock that blocks writes, taken by one statement, is still held while a later
 *       statement of the same transaction rewrites, scans, indexes or writes the rows of an existing table.</li>
 * </ul>
 * A brief ACCESS EXCLUSIVE with none of these (ADD COLUMN without a volatile default, DROP COLUMN, a widened
 * varchar) is not a finding: it lasts as long as a catalog update. It shows in the lock profile.
 */
final class HazardRules {
    public static final String REWRITE = "rewrite";
    public static final String VALIDATION_SCAN = "validation-scan";
    public static final String SHARE_LOCK = "share-lock";
    public static final String LOCK_HELD = "lock-held";

    private HazardRules() {
    }

    /** The findings of {@code trace}, each marked released or not; acceptances are applied by the caller. */
    public static List<Finding> findings(MigrationTrace trace, boolean released) {
        List<Finding> findings = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        Map<String, Taken> strongLocks = new LinkedHashMap<>();
        for (StatementEffect statement : trace.statements()) {
            String sql = LockProfile.shorten(statement.sql());
            Set<String> ownHazards = new HashSet<>();
            statement.rewritten().forEach((table, what) -> {
                LockMode lock = Optional.ofNullable(statement.lockOn(table)).orElse(LockMode.ACCESS_EXCLUSIVE);
                String files = what.equals("the table") ? "rewrote " + table : "rebuilt " + what + " of " + table;
                add(findings, reported, ownHazards, trace, released, REWRITE, table, files + " (new relfilenode)"
                        + " under " + lock + ": " + lock.blocks() + " while every row is copied", sql,
                        rewriteRecipe(statement.sql()));
            });
            statement.indexesBuilt().forEach((table, index) -> {
                LockMode lock = statement.lockOn(table);
                if (lock != null && lock.blocksWrites() && !statement.rewritten().containsKey(table)) {
                    add(findings, reported, ownHazards, trace, released, SHARE_LOCK, table, "built index " + index
                            + " on " + table + " under " + lock + ": " + lock.blocks() + " while the index is built",
                            sql, SHARE_LOCK_RECIPE);
                }
            });
            for (String table : statement.validated()) {
                LockMode lock = statement.lockOn(table);
                if (lock != null && lock.blocksWrites()) {
                    add(findings, reported, ownHazards, trace, released, VALIDATION_SCAN, table, "scanned " + table
                            + " to validate under " + lock + ": " + lock.blocks() + " while every row is checked",
                            sql, validationRecipe(statement.sql()));
                }
            }
            Set<String> work = statement.workedOn();
            if (!work.isEmpty()) {
                strongLocks.forEach((table, taken) -> {
                    if (!ownHazards.contains(table)) {
                        add(findings, reported, ownHazards, trace, released, LOCK_HELD, table, taken.mode + " on "
                                + table + ", taken by " + taken.statement + ", is still held while this statement "
                                + doing(statement, work) + ": " + taken.mode.blocks() + " on " + table + " until the"
                                + " migration commits", sql, LOCK_HELD_RECIPE);
                    }
                });
            }
            if (statement.inTransaction()) {
                statement.taken().forEach((table, mode) -> {
                    if (mode.blocksWrites() && !strongLocks.containsKey(table)) {
                        strongLocks.put(table, new Taken(mode, sql));
                    }
                });
            }
        }
        return findings;
    }

    private static void add(List<Finding> findings, Set<String> reported, Set<String> ownHazards,
            MigrationTrace trace, boolean released, String rule, String table, String fact, String statement,
            String recipe) {
        ownHazards.add(table);
        if (reported.add(rule + " " + table)) {
            findings.add(new Finding(trace.version(), trace.direction(), rule, table, fact, statement, recipe,
                    Optional.empty(), released));
        }
    }

    private static String doing(StatementEffect statement, Set<String> work) {
        if (!statement.rewritten().isEmpty()) {
            return "rewrites " + String.join(", ", statement.rewritten().keySet());
        }
        if (!statement.indexesBuilt().isEmpty()) {
            return "builds an index on " + String.join(", ", statement.indexesBuilt().keySet());
        }
        if (!statement.validated().isEmpty()) {
            return "scans " + String.join(", ", statement.validated());
        }
        return "writes rows of " + String.join(", ", work);
    }

    private static String rewriteRecipe(String sql) {
        String lower = sql.toLowerCase(Locale.ROOT);
        if (lower.matches(".*\\balter\\s+(column\\s+)?\\S+\\s+(set\\s+data\\s+)?type\\b.*")) {
            return "do not change the type in place: add a column of the new type"
                    + " (db.alterTable(t).add(field(name(\"c_new\"), SQLDataType.BIGINT)).execute()), write both"
                    + " columns from the application, fill the new one with backfill(db, Backfill.table(t).set(...)) in a"
                    + " migration of its own (docs/online-migrations.md), switch reads to it, and drop the old column"
                    + " in a later release.";
        }
        if (lower.contains(" default ")) {
            return "add the column without a default (instant), give it the default for new rows with"
                    + " db.alterTable(t).alterColumn(c).setDefault(...).execute(), and fill existing rows with"
                    + " backfill(db, Backfill.table(t).set(...)) in a migration of their own (docs/online-migrations.md).";
        }
        return "make the change without rewriting the table: a new column or table written by the application"
                + " alongside the old one (dual write), filled by backfill(db, Backfill...) in a migration of its own"
                + " (docs/online-migrations.md), then switched to.";
    }

    private static String validationRecipe(String sql) {
        String lower = sql.toLowerCase(Locale.ROOT);
        if (lower.contains("not null")) {
            return "add CHECK (c IS NOT NULL) NOT VALID (db.query(\"alter table {0} add constraint {1} check ({2}"
                    + " is not null) not valid\", ...)), validate it in the next migration (db.query(\"alter table {0}"
                    + " validate constraint {1}\", ...): SHARE UPDATE EXCLUSIVE, reads and writes go on), then SET NOT"
                    + " NULL, which skips the scan once a valid check proves it, and drop the check. A new column: add"
                    + " it nullable, fill it with backfill(db, Backfill...) in a migration of its own, then the same steps.";
        }
        return "add the constraint NOT VALID (db.query(\"alter table {0} add constraint {1} foreign key ({2})"
                + " references {3} ({4}) not valid\", ...), or check (...) not valid): no scan, a brief lock; then"
                + " validate it in the next migration (db.query(\"alter table {0} validate constraint {1}\", ...)),"
                + " which scans under SHARE UPDATE EXCLUSIVE: reads and writes go on.";
    }

    private static final String SHARE_LOCK_RECIPE = "build the index with db.execute(\"create index concurrently ..."
            + "\") in a migration of its own whose transactional() returns false (SHARE UPDATE EXCLUSIVE: reads and"
            + " writes go on); for a unique constraint, create unique index concurrently, then alter table ... add"
            + " constraint ... unique using index ....";

    private static final String LOCK_HELD_RECIPE = "commit the lock early: keep the statement that takes it in a"
            + " migration of its own, and move the slow work to the next one: an UPDATE of every row becomes"
            + " backfill(db, Backfill.table(t).set(c, value).where(...)) in a migration whose transactional() returns"
            + " false (keyset batches, each its own short transaction, resumable; docs/online-migrations.md); an index"
            + " build or a validation goes in the next migration as its own recipe says.";

    private record Taken(LockMode mode, String statement) {
    }
}
