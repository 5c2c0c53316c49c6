package ai.demeter.migrations.engine;

import ai.demeter.migrations.internal.SqlText;

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
        return SqlText.quote(schema) + "." + SqlText.quote(table);
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

    /** The table as Flyway creates it on a database without one (columns, primary key, index), if it is missing. */
    String createSql() {
        return "create table if not exists " + quotedName() + " (\n"
                + "    \"installed_rank\" integer not null,\n"
                + "    \"version\" varchar(50),\n"
                + "    \"description\" varchar(200) not null,\n"
                + "    \"type\" varchar(20) not null,\n"
                + "    \"script\" varchar(1000) not null,\n"
                + "    \"checksum\" integer,\n"
                + "    \"installed_by\" varchar(100) not null,\n"
                + "    \"installed_on\" timestamp not null default now(),\n"
                + "    \"execution_time\" integer not null,\n"
                + "    \"success\" boolean not null,\n"
                + "    constraint " + SqlText.quote(table + "_pk") + " primary key (\"installed_rank\")\n);\n"
                + "create index if not exists " + SqlText.quote(table + "_s_idx") + " on " + quotedName()
                + " (\"success\")";
    }

    /** The row Flyway writes for a successfully applied Java migration, next in rank. */
    String insertAppliedSql(CodeMigration migration) {
        return "insert into " + quotedName() + " (\"installed_rank\", \"version\", \"description\", \"type\","
                + " \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\")\n"
                + "  select coalesce(max(\"installed_rank\"), 0) + 1, " + literal(migration.version().getVersion())
                + ", " + literal(migration.description()) + ", 'JDBC', " + literal(migration.script()) + ", "
                + migration.migration().getChecksum() + ", current_user, 0, true from " + quotedName();
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

}
