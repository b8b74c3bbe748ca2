package dev.glsmon.simulator;

import java.time.Instant;
import java.util.List;

/**
 * An immutable snapshot of one stream group, its status and the capacity of each of its locations.
 *
 * @param statusReason {@code internalError} or {@code noAvailableInstances} while the status is not
 *     ACTIVE, else null
 */
public record StreamGroupView(
        String id,
        String arn,
        String description,
        String streamClass,
        String applicationArn,
        Instant createdAt,
        Instant lastUpdatedAt,
        StreamGroupStatus status,
        String statusReason,
        List<Location> locations) {

    public StreamGroupView {
        locations = List.copyOf(locations);
    }

    /**
     * One location's state as GetStreamGroup shows it.
     *
     * @param name e.g. {@code us-west-2}
     * @param alwaysOn the always-on part of the configured capacity
     * @param onDemand the on-demand part of the configured capacity
     * @param targetIdle the idle buffer the group asks for
     * @param maximum always-on plus on-demand: the most the location may host
     * @param requested what the group requests (always-on plus on-demand)
     * @param allocated sessions holding capacity (placed and not yet ended)
     * @param idle what placement can still use now: the capacity in force (maximum times any
     *     incident's factor, 0 in ERROR) less {@code allocated}, never below 0
     */
    public record Location(String name, LocationStatus status, int alwaysOn, int onDemand, int targetIdle, int maximum,
            int requested, int allocated, int idle) {}

    public List<String> locationNames() {
        return locations.stream().map(Location::name).toList();
    }
}
