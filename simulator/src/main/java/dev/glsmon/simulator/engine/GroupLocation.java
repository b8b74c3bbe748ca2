package dev.glsmon.simulator.engine;

import dev.glsmon.simulator.LocationStatus;
import dev.glsmon.simulator.scenario.LifecycleParams;
import java.util.SplittableRandom;

/**
 * One location of one stream group: capacity, arrival process and its own random stream, so the
 * traffic of one location does not shift when another location changes.
 */
final class GroupLocation {

    final StreamGroup group;
    final String location;
    /** MaximumCapacity: always-on plus on-demand. */
    final int baseCapacity;
    final int alwaysOnCapacity;
    final int targetIdleCapacity;
    final double arrivalsPerMinute;
    final LifecycleParams lifecycle;
    final SplittableRandom random;
    /** Sessions holding a capacity slot. */
    int allocated;
    /** What GetStreamGroup shows; changed only at incident boundaries. */
    LocationStatus status = LocationStatus.ACTIVE;
    /** Bumped to cancel the scheduled arrival when the arrival rate changes. */
    int arrivalGeneration;

    GroupLocation(StreamGroup group, String location, int baseCapacity, int alwaysOnCapacity, int targetIdleCapacity,
            double arrivalsPerMinute, LifecycleParams lifecycle, SplittableRandom random) {
        this.group = group;
        this.location = location;
        this.baseCapacity = baseCapacity;
        this.alwaysOnCapacity = alwaysOnCapacity;
        this.targetIdleCapacity = targetIdleCapacity;
        this.arrivalsPerMinute = arrivalsPerMinute;
        this.lifecycle = lifecycle;
        this.random = random;
    }
}
