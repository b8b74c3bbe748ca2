package dev.glsmon.poller.groups;

import dev.glsmon.schemas.StreamGroupAssignment;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.gameliftstreams.GameLiftStreamsClient;
import software.amazon.awssdk.services.gameliftstreams.model.StreamGroupSummary;

/** ListStreamGroups (with the SDK's paginator) as the groups to poll. */
public final class StreamGroupDiscovery {

    private final GameLiftStreamsClient client;
    private final String region;
    private final Clock clock;

    public StreamGroupDiscovery(GameLiftStreamsClient client, String region, Clock clock) {
        this.client = client;
        this.region = region;
        this.clock = clock;
    }

    /** Every stream group of the account in this Region; throws the SDK's exception if listing fails. */
    public List<StreamGroupAssignment> discover() {
        List<StreamGroupAssignment> groups = new ArrayList<>();
        for (StreamGroupSummary summary : client.listStreamGroupsPaginator(b -> b.maxResults(100)).items()) {
            groups.add(StreamGroupAssignment.newBuilder()
                    .setStreamGroupId(summary.id())
                    .setArn(summary.arn())
                    .setRegion(region)
                    .setDescription(summary.description())
                    .setStatus(summary.statusAsString())
                    // the list item has no locations; GetStreamGroup per group is not worth its calls here
                    .setLocations(List.of())
                    .setDiscoveredAt(clock.instant())
                    .build());
        }
        return groups;
    }

    /** The assignment record for a configured group id (no API call). */
    public static StreamGroupAssignment configured(String streamGroupId, String region, Clock clock) {
        return StreamGroupAssignment.newBuilder()
                .setStreamGroupId(streamGroupId)
                .setRegion(region)
                .setLocations(List.of())
                .setDiscoveredAt(clock.instant())
                .build();
    }
}
