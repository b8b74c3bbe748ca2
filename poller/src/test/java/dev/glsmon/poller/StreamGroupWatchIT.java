package dev.glsmon.poller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.broker.KafkaBroker;
import dev.glsmon.broker.KafkaBrokerExtension;
import dev.glsmon.poller.aws.ApiOperations;
import dev.glsmon.poller.streamgroup.StreamGroupWatch;
import dev.glsmon.poller.streamgroup.StreamGroupWatchMetrics.Outcome;
import dev.glsmon.schemas.LocationCapacity;
import dev.glsmon.schemas.StreamGroupSnapshot;
import dev.glsmon.simulator.ApiOperation;
import dev.glsmon.simulator.OperationFaults;
import dev.glsmon.simulator.scenario.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** GetStreamGroup rounds against the simulator over HTTP, publishing to a real broker. */
@ExtendWith(KafkaBrokerExtension.class)
class StreamGroupWatchIT {

    private static final String BUSY = "sg-GRPS0test";
    private static final String QUIET = "sg-QUIET0one";
    /** BUSY's us-east-1 goes to ERROR from minute 10 to 20; QUIET never changes (no arrivals, no incident). */
    private static final String SCENARIO = """
            {"name": "watch",
             "lifecycle": {"activationErrorProbability": 0, "connectedMean": "PT10H"},
             "streamGroups": [
               {"id": "sg-GRPS0test", "locations": [
                 {"name": "us-east-1", "capacity": 400, "alwaysOnCapacity": 10, "targetIdleCapacity": 3, "arrivalsPerMinute": 2},
                 {"name": "eu-central-1", "capacity": 20, "alwaysOnCapacity": 5, "targetIdleCapacity": 2}]},
               {"id": "sg-QUIET0one", "locations": [{"name": "us-west-2", "capacity": 7}]}],
             "incidents": [{"name": "us-east-1 down", "location": "us-east-1", "streamGroup": "sg-GRPS0test",
                            "start": "PT10M", "duration": "PT10M", "locationStatus": "ERROR",
                            "statusReason": "noAvailableInstances"}]}
            """;

    private Testbed bed;

    @BeforeEach
    void start(KafkaBroker broker) {
        bed = new Testbed(broker.bootstrapServers(), Scenario.parse(SCENARIO));
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void publishesAGroupOnceWhenItChangesAndNeverRepublishesAnUnchangedOne() throws Exception {
        PollerApp app = bed.manualApp(bed.config().streamGroups(List.of(BUSY, QUIET)).build());
        StreamGroupWatch watch = app.streamGroupWatch().orElseThrow();

        Map<Outcome, Integer> first = watch.pollOnce();
        Map<Outcome, Integer> again = watch.pollOnce();
        bed.clock.advance(Duration.ofMinutes(11)); // us-east-1 of BUSY in ERROR since minute 10
        Map<Outcome, Integer> during = watch.pollOnce();

        assertThat(first).isEqualTo(Map.of(Outcome.PUBLISHED, 2));
        assertThat(again).isEqualTo(Map.of(Outcome.UNCHANGED, 2));
        assertThat(during).isEqualTo(Map.of(Outcome.PUBLISHED, 1, Outcome.UNCHANGED, 1));
        assertThat(bed.sim.requests().count(ApiOperation.GET_STREAM_GROUP)).isEqualTo(6);
        List<Testbed.Located<StreamGroupSnapshot>> records = bed.read(bed.topics.streamGroupSnapshots());
        assertThat(records).filteredOn(r -> r.key().equals(QUIET)).hasSize(1);
        List<StreamGroupSnapshot> busy = records.stream().filter(r -> r.key().equals(BUSY)).map(Testbed.Located::value).toList();
        assertThat(busy).extracting(StreamGroupSnapshot::getStatus).containsExactly("ACTIVE", "ACTIVE_WITH_ERRORS");
        assertThat(busy.get(0).getStatusReason()).isNull();
        StreamGroupSnapshot last = busy.get(1);
        assertThat(last.getStatusReason()).isEqualTo("noAvailableInstances");
        assertThat(last.getRegion()).isEqualTo("us-west-2");
        assertThat(last.getLocations()).extracting(LocationCapacity::getLocation, LocationCapacity::getStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("us-east-1", "ERROR"),
                        org.assertj.core.groups.Tuple.tuple("eu-central-1", "ACTIVE"));
        LocationCapacity east = last.getLocations().get(0);
        // TargetIdleCapacity and MaximumCapacity are not in SDK 2.40.2's model: read from the body
        assertThat(east.getTargetIdleCapacity()).isEqualTo(3);
        assertThat(east.getMaximumCapacity()).isEqualTo(400);
        assertThat(east.getAlwaysOnCapacity()).isEqualTo(10);
        assertThat(east.getOnDemandCapacity()).isEqualTo(390);
        assertThat(east.getRequestedCapacity()).isEqualTo(400);
        assertThat(east.getIdleCapacity()).as("a location in ERROR places nothing").isZero();
        assertThat(east.getAllocatedCapacity()).isPositive();
        assertThat(last.getLocations().get(1).getTargetIdleCapacity()).isEqualTo(2);
        assertThat(last.getLocations().get(1).getMaximumCapacity()).isEqualTo(20);
    }

    @Test
    void aThrottledGroupLowersThePaceAndIsAskedAgainNextRound() throws Exception {
        PollerApp app = bed.manualApp(bed.config().streamGroups(List.of(QUIET)).maxAttempts(2).build());
        StreamGroupWatch watch = app.streamGroupWatch().orElseThrow();
        double pace = app.rateLimits().currentRate(ApiOperations.GET_STREAM_GROUP);
        bed.sim.faults().set(ApiOperation.GET_STREAM_GROUP, OperationFaults.NONE.withThrottleProbability(1.0));

        Map<Outcome, Integer> throttled = watch.pollOnce();
        double lowered = app.rateLimits().currentRate(ApiOperations.GET_STREAM_GROUP);
        bed.sim.faults().set(ApiOperation.GET_STREAM_GROUP, OperationFaults.NONE);
        Map<Outcome, Integer> next = watch.pollOnce();

        assertThat(throttled).isEqualTo(Map.of(Outcome.THROTTLED, 1));
        assertThat(lowered).isLessThan(pace);
        assertThat(next).isEqualTo(Map.of(Outcome.PUBLISHED, 1));
        assertThat(bed.values(bed.topics.streamGroupSnapshots())).hasSize(1);
    }
}
