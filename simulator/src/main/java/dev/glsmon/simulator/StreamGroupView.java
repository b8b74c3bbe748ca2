package dev.glsmon.simulator;

import java.time.Instant;
import java.util.List;

/** An immutable snapshot of one stream group and the capacity use of each of its locations. */
public record StreamGroupView(
        String id,
        String arn,
        String description,
        String streamClass,
        String applicationArn,
        Instant createdAt,
        List<Location> locations) {

    public StreamGroupView {
        locations = List.copyOf(locations);
    }

    /**
     * @param name e.g. {@code us-west-2}
     * @param capacity the stream capacity in force now (scenario capacity times any incident factor)
     * @param allocated sessions holding a slot (placed and not yet ended)
     */
    public record Location(String name, int capacity, int allocated) {}

    public List<String> locationNames() {
        return locations.stream().map(Location::name).toList();
    }
}
