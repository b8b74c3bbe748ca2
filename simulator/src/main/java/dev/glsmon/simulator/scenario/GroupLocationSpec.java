package dev.glsmon.simulator.scenario;

/**
 * One location of a stream group: its stream capacity, the Poisson arrival rate of new sessions, and
 * the lifecycle resolved from the scenario defaults, the location and the stream group.
 */
public record GroupLocationSpec(String location, int capacity, double arrivalsPerMinute, LifecycleParams lifecycle) {

    public GroupLocationSpec {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("a stream group location needs a name");
        }
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0 in " + location);
        }
        if (!(arrivalsPerMinute >= 0) || Double.isInfinite(arrivalsPerMinute)) {
            throw new IllegalArgumentException("arrivalsPerMinute must be >= 0 in " + location);
        }
    }
}
