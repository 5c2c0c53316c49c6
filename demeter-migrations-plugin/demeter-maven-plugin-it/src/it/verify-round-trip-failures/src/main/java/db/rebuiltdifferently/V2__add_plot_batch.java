package db.rebuiltdifferently;

import ai.demeter.migrations.api.DemeterMigration;
import org.jooq.DSLContext;

/** Its up depends on rows its down leaves behind, so a second up builds another default. */
public class V2__add_plot_batch extends DemeterMigration {
    @Override
    protected void up(DSLContext db) {
        db.execute("insert into plot_imports (batch) values (1)");
        db.execute("""
                do $$ begin
                    execute format('alter table plots add column batch integer default %s',
                                   (select count(*) from plot_imports));
                end $$""");
    }

    @Override
    protected void down(DSLContext db) {
        db.execute("alter table plots drop column batch");
        // Forgets to delete the plot_imports row.
    }
}
