package ai.demeter.migrations.maven;

import ai.demeter.migrations.authoring.DriftMigration;
import ai.demeter.migrations.database.DatabaseProvider;
import ai.demeter.migrations.engine.MigrationEngine;
import ai.demeter.migrations.engine.MigrationScaffold;
import ai.demeter.migrations.engine.SchemaDrift;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Compares a database (the embedded dev database by default, or any URL) with the schema the migrations it records
 * as applied build on a throwaway database, and prints the drift fact by fact: {@code alembic check}. With
 * {@code -Ddemeter.failOnDrift=true} (for CI) drift fails the build. With {@code -Ddemeter.write=true} it writes the
 * next migration class, whose up reproduces the drift and whose down undoes it: {@code alembic revision
 * --autogenerate}. Changes no database.
 */
@Mojo(name = "diff", requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME, threadSafe = true)
public class DiffMojo extends AbstractCatalogComparisonMojo {

    /** Fail the build when the database differs from what its migrations build (not with {@code demeter.write}). @since 0.1.0 */
    @Parameter(property = "demeter.failOnDrift", defaultValue = "false")
    private boolean failOnDrift;

    /**
     * Write the next migration class (named and numbered as {@code demeter:new} does) with the drift as its up and
     * the way back as its down, for review. Writes nothing when there is no drift; refused while the database has
     * migrations of the code still to apply, as {@code alembic revision --autogenerate} refuses a database that is
     * not up to date.
     *
     * @since 0.1.0
     */
    @Parameter(property = "demeter.write", defaultValue = "false")
    private boolean write;

    /** With {@code demeter.write}: what the written migration does, in words; its class name comes from it. @since 0.1.0 */
    @Parameter(property = "demeter.description", defaultValue = "schema drift")
    private String description;

    @Override
    protected void compare(MigrationEngine engine, Supplier<DatabaseProvider> throwaways) throws MojoFailureException {
        SchemaDrift drift = engine.drift(throwaways, failOnExtensionVersions);
        drift.information().forEach(getLog()::info);
        String leftOut = drift.pending().isEmpty() ? "" : "\nNot compared: " + drift.describePending()
                + (drift.pending().size() == 1 ? " is" : " are") + " in the code but not applied to this database.";
        if (drift.facts().isEmpty()) {
            getLog().info("No drift: the database is exactly what " + drift.built() + " build."
                    + (write ? " No migration written." : "") + leftOut);
            return;
        }
        String report = "Drift: " + drift.facts().size() + (drift.facts().size() == 1 ? " difference" : " differences")
                + " between what " + drift.built() + " build and the database:\n  "
                + String.join("\n  ", drift.facts()) + leftOut;
        if (write && !drift.migrationMayBeWritten()) {
            getLog().warn(report);
            throw new MojoFailureException(pendingRefusal(drift));
        }
        if (write) {
            getLog().warn(report);
            writeMigration(drift);
        } else if (failOnDrift) {
            throw new MojoFailureException(report + "\nPut the change in a migration (./mvnw demeter:diff"
                    + " -Ddemeter.write=true writes it), or undo it in the database.");
        } else {
            getLog().warn(report);
        }
    }

    private static String pendingRefusal(SchemaDrift drift) {
        boolean one = drift.pending().size() == 1;
        return "No migration written: " + drift.describePending() + (one ? " is" : " are") + " in the code but not"
                + " applied to this database, and a migration written from this drift could repeat what "
                + (one ? "it does" : "they do") + " (running demeter:diff -Ddemeter.write=true twice writes the"
                + " change twice). Apply " + (one ? "it" : "them") + " first: ./mvnw demeter:migrate. If "
                + (one ? "it was" : "one was") + " written from this drift, the database already has the change and"
                + " cannot apply it: rebuild the embedded dev database (./mvnw demeter:stop, delete .demeter/,"
                + " ./mvnw demeter:migrate), or undo the change by hand and migrate.";
    }

    private void writeMigration(SchemaDrift drift) throws MojoFailureException {
        Path folder = migrationSourceFolder().orElseThrow(() -> new MojoFailureException("No migration source folder"
                + " to write the migration into: this module has no source root with the migration package."));
        Optional<Path> written = MigrationScaffold.writeDrift(folder, migrationPackage().orElseThrow(), description,
                drift);
        if (written.isEmpty()) {
            return;
        }
        DriftMigration migration = drift.migration();
        String file = projectRoot().relativize(written.get()).toString();
        String className = written.get().getFileName().toString().replace(".java", "");
        long review = migration.reviewCount();
        int steps = migration.steps().size();
        getLog().info("Wrote " + file + ": " + steps + (steps == 1 ? " step, " : " steps, ") + review
                + (review == 1 ? " line" : " lines") + " marked // review"
                + migration.irreversibility().map(reason -> ", irreversible").orElse("") + ".");
        if (!migration.assumedRenames().isEmpty()) {
            getLog().warn("Assumed renames, written as renames since a drop and an add would lose the rows' values: "
                    + String.join(", ", migration.assumedRenames()) + ". The catalog cannot tell a rename from a"
                    + " drop and an add: where one was not a rename, its // review comment in " + className
                    + " says how to write the drop and the add instead.");
        }
        getLog().info("Next:\n"
                + "  1. Review " + file + ": its // review lines, and its down().\n"
                + "  2. This database already has the change, so demeter:migrate would fail on " + className + " here."
                + " Rebuild the embedded dev database from the migrations: ./mvnw demeter:stop, delete .demeter/,"
                + " then ./mvnw demeter:migrate (it applies " + className + " too). On a database you cannot"
                + " rebuild, undo the change by hand (" + className + "'s down() lists the statements), then"
                + " ./mvnw demeter:migrate.\n"
                + "  3. ./mvnw demeter:diff -Ddemeter.failOnDrift=true finds no drift; ./mvnw verify proves "
                + className + " goes up, down and up again"
                + (migration.irreversibility().isPresent() ? ", once its down() is complete (its"
                        + " irreversibilityReason() says what is missing; verify needs every migration to go down)."
                        : "."));
    }
}
