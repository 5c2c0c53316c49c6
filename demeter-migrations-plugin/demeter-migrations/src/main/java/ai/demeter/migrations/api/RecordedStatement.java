package ai.demeter.migrations.api;

import org.jooq.Query;

/**
 * One statement a migration's code executed against a recording connection: jOOQ's query object (what the
 * statement means) and the SQL it rendered (what a reader sees). {@code query} is {@code null} for the rare
 * statement jOOQ runs without one.
 */
record RecordedStatement(Query query, String sql) {
}
