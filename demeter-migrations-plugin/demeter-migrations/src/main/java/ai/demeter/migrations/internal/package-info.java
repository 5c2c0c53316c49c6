/**
 * Small helpers every other package of the library shares: SQL quoting, SHA-256 fingerprints, lazily made values. Not part of
 * Demeter's API: applications and migrations must not use it. It depends on nothing else of Demeter.
 */
package ai.demeter.migrations.internal;
