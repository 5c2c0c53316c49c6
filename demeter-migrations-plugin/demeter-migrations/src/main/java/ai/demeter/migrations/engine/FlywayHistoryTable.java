package ai.demeter.migrations.engine;

/**
 * Flyway's history table, as everything in Demeter that touches it sees it: its quoted name for SQL, and the
 * PostgreSQL advisory lock Flyway takes around {@code migrate}, so a rollback and a migrate never run at once.
 * <p>
 * Flyway derives the lock key from the quoted table name; {@link #lockKey()} mirrors Flyway 13's
 * {@code PostgreSQLAdvisoryLockTemplate} and is pinned by a test that reads the key from {@code pg_locks} while
 * Flyway holds it. Re-check it when upgrading Flyway.
 */
public record FlywayHistoryTable(String schema, String table) {
    public static final String DEFAULT_SCHEMA = "public";
    public static final String DEFAULT_TABLE = "flyway_schema_history";
    private static final long FLYWAY_LOCK_MAGIC = 77431708279161L;

    /** {@code "schema"."table"}, quoted as PostgreSQL and Flyway quote it. */
    public String quotedName() {
        return quote(schema) + "." + quote(table);
    }

    public long lockKey() {
        return FLYWAY_LOCK_MAGIC + quotedName().hashCode();
    }

    /** Deletes the row of an applied version, so Flyway sees that migration as pending again. */
    String deleteVersionSql() {
        return "delete from " + quotedName() + " where version = ?";
    }

    /** The newest {@code ?} successfully applied versions, newest first. */
    String newestAppliedSql() {
        return "select version from " + quotedName()
                + " where success and version is not null order by installed_rank desc limit ?";
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
