package dev.glsmon.simulator;

/** The status of one location of a stream group, spelled on the wire as {@link #name()}. */
public enum LocationStatus {
    ACTIVATING,
    ACTIVE,
    ERROR,
    REMOVING
}
