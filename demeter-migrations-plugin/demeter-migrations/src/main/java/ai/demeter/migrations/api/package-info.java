/**
 * What a migration author writes against: {@link ai.demeter.migrations.api.DemeterMigration} (up/down, or
 * {@code change()} inverted automatically), {@link ai.demeter.migrations.api.AlembicRevision},
 * {@link ai.demeter.migrations.api.AcceptHazard}, {@link ai.demeter.migrations.api.StatementLockTimeout},
 * {@link ai.demeter.migrations.api.Backfill} (a large table filled in resumable keyset batches, run by
 * {@code BackfillRun}, its progress kept by {@link ai.demeter.migrations.api.BackfillProgress}), and the errors. Also the recording of a migration's SQL with no database ({@code RenderedMigrations}), which the engine
 * uses for checksums and offline scripts. Depends on jOOQ only; nothing else of Demeter.
 */
package ai.demeter.migrations.api;
