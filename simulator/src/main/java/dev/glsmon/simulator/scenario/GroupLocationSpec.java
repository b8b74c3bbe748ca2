package dev.glsmon.simulator.scenario;

/**
 * One location of a stream group: its stream capacity, the Poisson arrival rate of new sessions, and
 * the lifecycle resolved from the scenario defaults, the location and the stream group.
 *
 * @param capacity the most sessions the location can host (the service's MaximumCapacity; always-on
 *     plus on-demand)
 * @param alwaysOnCapacity the part of {@code capacity} that is always on (the rest is on-demand)
 * @param targetIdleCapacity the idle buffer the group asks for (reported, see the README)
 */
public record GroupLocationSpec(String location, int capacity, int alwaysOnCapacity, int targetIdleCapacity,
        double arrivalsPerMinute, LifecycleParams lifecycle) {

    public GroupLocationSpec {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("a stream group location needs a name");
        }
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0 in " + location);
        }
        if (alwaysOnCapacity < 0 || alwaysOnCapacity > capacity) {
            throw new IllegalArgumentException("alwaysOnCapacity must be between 0 and capacity in " + location);
        }
        if (targetIdleCapacity < 0) {
            throw new IllegalArgumentException("targetIdleCapacity must be >= 0 in " + location);
        }
        if (!(arrivalsPerMinute >= 0) || Double.isInfinite(arrivalsPerMinute)) {
            throw new IllegalArgumentException("arrivalsPerMinute must be >= 0 in " + location);
        }
    }
}
