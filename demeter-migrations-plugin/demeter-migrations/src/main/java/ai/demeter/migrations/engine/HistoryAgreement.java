package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.DemeterMigration;
import ai.demeter.migrations.api.RenderedMigrations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Decides, from one read of the history table and what is known of the code, without Flyway, that the two agree:
 * the history holds the oldest migrations of the code, applied, successfully, in version order, each with the
 * description, class and checksum it has now, and nothing else. When every migration is applied, a migrate has
 * nothing to do, validate finds nothing wrong and the current version is the newest row: the everyday no-op cases,
 * which would otherwise spend most of their time starting Flyway in a fresh JVM. When the newest ones are not applied
 * yet, they are what a migrate runs, and Flyway's validation could find nothing to refuse (pending migrations are
 * not a problem to it), so migrate plans them from here too.
 * <p>
 * It decides only that. Anything else (a failed or baselined migration, an edited one, one applied out of order, a
 * migration whose rendering is not known from this run or the checksum cache, a location that is not a plain folder
 * of migration classes, the lock held by a run under way) is left to Flyway, so no answer here differs from Flyway's.
 */
final class HistoryAgreement {
    /** PostgreSQL's SQLSTATE for a table that does not exist. */
    private static final String UNDEFINED_TABLE = "42P01";

    private HistoryAgreement() {
    }

    /** Where the database stands when history and code agree: the newest migration and every version, in order. */
    record Agreed(String version, String description, List<MigrationVersion> versions) {
        DatabaseState state() {
            return new DatabaseState(version, description, List.of());
        }
    }

    /**
     * History and code agree on the oldest {@code applied} migrations of {@code code}; the rest are pending.
     * {@code historyExists} is false on a database Flyway never migrated.
     */
    record Prefix(List<CodeMigration> code, int applied, boolean historyExists) {
        List<CodeMigration> pending() {
            return code.subList(applied, code.size());
        }

        DatabaseState state() {
            List<DatabaseState.PendingMigration> waiting = pending().stream()
                    .map(m -> new DatabaseState.PendingMigration(m.version().getVersion(), m.description()))
                    .toList();
            if (applied == 0) {
                return new DatabaseState(null, null, waiting);
            }
            CodeMigration current = code.get(applied - 1);
            return new DatabaseState(current.version().getVersion(), current.description(), waiting);
        }

        Optional<Agreed> agreed() {
            if (applied != code.size()) {
                return Optional.empty();
            }
            CodeMigration newest = code.get(code.size() - 1);
            return Optional.of(new Agreed(newest.version().getVersion(), newest.description(),
                    code.stream().map(CodeMigration::version).toList()));
        }
    }

    /** Whether the history holds exactly the oldest migrations of the code (all of them, some, or none). */
    static Optional<Prefix> read(Connection connection, EngineSettings settings, MigrationListener listener) {
        settings.checksums().prime(settings.classLoader(), listener);
        Optional<List<CodeMigration>> code = code(settings);
        if (code.isEmpty() || code.get().isEmpty()) {
            return Optional.empty();
        }
        List<CodeMigration> migrations = code.get();
        try {
            // First the lock, then the history: a migrate or rollback under way makes Flyway's path wait for it; one
            // that starts after this look is seen in the history read below once it commits, or runs after us.
            if (LockHolder.isHeld(connection, settings.history().lockKey())) {
                listener.debug("Another migrate or rollback holds the migration lock; Flyway decides");
                return Optional.empty();
            }
        } catch (SQLException e) {
            return Optional.empty();
        }
        String sql = "select version, description, type, script, checksum, success from "
                + settings.history().quotedName() + " order by installed_rank";
        int row = 0;
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                if (row == migrations.size()) {
                    return Optional.empty(); // more rows than migrations
                }
                CodeMigration expected = migrations.get(row++);
                String version = rows.getString(1);
                int checksum = rows.getInt(5);
                boolean noChecksum = rows.wasNull();
                if (version == null || !MigrationVersion.fromVersion(version).equals(expected.version())
                        || !expected.description().equals(rows.getString(2)) || !"JDBC".equals(rows.getString(3))
                        || !expected.script().equals(rows.getString(4)) || noChecksum
                        || checksum != expected.checksum().intValue() || !rows.getBoolean(6)) {
                    return Optional.empty();
                }
            }
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                return Optional.of(new Prefix(migrations, 0, false)); // never migrated: everything is pending
            }
            return Optional.empty(); // a history table Flyway must look at itself
        }
        return Optional.of(new Prefix(migrations, row, true));
    }

    /**
     * The migrations in the code in version order, each with its known checksum; empty when any location is not a
     * classpath folder holding only Demeter migration classes with known renderings (Flyway then decides).
     */
    private static Optional<List<CodeMigration>> code(EngineSettings settings) {
        List<CodeMigration> migrations = new ArrayList<>();
        for (String location : settings.locations()) {
            if (!location.startsWith("classpath:")) {
                return Optional.empty();
            }
            String folder = location.substring("classpath:".length()).replaceAll("^/+", "").replaceAll("/+$", "");
            Optional<List<String>> classes = MigrationScan.onlyClasses(settings.classLoader(), folder);
            if (classes.isEmpty()) {
                return Optional.empty();
            }
            for (String className : classes.get()) {
                Matcher name = MigrationScan.NAME.matcher(className.substring(className.lastIndexOf('.') + 1));
                Class<?> type;
                try {
                    type = Class.forName(className, false, settings.classLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    return Optional.empty();
                }
                if (!name.matches() || !DemeterMigration.class.isAssignableFrom(type)) {
                    return Optional.empty();
                }
                Optional<RenderedMigrations.Rendering> rendering = RenderedMigrations.known(type);
                if (rendering.isEmpty()) {
                    return Optional.empty();
                }
                migrations.add(CodeMigration.of(MigrationVersion.fromVersion(name.group(1).replace('_', '.')),
                        name.group(2).replace('_', ' '), className, rendering.get().checksum(),
                        settings.classLoader()));
            }
        }
        migrations.sort((a, b) -> a.version().compareTo(b.version()));
        for (int i = 1; i < migrations.size(); i++) {
            if (migrations.get(i).version().equals(migrations.get(i - 1).version())) {
                return Optional.empty(); // two migrations with one version: Flyway's error to give
            }
        }
        return Optional.of(migrations);
    }
}
