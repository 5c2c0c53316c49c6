package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.DemeterException;
import ai.demeter.migrations.api.DemeterMigration;
import ai.demeter.migrations.api.RenderedMigrations;
import ai.demeter.migrations.database.DatabaseTarget;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks an operation passes before it changes anything, declared once: a database the Alembic chain built and
 * Demeter has not adopted, migration classes Flyway would skip, statements PostgreSQL would refuse or silently
 * change, a rollback of a database on another machine without confirmation. Each refuses with what happened, why,
 * and that nothing was changed.
 */
final class Guards {
    private final EngineSettings settings;

    Guards(EngineSettings settings) {
        this.settings = settings;
    }

    /**
     * Refuses to act on a database the Alembic chain built and Demeter has not adopted: its Flyway history is empty,
     * which reads as base to everything else.
     */
    void refuseAlembic(Connection connection, String doing) throws SQLException {
        Optional<AlembicDatabase> alembic = AlembicAdoption.detect(connection, settings);
        if (alembic.isPresent()) {
            throw DemeterException.userMistake("Not " + doing + ": the database is " + alembic.get().describe()
                    + " Nothing was changed.");
        }
    }

    /**
     * Refuses migration classes Flyway would skip with only a warning (a malformed name, a constructor that throws):
     * migrating past them would leave them unapplied for good, and the history would not say so.
     */
    void refuseUnusableClasses(String doing) {
        List<String> unusable = MigrationScan.unusable(settings.classLoader(), settings.locations());
        if (!unusable.isEmpty()) {
            throw DemeterException.userMistake("Not " + doing + ": Flyway would skip these classes in the migration"
                    + " locations.\n  - " + String.join("\n  - ", unusable) + "\nNothing was changed.");
        }
    }

    /** A migration whose recorded statements are checked before it runs: up when migrating, down when rolling back. */
    record Screened(String label, DemeterMigration migration, boolean up) {
    }

    /**
     * Refuses, before anything runs, migrations whose recorded statements PostgreSQL would refuse in the middle of
     * the run or silently change (see {@link StatementCheck}), naming each migration and statement.
     */
    void refuseUnsafeStatements(String doing, List<Screened> migrations) {
        List<String> problems = new ArrayList<>();
        for (Screened screened : migrations) {
            if (screened.migration() == null) {
                continue; // not a DemeterMigration: nothing recorded to check
            }
            List<String> statements = screened.up()
                    ? RenderedMigrations.of(screened.migration()).statements() // known from the cache, or kept for the run
                    : RenderedMigrations.downOf(screened.migration()).statements();
            for (String problem : StatementCheck.problems(statements, screened.migration().canExecuteInTransaction())) {
                problems.add(screened.label() + " " + (screened.up() ? "up" : "down") + ": " + problem);
            }
        }
        if (!problems.isEmpty()) {
            throw DemeterException.userMistake("Not " + doing + ": PostgreSQL would refuse or silently change what"
                    + " these migrations run.\n  - " + String.join("\n  - ", problems) + "\nNothing was changed.");
        }
    }

    /** Refuses to roll back a database on another machine unless {@code options} confirm it by name. */
    void refuseUnconfirmedRollback(RollbackOptions options) {
        DatabaseTarget target = settings.target();
        if (!options.dryRun() && !target.isOnThisMachine() && !target.databaseName().equals(options.confirm())) {
            throw DemeterException.userMistake("Refusing to roll back " + target.hostAndPort() + "/"
                    + target.databaseName() + ", which is not on this machine, without confirmation. See the plan and"
                    + " its SQL with -Ddemeter.dryRun=true, then confirm with -Ddemeter.confirm=" + target.databaseName()
                    + ". Nothing was changed.");
        }
    }
}
