package ai.demeter.migrations.safety;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The tables that existed when a migration started (those its locks can hurt), and what the catalog says about
 * them around each statement: their files ({@code relfilenode}) and their indexes' files, the sequential scans of
 * the current transaction, and the locks the migration's backend holds on them. Tables created by the migration
 * are not followed: nobody else can be using them yet.
 */
final class TracedTables {
    private static final String NAME = "(\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)";
    private static final String QUALIFIED = NAME + "(?:\\s*\\.\\s*" + NAME + ")?";
    private static final Pattern ALTER_TABLE = Pattern.compile(
            "(?is)^\\s*alter\\s+table\\s+(?:if\\s+exists\\s+)?(?:only\\s+)?" + QUALIFIED);
    private static final Pattern WRITE = Pattern.compile(
            "(?is)^\\s*(?:insert\\s+into|update|delete\\s+from|merge\\s+into)\\s+(?:only\\s+)?" + QUALIFIED);

    private final Map<Long, String> tables;
    private final Map<String, Long> byName;
    private final List<String> quotedNames;
    private final String oidList;

    private TracedTables(Map<Long, String> tables, Map<String, Long> byName, List<String> quotedNames) {
        this.tables = tables;
        this.byName = byName;
        this.quotedNames = List.copyOf(quotedNames);
        this.oidList = tables.keySet().stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /**
     * The tables, partitioned tables and materialized views on {@code connection} now, in every schema but the
     * system ones, except those an extension owns and {@code leftOut} (Flyway's history, the rollback journal) in
     * {@code schema}. Tables of {@code schema} are named without it, others as {@code schema.table}.
     */
    static TracedTables read(Connection connection, String schema, Set<String> leftOut) throws SQLException {
        Map<Long, String> tables = new LinkedHashMap<>();
        Map<String, Long> byName = new HashMap<>();
        List<String> quotedNames = new ArrayList<>();
        String sql = "select c.oid::bigint, n.nspname, c.relname, quote_ident(n.nspname) || '.' || quote_ident(c.relname)"
                + " from pg_class c"
                + " join pg_namespace n on n.oid = c.relnamespace"
                + " where c.relkind in ('r', 'p', 'm')"
                + " and n.nspname not in ('pg_catalog', 'information_schema')"
                + " and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'"
                + " and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass"
                + " and d.objid = c.oid and d.deptype = 'e')"
                + " order by c.oid";
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                long oid = rows.getLong(1);
                String namespace = rows.getString(2);
                String relation = rows.getString(3);
                boolean own = namespace.equals(schema);
                if (own && leftOut.contains(relation)) {
                    continue;
                }
                String name = own ? relation : namespace + "." + relation;
                tables.put(oid, name);
                quotedNames.add(rows.getString(4));
                byName.put(namespace + "." + relation, oid);
                if (own) {
                    byName.put(relation, oid);
                }
            }
        }
        return new TracedTables(tables, byName, quotedNames);
    }

    boolean isEmpty() {
        return tables.isEmpty();
    }

    /** Every followed table by oid, named as messages name it. */
    Map<Long, String> names() {
        return tables;
    }

    /** Every followed table, qualified and quoted, for a LOCK TABLE statement. */
    List<String> quotedNames() {
        return quotedNames;
    }

    /** What the catalog says now about the followed tables, as seen from the migration's backend. */
    Facts facts(Connection connection) throws SQLException {
        Facts facts = new Facts();
        if (tables.isEmpty()) {
            return facts;
        }
        String sql = "select 't', c.oid::bigint, c.relfilenode::bigint, pg_stat_get_xact_numscans(c.oid), 0::bigint,"
                + " null::text from pg_class c where c.oid in (" + oidList + ")"
                + " union all select 'i', c.oid::bigint, c.relfilenode::bigint, 0::bigint, i.indrelid::bigint,"
                + " c.relname::text from pg_index i join pg_class c on c.oid = i.indexrelid"
                + " where i.indrelid in (" + oidList + ")"
                + " union all select 'l', l.relation::bigint, 0::bigint, 0::bigint, 0::bigint, l.mode from pg_locks l"
                + " where l.pid = pg_backend_pid() and l.locktype = 'relation' and l.granted"
                + " and l.relation in (" + oidList + ")";
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                long oid = rows.getLong(2);
                switch (rows.getString(1)) {
                    case "t" -> {
                        facts.files.put(oid, rows.getLong(3));
                        facts.scans.put(oid, rows.getLong(4));
                    }
                    case "i" -> {
                        facts.files.put(oid, rows.getLong(3));
                        facts.indexOwner.put(oid, rows.getLong(5));
                        facts.indexName.put(oid, rows.getString(6));
                    }
                    default -> {
                        if (LockMode.isTableMode(rows.getString(6))) {
                            facts.locks.computeIfAbsent(oid, key -> EnumSet.noneOf(LockMode.class))
                                    .add(LockMode.fromCatalog(rows.getString(6)));
                        }
                    }
                }
            }
        }
        return facts;
    }

    /**
     * What a statement did, from the facts before and after it. {@code observed} are the locks a second connection
     * saw while a statement outside a transaction ran (its own locks are gone by the time it returns); null inside
     * a transaction, where the backend's own {@code pg_locks} rows tell.
     */
    StatementEffect effect(String sql, Facts before, Facts after, Map<Long, LockMode> observed) {
        boolean inTransaction = observed == null;
        Map<String, LockMode> taken = new LinkedHashMap<>();
        Map<String, LockMode> held = new LinkedHashMap<>();
        if (inTransaction) {
            after.locks.forEach((oid, modes) -> {
                String table = tables.get(oid);
                held.put(table, strongest(modes));
                EnumSet<LockMode> fresh = EnumSet.copyOf(modes);
                fresh.removeAll(before.locks.getOrDefault(oid, EnumSet.noneOf(LockMode.class)));
                if (!fresh.isEmpty()) {
                    taken.put(table, strongest(fresh));
                }
            });
        } else {
            observed.forEach((oid, mode) -> {
                taken.put(tables.get(oid), mode);
                held.put(tables.get(oid), mode);
            });
        }
        Map<String, String> rewritten = new LinkedHashMap<>();
        Map<String, String> indexesBuilt = new LinkedHashMap<>();
        for (Map.Entry<Long, Long> file : after.files.entrySet()) {
            Long was = before.files.get(file.getKey());
            Long index = after.indexOwner.get(file.getKey());
            if (was == null && index != null) {
                indexesBuilt.putIfAbsent(tables.get(index), after.indexName.get(file.getKey()));
            } else if (was != null && !was.equals(file.getValue()) && file.getValue() != 0) {
                if (index == null) {
                    rewritten.put(tables.get(file.getKey()), "the table");
                } else {
                    rewritten.putIfAbsent(tables.get(index), "index " + after.indexName.get(file.getKey()));
                }
            }
        }
        Set<String> validated = new LinkedHashSet<>();
        if (inTransaction) {
            target(ALTER_TABLE, sql).ifPresent(oid -> {
                String table = tables.get(oid);
                long scans = after.scans.getOrDefault(oid, 0L) - before.scans.getOrDefault(oid, 0L);
                if (scans > 0 && !rewritten.containsKey(table) && !indexesBuilt.containsKey(table)) {
                    validated.add(table);
                }
            });
        }
        // An INSERT of listed values is as quick on a big table as on an empty one; one that selects is not.
        boolean bulk = !sql.stripLeading().toLowerCase(Locale.ROOT).startsWith("insert")
                || sql.toLowerCase(Locale.ROOT).matches("(?s).*\\bselect\\b.*");
        Set<String> written = bulk ? target(WRITE, sql).map(tables::get).map(Set::of).orElse(Set.of()) : Set.of();
        return new StatementEffect(sql, inTransaction, taken, held, rewritten, indexesBuilt, validated, written);
    }

    /** The followed table a statement of this form names first (ALTER TABLE x, UPDATE x, ...), if it is one. */
    private Optional<Long> target(Pattern form, String sql) {
        Matcher matcher = form.matcher(sql);
        if (!matcher.find()) {
            return Optional.empty();
        }
        String first = identifier(matcher.group(1));
        String name = matcher.group(2) == null ? first : first + "." + identifier(matcher.group(2));
        return Optional.ofNullable(byName.get(name));
    }

    private static String identifier(String token) {
        return token.startsWith("\"") ? token.substring(1, token.length() - 1).replace("\"\"", "\"")
                : token.toLowerCase(Locale.ROOT);
    }

    private static LockMode strongest(Set<LockMode> modes) {
        return modes.stream().max(Enum::compareTo).orElseThrow();
    }

    /** The catalog's facts at one moment, keyed by relation oid. */
    static final class Facts {
        final Map<Long, Long> files = new HashMap<>();
        final Map<Long, Long> scans = new HashMap<>();
        final Map<Long, Long> indexOwner = new HashMap<>();
        final Map<Long, String> indexName = new HashMap<>();
        final Map<Long, EnumSet<LockMode>> locks = new HashMap<>();
    }
}
