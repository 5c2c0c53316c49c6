/**
 * What a migration author writes against: {@link ai.demeter.migrations.api.DemeterMigration} (up/down, or
 * {@code change()} inverted automatically), {@link ai.demeter.migrations.api.AlembicRevision},
 * {@link ai.demeter.migrations.api.AcceptHazard}, {@link ai.demeter.migrations.api.StatementLockTimeout},
 * {@link ai.demeter.migrations.api.Backfill} (a large table filled in resumable keyset batches), and the errors.
 * Also what the engine needs from a migration as it runs one: the recording of its SQL with no database
 * ({@code RenderedMigrations}) for checksums and offline scripts, the observer verify watches it with, and where
 * its backfills keep their progress ({@code BackfillProgress}) and report ({@code BackfillContext}); migration code
 * has no use for those. Depends on jOOQ and {@code internal} only.
 */
package ai.demeter.migrations.api;
