package ai.demeter.migrations.engine;

/**
 * The PostgreSQL advisory lock Flyway takes around {@code migrate}, so a rollback and a migrate never run at once.
 * Flyway derives the key from the quoted history table name; this mirrors Flyway 13's
 * {@code PostgreSQLAdvisoryLockTemplate} and is pinned by a test that reads the key from {@code pg_locks}
 * while Flyway holds it. Re-check it when upgrading Flyway.
 */
public record FlywayLock(String schema, String table) {
    private static final long FLYWAY_LOCK_MAGIC = 77431708279161L;

    public long key() {
        return FLYWAY_LOCK_MAGIC + ("\"" + schema + "\".\"" + table + "\"").hashCode();
    }
}
