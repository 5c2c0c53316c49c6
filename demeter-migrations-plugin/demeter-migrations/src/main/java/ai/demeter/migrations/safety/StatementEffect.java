package ai.demeter.migrations.safety;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one statement of a migration did to the tables that existed before the migration started, as measured on
 * the migration's own connection (and, outside a transaction, from a second one).
 *
 * @param sql           the statement, on one line
 * @param inTransaction whether it ran inside the migration's transaction; outside one, scans are not measured
 * @param taken         table to the strongest lock mode this statement took on it (not held before it)
 * @param held          table to the strongest lock mode held once it finished (inside a transaction: also locks
 *                      of earlier statements; outside: what it held while it ran)
 * @param rewritten     table to what got new files: "the table" or "index <name>" ({@code relfilenode} changed)
 * @param indexesBuilt  table to the name of an index this statement built on it
 * @param validated     tables this ALTER TABLE scanned in full (to validate a constraint) without rewriting them
 *                      or building an index
 * @param written       tables whose rows this statement inserts, updates or deletes
 */
record StatementEffect(String sql, boolean inTransaction, Map<String, LockMode> taken,
        Map<String, LockMode> held, Map<String, String> rewritten, Map<String, String> indexesBuilt,
        Set<String> validated, Set<String> written) {

    public StatementEffect {
        taken = Map.copyOf(taken);
        held = Map.copyOf(held);
        rewritten = Map.copyOf(rewritten);
        indexesBuilt = Map.copyOf(indexesBuilt);
        validated = Set.copyOf(validated);
        written = Set.copyOf(written);
    }

    /** Tables on which this statement does work that grows with the table: rewrite, index build, scan, row writes. */
    public Set<String> workedOn() {
        Set<String> tables = new LinkedHashSet<>(rewritten.keySet());
        tables.addAll(indexesBuilt.keySet());
        tables.addAll(validated);
        tables.addAll(written);
        return tables;
    }

    /** The lock held on {@code table} while this statement ran, or null. */
    public LockMode lockOn(String table) {
        return held.get(table);
    }
}
