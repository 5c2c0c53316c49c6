/**
 * Deploy safety, checked by {@code demeter:verify}: the locks, rewrites and validating scans each migration really
 * causes on tables that already exist, and the schema changes that break the release still running during a
 * rolling deploy. Findings in migrations not yet released fail verify unless the migration accepts them
 * ({@link ai.demeter.migrations.api.AcceptHazard}).
 */
package ai.demeter.migrations.safety;
