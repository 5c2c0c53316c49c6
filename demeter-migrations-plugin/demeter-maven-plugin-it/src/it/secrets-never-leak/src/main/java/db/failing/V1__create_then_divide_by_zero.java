package db.failing;

import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;
import org.jooq.impl.SQLDataType;

/** Fails after its first statement, so the failure path runs inside an open migration transaction. */
public class V1__create_then_divide_by_zero extends DemeterMigration {
    @Override
    protected void up(DSLContext db) {
        db.createTable("doomed").column("id", SQLDataType.INTEGER).execute();
        db.execute("select 1 / 0");
    }

    @Override
    protected void down(DSLContext db) {
        db.dropTable("doomed").execute();
    }
}
