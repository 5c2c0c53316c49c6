/**
 * Migration classes as their sources are now: compiling a module's migration sources when its build output is
 * older ({@code MigrationCompiler}) and loading them beside the engine ({@code MigrationClassLoader}), so goals run
 * what the developer sees. Uses {@code api} and {@code internal} only.
 */
package ai.demeter.migrations.sources;
