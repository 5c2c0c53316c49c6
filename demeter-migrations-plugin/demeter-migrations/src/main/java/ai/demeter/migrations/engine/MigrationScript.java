package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.Backfill;
import ai.demeter.migrations.api.DemeterException;
import java.nio.file.Path;
import java.util.List;

/**
 * The SQL a migrate or rollback range would run, as one script for {@code psql -1 -f}, rendered from the code with
 * no database: each migration's statements, and the history bookkeeping a real run does (Flyway's history row with
 * the same checksum on the way up; its removal and Demeter's audit row on the way down), so that a database the
 * script migrated is indistinguishable from one {@code migrate} did. The same code renders the same bytes on any
 * machine, locale and time zone: nothing in it depends on the clock or the environment.
 * <p>
 * A migration that must run outside a transaction cannot be part of the script's single transaction; the script
 * stops before it and says what to do by hand. A backfill is such a migration: its batches and resumable progress
 * are the engine's, so the script names it and stops there.
 */
public final class MigrationScript {

    private MigrationScript() {
    }

    /**
     * The script of {@code range} over the migrations at {@code locations} as {@code migrations} loads them: what
     * {@code demeter:sql} and the migrations jar's {@code sql} command print or write.
     */
    public static String render(ClassLoader migrations, List<String> locations, ScriptRange range,
            FlywayHistoryTable history) {
        return render(MigrationScan.resolve(migrations, locations), range, history);
    }

    /** What a front end says once it wrote the script to {@code file}. */
    public static String writtenNotice(ScriptRange range, Path file) {
        return "Wrote the SQL of " + range.describe() + " to " + file + ". Review it, then run it with psql -1 -f "
                + file.getFileName() + ".";
    }

    public static String render(List<CodeMigration> code, ScriptRange range, FlywayHistoryTable history) {
        List<CodeMigration> migrations = range.select(code);
        StringBuilder script = new StringBuilder();
        script.append("\\set ON_ERROR_STOP on\n");
        script.append("-- Demeter migration script: ").append(range.describe()).append(", ")
                .append(count(migrations.size())).append(".\n");
        script.append("-- Rendered from the migration code with no database. Run it as one transaction:"
                + " psql -1 -f <file>.\n");
        script.append("-- It keeps ").append(history.quotedName()).append(" as demeter:")
                .append(range.direction() == ScriptRange.Direction.UP ? "migrate" : "rollback")
                .append(" does, so later goals see the result as their own.\n\n");
        script.append("-- Flyway's lock, as the goals take it: a concurrent migrate or rollback waits for this script.\n");
        script.append("select pg_advisory_xact_lock(").append(history.lockKey()).append(");\n");
        if (range.direction() == ScriptRange.Direction.UP) {
            if (range.from() == null || range.from().equals("base")) {
                createHistoryTable(script, history);
            }
            for (CodeMigration migration : migrations) {
                if (!up(script, migration, history)) {
                    break;
                }
            }
        } else {
            RollbackJournal journal = new RollbackJournal(history.schema());
            for (CodeMigration migration : migrations) {
                if (!down(script, migration, history, journal)) {
                    break;
                }
            }
        }
        return script.toString();
    }

    private static boolean up(StringBuilder script, CodeMigration migration, FlywayHistoryTable history) {
        List<String> statements = migration.migration().renderUp();
        if (!migration.migration().canExecuteInTransaction()) {
            stopOutsideTransaction(script, migration, statements, "up");
            return false;
        }
        script.append("\n-- ").append(migration.label()).append('\n');
        statements.forEach(statement -> script.append(statement).append(";\n"));
        script.append(history.insertAppliedSql(migration)).append(";\n");
        return true;
    }

    private static boolean down(StringBuilder script, CodeMigration migration, FlywayHistoryTable history,
            RollbackJournal journal) {
        if (!migration.migration().isReversible()) {
            throw DemeterException.userMistake(migration.migration().irreversibilityReason().orElseThrow()
                    + " No script was written.");
        }
        List<String> statements = migration.migration().renderDown();
        if (!migration.migration().canExecuteInTransaction()) {
            stopOutsideTransaction(script, migration, statements, "down");
            return false;
        }
        script.append("\n-- ").append(migration.label()).append(": down\n");
        statements.forEach(statement -> script.append(statement).append(";\n"));
        script.append("delete from ").append(history.quotedName()).append(" where \"version\" = ")
                .append(FlywayHistoryTable.literal(migration.version().getVersion())).append(";\n");
        journal.recordStatements(migration.version().getVersion(), migration.description(), 0)
                .forEach(statement -> script.append(statement).append(";\n"));
        return true;
    }

    private static void stopOutsideTransaction(StringBuilder script, CodeMigration migration,
            List<String> statements, String direction) {
        String why = statements.stream().anyMatch(Backfill::isMarker)
                ? " backfills a table in batches, each a transaction of its own, keeping\n-- its progress so that an"
                        + " interrupted run resumes; a script cannot. Commit what came before,"
                : " must run outside a transaction, which\n-- psql -1 cannot give it. Commit what came before,";
        script.append("\n-- The script stops here. ").append(migration.label()).append(" (").append(direction)
                .append(")").append(why).append(" run it with demeter:").append(direction.equals("up") ? "migrate" : "rollback")
                .append(", then render the rest\n-- with -Ddemeter.from=").append(migration.version().getVersion())
                .append(". Its statements, for review:\n");
        statements.forEach(statement -> script.append("--   ").append(statement.replace("\n", "\n--   "))
                .append(";\n"));
    }

    /** Flyway's history table as {@code migrate} creates it on a database that has none. */
    private static void createHistoryTable(StringBuilder script, FlywayHistoryTable history) {
        script.append("\n-- Flyway's history table, as demeter:migrate creates it on a database without one.\n");
        script.append(history.createSql()).append(";\n");
    }

    private static String count(int migrations) {
        return migrations == 1 ? "1 migration" : migrations + " migrations";
    }

}
