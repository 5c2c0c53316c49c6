/**
 * The runnable migrations jar's command line (picocli): migrate, rollback, current, history, validate and sql over
 * the same engine as the Maven goals, with exit codes 0 (done), 1 (refused), 2 (bad usage), 3 (fault).
 */
package ai.demeter.migrations.cli;
