package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.AlembicRevision;
import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.database.Secrets;
import ai.demeter.migrations.database.DatabaseProvider;
import ai.demeter.migrations.internal.SqlText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Moving a database from the Alembic chain to Demeter without losing rollback: a database whose
 * {@code alembic_version} names the revision a migration replaces ({@link AlembicRevision}) is checked against the
 * schema V1..Vn build, and only when the two are equal fact for fact are V1..Vn recorded as applied, with their
 * real checksums, in one transaction under Flyway's lock. Rollback then works down to base as on a database
 * Demeter built. {@code demeter_alembic_adoption} remembers which rows came from an adoption, for {@code history}.
 */
public final class AlembicAdoption {
    static final String ALEMBIC_TABLE = "alembic_version";
    public static final String ADOPTION_TABLE = "demeter_alembic_adoption";

    /** What the migrations up to a version build, compared with the live database: one line per difference. */
    @FunctionalInterface
    public interface SchemaCheck {
        List<String> differences(CodeMigration upTo);
    }

    /** The outcome: the version the database was adopted at, and how many migrations were recorded. */
    public record Adopted(String revision, CodeMigration at, int recorded, boolean alembicVersionDropped) {
    }

    private AlembicAdoption() {
    }

    /**
     * The check adoption uses: the migrations up to the revision's version applied to a throwaway database, and its
     * catalog snapshot compared with the live database's, one line per differing fact.
     */
    static SchemaCheck againstThrowaway(EngineSettings live, Supplier<DatabaseProvider> throwaways,
            boolean extensionVersionsAreDrift, MigrationListener listener) {
        return upTo -> {
            SchemaDrift drift = SchemaDrift.measure(live, throwaways, upTo.version().getVersion(), List.of(),
                    extensionVersionsAreDrift);
            drift.information().forEach(listener::info);
            return drift.facts();
        };
    }

    static Optional<AlembicDatabase> detect(Connection connection, EngineSettings settings) throws SQLException {
        String schema = settings.schema();
        // Once adopted, the database is Demeter's, also after a rollback to base empties Flyway's history.
        if (!exists(connection, schema, ALEMBIC_TABLE) || exists(connection, schema, ADOPTION_TABLE)) {
            return Optional.empty();
        }
        if (exists(connection, schema, settings.historyTable())
                && count(connection, settings.history().quotedName()) > 0) {
            return Optional.empty();
        }
        List<String> revisions = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select version_num from " + SqlText.quote(schema) + "."
                     + ALEMBIC_TABLE + " order by version_num")) {
            while (rows.next()) {
                revisions.add(rows.getString(1));
            }
        }
        if (revisions.size() != 1) {
            throw DemeterException.userMistake("alembic_version holds " + revisions.size() + " revisions ("
                    + String.join(", ", revisions) + "); a database can be adopted only from a single head. Bring"
                    + " it to one revision with Alembic first. Nothing was changed.");
        }
        List<CodeMigration> code = MigrationScan.resolve(settings.classLoader(), settings.locations());
        List<String> known = new ArrayList<>();
        CodeMigration match = null;
        for (CodeMigration migration : code) {
            Optional<String> replaces = migration.alembicRevision();
            if (replaces.isPresent()) {
                known.add(replaces.get() + " (V" + migration.versionText() + ")");
                if (replaces.get().equals(revisions.get(0))) {
                    match = migration;
                }
            }
        }
        return Optional.of(new AlembicDatabase(revisions.get(0), Optional.ofNullable(match), known));
    }

    static Adopted adopt(EngineSettings settings, SchemaCheck check, boolean dropAlembicVersion,
            MigrationListener listener) {
        try (Connection connection = settings.connect()) {
            AlembicDatabase alembic = detect(connection, settings).orElseThrow(() -> DemeterException.userMistake(
                    "There is nothing to adopt: the database has no alembic_version table, or Demeter's history"
                            + " already has rows. demeter:current says where it is."));
            CodeMigration target = alembic.replacedBy().orElseThrow(() -> DemeterException.userMistake(
                    "Not adopted: the database is " + alembic.describe() + " Nothing was changed."));
            List<CodeMigration> upTo = MigrationScan.resolve(settings.classLoader(), settings.locations()).stream()
                    .filter(migration -> migration.version().compareTo(target.version()) <= 0)
                    .toList();
            listener.info("Alembic revision " + alembic.revision() + " is " + target.label() + "; comparing the"
                    + " database with the schema V1-V" + target.version().getVersion() + " build ...");
            List<String> differences = check.differences(target);
            if (!differences.isEmpty()) {
                throw DemeterException.userMistake("Not adopted: the database differs from what V1-V"
                        + target.version().getVersion() + " build, so recording them as applied would be untrue."
                        + " Nothing was recorded. The differences:\n  " + String.join("\n  ", differences)
                        + "\nBring the database in line (or write a migration for the drift), or adopt it without"
                        + " rollback below the version: ./mvnw demeter:baseline -Ddemeter.baselineVersion="
                        + target.version().getVersion() + ".");
            }
            record(connection, settings, alembic.revision(), upTo, dropAlembicVersion);
            return new Adopted(alembic.revision(), target, upTo.size(), dropAlembicVersion);
        } catch (SQLException e) {
            throw DemeterException.fault("Adoption failed, nothing was recorded: " + Secrets.mask(e.getMessage()), e);
        }
    }

    /** Flyway's rows for V1..Vn and the adoption's own, in one transaction under Flyway's lock. */
    private static void record(Connection connection, EngineSettings settings, String revision,
            List<CodeMigration> migrations, boolean dropAlembicVersion) throws SQLException {
        FlywayHistoryTable history = settings.history();
        String adoption = SqlText.quote(settings.schema()) + "." + SqlText.quote(ADOPTION_TABLE);
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("select pg_advisory_xact_lock(" + history.lockKey() + ")");
            if (detect(connection, settings).isEmpty()) {
                throw DemeterException.userMistake("Another run recorded a history while the adoption waited for"
                        + " the lock. Nothing was changed; demeter:current says where the database is.");
            }
            for (String sql : history.createSql().split(";\n")) {
                statement.execute(sql);
            }
            statement.execute("create table if not exists " + adoption + " (\"version\" varchar(50) not null,"
                    + " \"alembic_revision\" varchar(32) not null, \"adopted_at\" timestamp not null default now(),"
                    + " \"database_user\" varchar(100) not null default current_user)");
            for (CodeMigration migration : migrations) {
                statement.execute(history.insertAppliedSql(migration));
                try (PreparedStatement adopted = connection.prepareStatement("insert into " + adoption
                        + " (\"version\", \"alembic_revision\") values (?, ?)")) {
                    adopted.setString(1, migration.version().getVersion());
                    adopted.setString(2, revision);
                    adopted.execute();
                }
            }
            if (dropAlembicVersion) {
                statement.execute("drop table " + SqlText.quote(settings.schema()) + "." + ALEMBIC_TABLE);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    /** When each version was recorded by an adoption ({@code adopted_at} equals its history row's time). */
    static Map<String, Timestamp> adoptedAt(Connection connection, String schema) throws SQLException {
        Map<String, Timestamp> adopted = new HashMap<>();
        if (!exists(connection, schema, ADOPTION_TABLE)) {
            return adopted;
        }
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select \"version\", \"adopted_at\" from "
                     + SqlText.quote(schema) + "."
                     + SqlText.quote(ADOPTION_TABLE))) {
            while (rows.next()) {
                adopted.put(rows.getString(1), rows.getTimestamp(2));
            }
        }
        return adopted;
    }

    private static boolean exists(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select to_regclass(?) is not null")) {
            query.setString(1, SqlText.quote(schema) + "." + SqlText.quote(table));
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select count(*) from " + table)) {
            result.next();
            return result.getLong(1);
        }
    }

}
