package db.migration;

import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;
import org.jooq.impl.SQLDataType;

/** Two mistakes in one migration: a column the running release still selects, and an index built under SHARE. */
public class V2__drop_plot_note_index_plot_codes extends DemeterMigration {
    @Override
    protected void up(DSLContext db) {
        db.alterTable("plots").dropColumn("note").execute();
        db.createIndex("idx_plots_code").on("plots", "code").execute();
    }

    @Override
    protected void down(DSLContext db) {
        db.dropIndex("idx_plots_code").execute();
        db.alterTable("plots").addColumn("note", SQLDataType.CLOB).execute();
    }
}
