package ai.demeter.migrations.maven;

import ai.demeter.migrations.engine.MigrationScaffold;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the next migration class into the module's migration package, with up/down stubs that fail until
 * written: {@code alembic revision -m "..."}. Needs no database.
 */
@Mojo(name = "new", threadSafe = true)
public class NewMojo extends AbstractDemeterMojo {

    /** What the migration does, in words: {@code -Ddemeter.name="add bin barcode"}. @since 0.1.0 */
    @Parameter(property = "demeter.name")
    private String name;

    /**
     * The table the new migration fills, for the stub of a backfill migration (batched, resumable; see
     * docs/online-migrations.md): {@code -Ddemeter.backfill=storage_bins}. @since 0.1.0
     */
    @Parameter(property = "demeter.backfill")
    private String backfill;

    @Override
    protected void run() throws MojoFailureException {
        Path folder = migrationSourceFolder().orElseThrow(() -> new MojoFailureException("No migration source folder"));
        Path file = backfill == null
                ? MigrationScaffold.write(folder, migrationPackage().orElseThrow(), name)
                : MigrationScaffold.writeBackfill(folder, migrationPackage().orElseThrow(), name, backfill);
        getLog().info("Wrote " + projectRoot().relativize(file) + ". Write its up() and down(), then"
                + " ./mvnw demeter:migrate to apply it (Demeter compiles it; no build needed in between);"
                + " ./mvnw verify proves it goes up, down and up again.");
    }
}
