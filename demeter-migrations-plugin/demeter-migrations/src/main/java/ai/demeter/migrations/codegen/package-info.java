/**
 * jOOQ code generation from a freshly migrated throwaway database, skipped when its inputs are unchanged
 * ({@code InputFingerprint}), with the JTS geometry binding the project ships. Uses {@code engine} to migrate,
 * and {@code api}, {@code database}, {@code internal}.
 */
package ai.demeter.migrations.codegen;
