package ai.demeter.migrations.maven;

import ai.demeter.migrations.engine.EngineSettings;
import ai.demeter.migrations.engine.FlywayHistoryTable;
import ai.demeter.migrations.engine.MigrationScript;
import ai.demeter.migrations.engine.ScriptRange;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the SQL a migrate or rollback range would run, as one script for {@code psql -1 -f}, with no database at
 * all: {@code alembic upgrade head --sql}. The script also keeps Flyway's history table as the goals do (same
 * checksums), so a later {@code migrate} finds nothing to do and {@code validate} passes. Quiet output
 * ({@code ./mvnw -q demeter:sql > upgrade.sql}) gives the script alone.
 */
@Mojo(name = "sql", threadSafe = true)
public class SqlMojo extends AbstractDemeterMojo {

    /** {@code up} (what migrate would run) or {@code down} (what rollback would run). @since 0.1.0 */
    @Parameter(property = "demeter.direction", defaultValue = "up")
    private String direction;

    /**
     * Where the range starts: the version the database is at. Default {@code base} going up, {@code head} going
     * down.
     *
     * @since 0.1.0
     */
    @Parameter(property = "demeter.from")
    private String from;

    /** Where the range ends: default {@code head} going up, {@code base} going down. @since 0.1.0 */
    @Parameter(property = "demeter.to")
    private String to;

    /** A file to write the script to; by default it goes to standard output. @since 0.1.0 */
    @Parameter(property = "demeter.output")
    private File output;

    /** Schema of Flyway's history table the script keeps. @since 0.1.0 */
    @Parameter(property = "demeter.schema", defaultValue = EngineSettings.DEFAULT_SCHEMA)
    private String schema;

    /** Flyway's history table the script keeps. @since 0.1.0 */
    @Parameter(property = "demeter.table", defaultValue = EngineSettings.DEFAULT_HISTORY_TABLE)
    private String table;

    @Override
    protected void run() throws MojoExecutionException {
        ScriptRange range = ScriptRange.parse(direction, from, to);
        String script;
        try (URLClassLoader migrations = migrationClassLoader()) {
            script = MigrationScript.render(migrations, locations, range, new FlywayHistoryTable(schema, table));
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot close the migration class loader", e);
        }
        if (output == null) {
            PrintStream out = System.out;
            out.print(script);
            out.flush();
            return;
        }
        try {
            if (output.getParentFile() != null) {
                Files.createDirectories(output.getParentFile().toPath());
            }
            Files.writeString(output.toPath(), script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write " + output + ": " + e.getMessage(), e);
        }
        getLog().info(MigrationScript.writtenNotice(range, output.toPath()));
    }
}
