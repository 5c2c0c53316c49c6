package ai.demeter.migrations.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Checks, inside each migration's transaction and under Flyway's lock, that the history in the database is still
 * the one Flyway planned from. Flyway reads the history before it waits for its lock and afterwards only notices
 * rows added since, never rows deleted: a rollback that ran meanwhile would leave it applying a migration over a
 * schema whose older migrations are gone (or applying one twice). The guard refuses that migration before any of
 * its SQL runs; the engine then reads the history again with a fresh Flyway.
 */
final class HistoryGuard implements Callback {
    private final FlywayHistoryTable history;
    private final List<MigrationVersion> codeVersions;
    private int applied;

    /** @param codeVersions the versions of the migrations in the code */
    HistoryGuard(FlywayHistoryTable history, List<MigrationVersion> codeVersions) {
        this.history = history;
        this.codeVersions = List.copyOf(codeVersions);
    }

    /** Thrown (through Flyway) when the history changed under a planned migration; nothing of it ran. */
    static final class HistoryChanged extends RuntimeException {
        HistoryChanged(String message) {
            super(message);
        }

        /** The guard's refusal in {@code failure}'s causes, if that is what stopped Flyway. */
        static HistoryChanged in(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof HistoryChanged changed) {
                    return changed;
                }
            }
            return null;
        }
    }

    /** How many migrations this Flyway run applied before it ended. */
    int applied() {
        return applied;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        MigrationVersion next = context.getMigrationInfo().getVersion();
        if (event == Event.AFTER_EACH_MIGRATE) {
            applied++;
            return;
        }
        if (next == null) {
            return;
        }
        Set<MigrationVersion> recorded = new HashSet<>();
        MigrationVersion baseline = MigrationVersion.EMPTY;
        try (Statement statement = context.getConnection().createStatement();
             ResultSet rows = statement.executeQuery("select version, type from " + history.quotedName()
                     + " where success and version is not null")) {
            while (rows.next()) {
                MigrationVersion version = MigrationVersion.fromVersion(rows.getString(1));
                recorded.add(version);
                if ("BASELINE".equals(rows.getString(2)) && version.compareTo(baseline) > 0) {
                    baseline = version;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read " + history.quotedName() + ": " + e.getMessage(), e);
        }
        MigrationVersion below = baseline;
        List<MigrationVersion> missing = codeVersions.stream()
                .filter(version -> version.compareTo(below) > 0 && version.compareTo(next) < 0)
                .filter(version -> !recorded.contains(version))
                .toList();
        if (recorded.contains(next) || !missing.isEmpty()) {
            throw new HistoryChanged("V" + next + " was planned from a history that changed while migrate waited for"
                    + " Flyway's lock (" + (recorded.contains(next) ? "V" + next + " is applied now"
                    : "V" + missing.get(missing.size() - 1) + " is no longer applied") + ").");
        }
    }

    @Override
    public String getCallbackName() {
        return "demeter-history-guard";
    }
}
