package db.migration;

import static org.jooq.impl.DSL.constraint;

import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;
import org.jooq.impl.SQLDataType;

public class V1__create_greenhouses extends DemeterMigration {
    @Override
    protected void up(DSLContext db) {
        db.createTable("greenhouses")
                .column("greenhouse_id", SQLDataType.INTEGER.notNull())
                .column("code", SQLDataType.VARCHAR(50).notNull())
                .column("built_on", SQLDataType.LOCALDATE)
                .constraints(constraint("pk_greenhouses").primaryKey("greenhouse_id"))
                .execute();
    }

    @Override
    protected void down(DSLContext db) {
        db.dropTable("greenhouses").execute();
    }
}
