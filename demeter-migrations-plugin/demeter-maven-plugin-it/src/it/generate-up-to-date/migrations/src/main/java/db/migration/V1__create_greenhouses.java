package db.migration;

import static org.jooq.impl.DSL.constraint;

import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;
import org.jooq.impl.SQLDataType;

public class V1__create_greenhouses extends DemeterMigration {
    @Override
    protected void up(DSLContext db) {
        db.execute("create extension if not exists postgis");
        db.createTable("greenhouses")
                .column("greenhouse_id", SQLDataType.INTEGER.notNull())
                .column("code", SQLDataType.VARCHAR(50).notNull())
                .constraints(constraint("pk_greenhouses").primaryKey("greenhouse_id"))
                .execute();
        db.execute("alter table greenhouses add column outline geometry(POLYGON,4326)");
    }

    @Override
    protected void down(DSLContext db) {
        db.dropTable("greenhouses").execute();
        db.execute("drop extension if exists postgis");
    }
}
