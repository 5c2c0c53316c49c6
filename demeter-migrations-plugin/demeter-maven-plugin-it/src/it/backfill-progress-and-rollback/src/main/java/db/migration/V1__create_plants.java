package db.migration;

import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;

/** 300,000 plants, their size class not filled in yet. */
public class V1__create_plants extends DemeterMigration {
    @Override
    protected void up(DSLContext db) {
        db.execute("create table plants (id bigint primary key, height_cm integer not null, size_class text)");
        db.execute("insert into plants (id, height_cm) select g, g % 250 from generate_series(1, 300000) g");
    }

    @Override
    protected void down(DSLContext db) {
        db.execute("drop table plants");
    }
}
