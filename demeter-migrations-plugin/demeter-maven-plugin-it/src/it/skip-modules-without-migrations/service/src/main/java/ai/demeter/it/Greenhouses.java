package ai.demeter.it;

/** A module without migrations: demeter goals run from the root skip it. */
public final class Greenhouses {
    private Greenhouses() {
    }
}
