package dev.glsmon.simulator.scenario;

import dev.glsmon.simulator.LocationStatus;
import dev.glsmon.simulator.StatusReason;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * A scheduled disturbance. Offsets count from the scenario start (the virtual time at which the
 * simulator starts serving; warm-up runs before it).
 *
 * @param name shown in logs
 * @param location the affected location, or null for every location
 * @param streamGroupId the affected stream group, or null for every stream group
 * @param start offset of the first occurrence
 * @param duration how long each occurrence lasts
 * @param repeatEvery period of repetition, or null for a single occurrence
 * @param reasonMultipliers multiplies the weight (and so the rate) of a status reason, e.g.
 *     applicationExit x10; applies to activation errors and to CONNECTED endings
 * @param disconnectMultiplier multiplies the client disconnect rate
 * @param capacityFactor multiplies the stream capacity (0.3 = a 70% capacity drop)
 * @param arrivalMultiplier multiplies the session arrival rate
 * @param locationStatus the status the affected locations show while it lasts (ERROR: they place
 *     no session), or null to leave it
 * @param statusReason the stream group's StatusReason while a location it affects is in ERROR
 *     ({@code internalError} or {@code noAvailableInstances}; null: {@code internalError})
 */
public record IncidentSpec(
        String name,
        String location,
        String streamGroupId,
        Duration start,
        Duration duration,
        Duration repeatEvery,
        Map<StatusReason, Double> reasonMultipliers,
        double disconnectMultiplier,
        double capacityFactor,
        double arrivalMultiplier,
        LocationStatus locationStatus,
        String statusReason) {

    /** The StatusReason values the service gives a stream group. */
    public static final Set<String> GROUP_STATUS_REASONS = Set.of("internalError", "noAvailableInstances");

    public IncidentSpec {
        if (statusReason == null) {
            statusReason = "internalError";
        }
        if (!GROUP_STATUS_REASONS.contains(statusReason)) {
            throw new IllegalArgumentException("incident " + name + ": statusReason must be one of "
                    + GROUP_STATUS_REASONS + ", got " + statusReason);
        }
        reasonMultipliers = Map.copyOf(reasonMultipliers);
        if (start.isNegative()) {
            throw new IllegalArgumentException("incident " + name + ": start must be >= 0");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("incident " + name + ": duration must be positive");
        }
        if (repeatEvery != null && repeatEvery.compareTo(duration) <= 0) {
            throw new IllegalArgumentException("incident " + name + ": repeatEvery must be longer than duration");
        }
        for (double factor : new double[] {disconnectMultiplier, capacityFactor, arrivalMultiplier}) {
            if (!(factor >= 0) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException("incident " + name + ": factors must be >= 0");
            }
        }
        reasonMultipliers.forEach((reason, factor) -> {
            if (!(factor >= 0) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException("incident " + name + ": multiplier of " + reason + " must be >= 0");
            }
        });
    }

    /** True when this incident concerns sessions of that stream group in that location. */
    public boolean affects(String streamGroup, String loc) {
        return (location == null || location.equals(loc)) && (streamGroupId == null || streamGroupId.equals(streamGroup));
    }

    /** True when an occurrence is under way {@code offsetMillis} after the scenario start. */
    public boolean activeAt(long offsetMillis) {
        long since = offsetMillis - start.toMillis();
        if (since < 0) {
            return false;
        }
        if (repeatEvery != null) {
            since %= repeatEvery.toMillis();
        }
        return since < duration.toMillis();
    }
}
