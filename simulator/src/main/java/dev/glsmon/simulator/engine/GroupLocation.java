package dev.glsmon.simulator.engine;

import dev.glsmon.simulator.scenario.LifecycleParams;
import java.util.SplittableRandom;

/**
 * One location of one stream group: capacity, arrival process and its own random stream, so the
 * traffic of one location does not shift when another location changes.
 */
final class GroupLocation {

    final StreamGroup group;
    final String location;
    final int baseCapacity;
    final double arrivalsPerMinute;
    final LifecycleParams lifecycle;
    final SplittableRandom random;
    /** Sessions holding a capacity slot. */
    int allocated;
    /** Bumped to cancel the scheduled arrival when the arrival rate changes. */
    int arrivalGeneration;

    GroupLocation(StreamGroup group, String location, int baseCapacity, double arrivalsPerMinute,
            LifecycleParams lifecycle, SplittableRandom random) {
        this.group = group;
        this.location = location;
        this.baseCapacity = baseCapacity;
        this.arrivalsPerMinute = arrivalsPerMinute;
        this.lifecycle = lifecycle;
        this.random = random;
    }
}
