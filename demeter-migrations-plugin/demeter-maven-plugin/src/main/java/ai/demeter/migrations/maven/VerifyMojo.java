package ai.demeter.migrations.maven;

import ai.demeter.migrations.database.ConnectionUrl;
import ai.demeter.migrations.database.DatabaseProvider;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.engine.Durations;
import ai.demeter.migrations.engine.EngineSettings;
import ai.demeter.migrations.engine.SchemaVerification;
import ai.demeter.migrations.engine.VerifyOutcome;
import ai.demeter.migrations.engine.VerifySettings;
import ai.demeter.migrations.safety.DeploySafety;
import java.io.File;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * The CI gate: on a throwaway PostgreSQL + PostGIS database, takes every migration up, down and up again and
 * compares catalog snapshots around each step (the down must restore the schema its up found, the second up must
 * build what the first built); checks the committed checksum file; and checks that the committed schema listing
 * and entity-relationship diagram are what the migrations produce. While the migrations run it measures the locks,
 * rewrites and validating scans each one causes on tables that already existed, and checks the committed lock
 * profile. The migrations newer than the running release (the checksum file's last release line, or
 * {@code demeter.compatFrom}) must not break its generated code. A hazard or a break in a migration not released yet
 * fails verify unless the migration accepts it ({@code @AcceptHazard}); accepted findings are printed with their
 * reason. {@code -Ddemeter.update=true} adds new migrations to the checksum file and rewrites the documents instead
 * of failing on them.
 * <p>
 * Bind it in the module that holds the migrations; it runs in the {@code verify} phase. It changes no database
 * but its own throwaway one.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY,
        requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME, threadSafe = true)
public class VerifyMojo extends AbstractThrowawayDatabaseMojo {
    private static final String NONE = "none";

    /**
     * The first version to take up, down and up again; older migrations are only applied. Use it on a long chain
     * whose old migrations were verified when they were added. Default: every migration.
     *
     * @since 0.1.0
     */
    @Parameter(property = "demeter.verify.from")
    private String from;

    /**
     * Add migrations that are not yet in the checksum file to it, and rewrite the schema listing and diagram,
     * instead of failing on them. An edited listed migration still fails.
     *
     * @since 0.1.0
     */
    @Parameter(property = "demeter.update", defaultValue = "false")
    private boolean update;

    /**
     * Marks every migration as shipped in this release (its name, for example the tag {@code 2.4.0}) with a line in
     * the checksum file; needs {@code demeter.update=true}. Run it when a release is cut: from then on the
     * deploy-safety findings of those migrations are information only, and the schema they build is the one the
     * running release was generated for during the next rolling deploy.
     *
     * @since 0.2.0
     */
    @Parameter(property = "demeter.release")
    private String release;

    /**
     * The version whose schema the running release was generated for: the migrations after it must not break that
     * release's code (dropped or renamed tables and columns, incompatible types, new NOT NULL columns without a
     * default, removed enum labels, dropped functions and views) unless they accept it with {@code @AcceptHazard}.
     * Default: the checksum file's last release line; set it when the release running in production is an older
     * one. With neither, the compatibility check is skipped.
     *
     * @since 0.2.0
     */
    @Parameter(property = "demeter.compatFrom")
    private String compatFrom;

    /**
     * The committed checksum file: one line per migration with the checksum of the SQL its up renders. Commit it
     * with the migrations; {@code none} checks no file.
     *
     * @since 0.1.0
     */
    @Parameter(property = "demeter.verify.checksumFile", defaultValue = "${project.basedir}/migrations.sum")
    private String checksumFile;

    /**
     * The committed listing of the head schema, relative to the project root (the folder with {@code .mvn});
     * {@code none} checks no listing.
     *
     * @since 0.1.0
     */
    @Parameter(property = "demeter.verify.schemaListing", defaultValue = "docs/schema.sql")
    private String schemaListing;

    /**
     * The committed Mermaid entity-relationship diagram of the head schema (Markdown), relative to the project
     * root; {@code none} checks no diagram.
     *
     * @since 0.1.0
     */
    @Parameter(property = "demeter.verify.diagram", defaultValue = "docs/schema-erd.md")
    private String diagram;

    /**
     * The committed lock profile (Markdown), relative to the project root: for each migration up and down, the
     * tables that existed before it and the strongest lock it took on each, whether it rewrote them, whether it
     * scanned them to validate a constraint. Checked like the schema listing; {@code none} checks no profile.
     *
     * @since 0.2.0
     */
    @Parameter(property = "demeter.verify.lockProfile", defaultValue = "docs/lock-profile.md")
    private String lockProfile;

    /**
     * Fail a round trip whose down restores every column but not in its old place. Off by default: PostgreSQL adds a
     * column only at the end, so no down can put back a dropped column that was not the last one where it was, and
     * code that names its columns does not notice; the order is then reported as information. Turn it on where
     * hand-written SQL relies on {@code select *}.
     *
     * @since 0.2.0
     */
    @Parameter(property = "demeter.strictColumnOrder", defaultValue = "false")
    private boolean strictColumnOrder;

    /**
     * {@code demeter.statsFrom}: a database (a JDBC or {@code postgresql://} URL, credentials in it) whose table sizes
     * each deploy-safety finding is shown with, typically a production replica. Only {@code pg_class.reltuples} and
     * {@code relpages} are read, on a read-only connection. Default: none. Read as a property (command line, system,
     * POM), not a goal parameter, so that {@code -X} does not print the credentials in it.
     */
    static final String STATS_FROM_PROPERTY = "demeter.statsFrom";

    /**
     * The schema the migrations build, compared by the snapshots; Flyway's history table lives there too.
     *
     * @since 0.1.0
     */
    @Parameter(property = "demeter.schema", defaultValue = EngineSettings.DEFAULT_SCHEMA)
    private String schema;

    /** Flyway's history table, left out of the snapshots. @since 0.1.0 */
    @Parameter(property = "demeter.table", defaultValue = EngineSettings.DEFAULT_HISTORY_TABLE)
    private String table;

    /** Skips this goal only; {@code skipTests} skips it too, since it tests the migrations. @since 0.1.0 */
    @Parameter(property = "demeter.verify.skip", defaultValue = "false")
    private boolean verifySkip;

    /** Maven's {@code skipTests}: skips this goal along with the tests. @since 0.1.0 */
    @Parameter(property = "skipTests", defaultValue = "false")
    private boolean skipTests;

    @Override
    protected String skipReason() {
        String reason = super.skipReason();
        return reason != null ? reason : verifySkip ? "demeter.verify.skip=true" : skipTests ? "skipTests" : null;
    }

    @Override
    protected void run(Supplier<DatabaseProvider> throwaways) throws MojoExecutionException {
        try (URLClassLoader migrations = migrationClassLoader()) {
            VerifySettings settings = new VerifySettings(throwaways, migrations, locations, schema, table, from,
                    file(checksumFile, project.getBasedir().toPath()),
                    file(schemaListing, projectRoot()), file(diagram, projectRoot()), projectRoot(), update,
                    release == null || release.isBlank() ? null : release.strip(), compatFrom,
                    file(lockProfile, projectRoot()), statsDatabase(), strictColumnOrder);
            report(new SchemaVerification(settings, listener()).run());
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot close the migration class loader", e);
        }
    }

    private void report(VerifyOutcome outcome) {
        int verified = outcome.roundTrips().size();
        getLog().info("Verified " + verified + (verified == 1 ? " migration" : " migrations") + " up, down and up"
                + " again" + (outcome.migrated() > 0 ? " (" + outcome.migrated() + " older ones only applied)" : "")
                + " in " + Durations.format(outcome.duration()) + ": every down restored the schema its up found,"
                + " every second up rebuilt it; head is version " + outcome.version() + ".");
        DeploySafety.section(outcome.findings()).forEach(getLog()::info);
        if (!outcome.current().isEmpty()) {
            getLog().info("Up to date: " + String.join(", ", outcome.current()) + ".");
        }
        if (!outcome.written().isEmpty()) {
            getLog().warn("Wrote " + String.join(", ", outcome.written()) + " (demeter.update=true); commit "
                    + (outcome.written().size() == 1 ? "it." : "them."));
        }
    }

    @Override
    protected String secret() {
        String statsFrom = property(STATS_FROM_PROPERTY);
        try {
            return statsFrom == null ? null : ConnectionUrl.parse(statsFrom, STATS_FROM_PROPERTY).password();
        } catch (RuntimeException unparsable) {
            return null; // the failure that follows says what is wrong with the URL, with its password masked
        }
    }

    private DatabaseTarget statsDatabase() {
        String statsFrom = property(STATS_FROM_PROPERTY);
        if (statsFrom == null) {
            return null;
        }
        ConnectionUrl url = ConnectionUrl.parse(statsFrom, "demeter.statsFrom");
        return new DatabaseTarget(url.jdbcUrl(), url.user(), url.password(), "demeter.statsFrom");
    }

    private static Path file(String value, Path base) {
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase(NONE)) {
            return null;
        }
        Path path = new File(value.strip()).toPath();
        return path.isAbsolute() ? path : base.resolve(path);
    }
}
