package db.migration;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.when;

import ai.demeter.migrations.api.Backfill;
import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;

/** The size class of every plant from its height, at most 50,000 rows a second: six seconds, one progress line. */
public class V2__backfill_plant_size_class extends DemeterMigration {
    private static final Field<String> SIZE_CLASS = field(name("size_class"), SQLDataType.CLOB);
    private static final Field<Integer> HEIGHT = field(name("height_cm"), SQLDataType.INTEGER);

    @Override
    protected boolean transactional() {
        return false;
    }

    @Override
    protected void change(DSLContext db) {
        backfill(db, Backfill.table("plants")
                .set(SIZE_CLASS, when(HEIGHT.lt(inline(50)), inline("S")).when(HEIGHT.lt(inline(150)), inline("M"))
                        .otherwise(inline("L")))
                .where(SIZE_CLASS.isNull())
                .maxRowsPerSecond(50_000) // the up only: its inverse runs at full speed, without rests
                .inverse(Backfill.table("plants").set(SIZE_CLASS, (String) null).restRatio(0)));
    }
}
