package dev.glsmon.poller.streamgroup;

import dev.glsmon.poller.aws.UnmodelledLocationCapacities;
import dev.glsmon.schemas.LocationCapacity;
import dev.glsmon.schemas.StreamGroupSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.gameliftstreams.model.GetStreamGroupResponse;
import software.amazon.awssdk.services.gameliftstreams.model.LocationState;

/**
 * A GetStreamGroup answer as a {@link StreamGroupSnapshot}. Statuses and the reason are taken with
 * the SDK's {@code *AsString()} accessors, so a value this SDK version does not know is carried
 * unchanged; capacities the SDK does not model come from {@link UnmodelledLocationCapacities}.
 */
final class StreamGroupSnapshotMapper {

    private StreamGroupSnapshotMapper() {}

    /**
     * @param streamGroupId the id that was asked for (the answer's {@code Id} where it has one)
     * @throws IllegalArgumentException when the answer has no Status: nothing to report
     */
    static StreamGroupSnapshot of(String streamGroupId, GetStreamGroupResponse r, String region, Instant observedAt,
            String pollerId) {
        if (r.statusAsString() == null || r.statusAsString().isEmpty()) {
            throw new IllegalArgumentException("GetStreamGroup answered without a Status for " + streamGroupId);
        }
        Map<String, String> captured = UnmodelledLocationCapacities.of(r);
        List<LocationCapacity> locations = new ArrayList<>();
        for (LocationState state : r.locationStates()) {
            if (state.locationName() == null) {
                continue; // nothing to key it by; the other locations still count
            }
            locations.add(LocationCapacity.newBuilder()
                    .setLocation(state.locationName())
                    .setStatus(state.statusAsString())
                    .setAlwaysOnCapacity(state.alwaysOnCapacity())
                    .setOnDemandCapacity(state.onDemandCapacity())
                    .setTargetIdleCapacity(UnmodelledLocationCapacities.capacity(
                            state, UnmodelledLocationCapacities.TARGET_IDLE_CAPACITY, captured))
                    .setMaximumCapacity(UnmodelledLocationCapacities.capacity(
                            state, UnmodelledLocationCapacities.MAXIMUM_CAPACITY, captured))
                    .setRequestedCapacity(state.requestedCapacity())
                    .setAllocatedCapacity(state.allocatedCapacity())
                    .setIdleCapacity(state.idleCapacity())
                    .build());
        }
        return StreamGroupSnapshot.newBuilder()
                .setStreamGroupId(r.id() != null ? r.id() : streamGroupId)
                .setArn(r.arn())
                .setRegion(region)
                .setStatus(r.statusAsString())
                .setStatusReason(r.statusReasonAsString())
                .setLastUpdatedAt(r.lastUpdatedAt())
                .setLocations(locations)
                .setObservedAt(observedAt)
                .setPollerId(pollerId)
                .build();
    }

    /** Whether the two say the same, apart from when and by whom they were observed. */
    static boolean sameState(StreamGroupSnapshot a, StreamGroupSnapshot b) {
        return a != null && b != null && withoutObservation(a).equals(withoutObservation(b));
    }

    private static StreamGroupSnapshot withoutObservation(StreamGroupSnapshot s) {
        return StreamGroupSnapshot.newBuilder(s).setObservedAt(Instant.EPOCH).setPollerId(null).build();
    }
}
