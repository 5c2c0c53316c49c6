/**
 * Catalog snapshots of a live schema read from {@code pg_catalog} ({@code SchemaSnapshot}, {@code CatalogReader}):
 * facts that mean the same on every supported PostgreSQL version, their differences, and the schema listing and ERD
 * ({@code SchemaDocs}). Uses {@code api}, {@code database} and {@code internal}.
 */
package ai.demeter.migrations.schema;
