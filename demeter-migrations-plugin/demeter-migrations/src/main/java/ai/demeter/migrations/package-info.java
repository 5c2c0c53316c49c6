/**
 * Demeter's migrations library. {@link ai.demeter.migrations.Demeter} is the start-up API an application calls
 * ({@code Demeter.configure().dataSource(ds).load().migrate()}); migration authors use {@code api}. The packages,
 * lowest first, each importing only those below it: {@code api}, {@code internal}; {@code database},
 * {@code sources}; {@code schema}; {@code safety}; {@code engine}; {@code codegen}. The Maven plugin, the command
 * line and the JUnit kit are shells over {@code engine}. docs/architecture.md draws it.
 */
package ai.demeter.migrations;
