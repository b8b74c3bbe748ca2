package dev.glsmon.simulator.engine;

import dev.glsmon.simulator.LocationStatus;
import dev.glsmon.simulator.StatusReason;
import dev.glsmon.simulator.scenario.IncidentSpec;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The combined effect of the incidents under way for one stream group location at one moment. */
record Effects(double capacityFactor, double arrivalMultiplier, double disconnectMultiplier,
        Map<StatusReason, Double> reasonMultipliers, LocationStatus locationStatus, String groupStatusReason) {

    static final Effects NONE = new Effects(1, 1, 1, Map.of(), LocationStatus.ACTIVE, null);

    /** Multiplies the factors of every incident active {@code offsetMillis} after the scenario start. */
    static Effects at(List<IncidentSpec> incidents, String groupId, String location, long offsetMillis) {
        Effects result = NONE;
        for (IncidentSpec incident : incidents) {
            if (incident.affects(groupId, location) && incident.activeAt(offsetMillis)) {
                Map<StatusReason, Double> reasons = new EnumMap<>(StatusReason.class);
                reasons.putAll(result.reasonMultipliers);
                incident.reasonMultipliers().forEach((r, m) -> reasons.merge(r, m, (a, b) -> a * b));
                result = new Effects(
                        result.capacityFactor * incident.capacityFactor(),
                        result.arrivalMultiplier * incident.arrivalMultiplier(),
                        result.disconnectMultiplier * incident.disconnectMultiplier(),
                        reasons,
                        incident.locationStatus() != null ? incident.locationStatus() : result.locationStatus,
                        incident.locationStatus() != null ? incident.statusReason() : result.groupStatusReason);
            }
        }
        return result;
    }

    /** A location in ERROR places no session: its capacity in force is 0. */
    boolean placesNothing() {
        return locationStatus == LocationStatus.ERROR;
    }

    double reason(StatusReason reason) {
        return reasonMultipliers.getOrDefault(reason, 1.0);
    }
}
