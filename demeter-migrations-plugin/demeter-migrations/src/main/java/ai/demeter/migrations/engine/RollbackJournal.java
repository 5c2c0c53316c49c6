package ai.demeter.migrations.engine;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.sql.Connection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.Name;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Demeter's record of every rollback ({@code demeter_rollback_history}, next to Flyway's history table): Flyway
 * forgets an undone migration when its row is deleted, so this is where {@code history} finds who undid what, when.
 */
public final class RollbackJournal {
    public static final String TABLE = "demeter_rollback_history";

    /** One recorded rollback. */
    record Entry(String version, String description, String databaseUser, String osUser, OffsetDateTime rolledBackAt,
            long durationMillis) {
    }

    private final Name table;

    RollbackJournal(String schema) {
        this.table = name(schema, TABLE);
    }

    /** Records one undone migration; runs inside the step's transaction, so it exists only if the step committed. */
    void record(Connection connection, AppliedMigration step, Duration duration) {
        DSLContext db = DSL.using(connection, SQLDialect.POSTGRES);
        for (Query query : recordQueries(db, step.version(), step.description(), System.getProperty("user.name"),
                (int) duration.toMillis())) {
            query.execute();
        }
    }

    /** The statements that record one undone migration, creating the table on first use. */
    List<Query> recordQueries(DSLContext db, String version, String description, String osUser, int millis) {
        return List.of(
                db.createTableIfNotExists(table)
                        .column("rollback_rank", SQLDataType.INTEGER.identity(true))
                        .column("version", SQLDataType.VARCHAR(50).notNull())
                        .column("description", SQLDataType.VARCHAR(200).notNull())
                        .column("database_user", SQLDataType.VARCHAR(100).notNull()
                                .defaultValue(DSL.field("current_user", String.class)))
                        .column("os_user", SQLDataType.VARCHAR(100))
                        .column("rolled_back_at", SQLDataType.TIMESTAMPWITHTIMEZONE.notNull()
                                .defaultValue(DSL.currentOffsetDateTime()))
                        .column("execution_time", SQLDataType.INTEGER.notNull())
                        .primaryKey("rollback_rank"),
                db.insertInto(table(table), field(name("version")), field(name("description")), field(name("os_user")),
                                field(name("execution_time")))
                        .values(version, description, osUser, millis));
    }

    /** Every recorded rollback, oldest first; empty when the table does not exist yet. */
    List<Entry> entries(Connection connection) {
        DSLContext db = DSL.using(connection, SQLDialect.POSTGRES);
        boolean exists = db.fetchValue(DSL.field("to_regclass({0}) is not null", Boolean.class, DSL.inline(table.toString())));
        if (!exists) {
            return List.of();
        }
        return db.select(field(name("version"), String.class), field(name("description"), String.class),
                        field(name("database_user"), String.class), field(name("os_user"), String.class),
                        field(name("rolled_back_at"), OffsetDateTime.class), field(name("execution_time"), Integer.class))
                .from(table(table))
                .orderBy(field(name("rollback_rank")))
                .fetch(r -> new Entry(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
    }
}
