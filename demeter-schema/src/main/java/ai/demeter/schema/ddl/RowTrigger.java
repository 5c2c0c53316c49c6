package ai.demeter.schema.ddl;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.list;
import static org.jooq.impl.DSL.name;

import java.util.Arrays;
import org.jooq.DSLContext;
import org.jooq.Name;

/**
 * A PL/pgSQL trigger function and the BEFORE INSERT OR UPDATE OF ... row trigger that calls it: the shape every
 * DemeterAI trigger has. Plain SQL, since the jOOQ 3.19 OSS DSL has neither CREATE FUNCTION nor DROP FUNCTION.
 */
final class RowTrigger {
    private final String table;
    private final String function;
    private final String trigger;
    private final String[] watchedColumns;

    RowTrigger(String table, String function, String trigger, String... watchedColumns) {
        this.table = table;
        this.function = function;
        this.trigger = trigger;
        this.watchedColumns = watchedColumns.clone();
    }

    void create(DSLContext db, String body) {
        db.query("create function {0}() returns trigger language plpgsql as {1}", name(function), inline(body))
                .execute();
        Name[] columns = Arrays.stream(watchedColumns).map(column -> name(column)).toArray(Name[]::new);
        db.query("create trigger {0} before insert or update of {1} on {2} for each row execute function {3}()",
                name(trigger), list(columns), name(table), name(function)).execute();
    }

    void drop(DSLContext db) {
        db.query("drop trigger {0} on {1}", name(trigger), name(table)).execute();
        db.query("drop function {0}()", name(function)).execute();
    }
}
