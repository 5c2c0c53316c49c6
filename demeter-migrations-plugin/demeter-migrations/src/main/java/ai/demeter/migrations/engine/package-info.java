/**
 * Migrate, rollback, current, history, validate, baseline, adopt, drift, offline SQL and verify, for every shell.
 * {@code MigrationEngine} is the façade; {@code HistoryReader} says where a database stands (from the history
 * agreement, or Flyway's scan), {@code Guards} refuse what must not run, {@code MigrateOperation} and
 * {@code RollbackOperation} change the database, {@code FlywayAdapter} is the only place that configures Flyway,
 * {@code MigrationScan} finds and creates the migration classes, {@code SchemaVerification} is the CI gate,
 * {@code MigrationScaffold} writes the files {@code authoring} gives the source of. Uses {@code api}, {@code internal},
 * {@code database}, {@code schema}, {@code authoring} and {@code safety}.
 */
package ai.demeter.migrations.engine;
