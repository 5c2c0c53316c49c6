/**
 * The Maven goals (prefix {@code demeter}): each reads its parameters, builds the engine's settings and calls the
 * library; Maven stays here. {@code AbstractDemeterMojo} owns the class path of the migrations and the properties a
 * goal reads itself (credentials never become goal parameters, which {@code -X} prints).
 */
package ai.demeter.migrations.maven;
