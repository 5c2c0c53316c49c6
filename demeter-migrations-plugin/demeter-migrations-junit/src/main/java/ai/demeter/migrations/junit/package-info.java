/**
 * The JUnit 5 kit: {@code @MigratedDatabase} gives each test class its own database at head (or a given version),
 * copied from a template migrated once per test run on a throwaway cluster.
 */
package ai.demeter.migrations.junit;
