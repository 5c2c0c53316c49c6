package db.migration;

import static org.jooq.impl.DSL.constraint;

import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;
import org.jooq.impl.SQLDataType;

public class V1__create_plots extends DemeterMigration {
    @Override
    protected void up(DSLContext db) {
        db.createTable("plots")
                .column("plot_id", SQLDataType.INTEGER.notNull())
                .column("code", SQLDataType.VARCHAR(20).notNull())
                .column("note", SQLDataType.CLOB)
                .constraints(constraint("pk_plots").primaryKey("plot_id"))
                .execute();
    }

    @Override
    protected void down(DSLContext db) {
        db.dropTable("plots").execute();
    }
}
