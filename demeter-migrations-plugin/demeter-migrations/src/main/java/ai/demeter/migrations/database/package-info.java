/**
 * Where a database comes from: a URL and credentials resolved from parameters, the environment, {@code .env} or
 * {@code settings.xml} ({@code TargetResolver}); the embedded dev database under {@code .demeter/}; throwaway
 * databases from local PostgreSQL installations of any major version ({@code PostgresInstallation},
 * {@code LocalProvider}) or Docker ({@code DockerProvider}). Passwords are masked here ({@code Secrets}). Uses
 * {@code api} and {@code internal} only.
 */
package ai.demeter.migrations.database;
