package dev.glsmon.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.simulator.scenario.Scenario;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.gameliftstreams.GameLiftStreamsClient;
import software.amazon.awssdk.services.gameliftstreams.model.GetStreamGroupResponse;
import software.amazon.awssdk.services.gameliftstreams.model.LocationState;
import software.amazon.awssdk.services.gameliftstreams.model.StreamGroupLocationStatus;
import software.amazon.awssdk.services.gameliftstreams.model.StreamGroupStatusReason;

/** GetStreamGroup's statuses and capacities, as the SDK reads them, against the scenario and the truth log. */
class StreamGroupStatusTest {

    /** us-east-1 goes to ERROR from minute 10 to 20; eu-central-1 loses 70% of its capacity from minute 5 to 25. */
    private static final String SCENARIO = """
            {"name": "groups",
             "lifecycle": {"activationErrorProbability": 0, "connectedMean": "PT10H", "sessionLengthSeconds": 86400},
             "streamGroups": [{"id": "sg-GRPS0test", "locations": [
                 {"name": "us-east-1", "capacity": 400, "alwaysOnCapacity": 10, "targetIdleCapacity": 3, "arrivalsPerMinute": 4},
                 {"name": "eu-central-1", "capacity": 20, "alwaysOnCapacity": 5, "targetIdleCapacity": 2, "arrivalsPerMinute": 3}]}],
             "incidents": [
                 {"name": "us-east-1 down", "location": "us-east-1", "start": "PT10M", "duration": "PT10M",
                  "locationStatus": "ERROR", "statusReason": "noAvailableInstances"},
                 {"name": "eu-central-1 capacity drop", "location": "eu-central-1", "start": "PT5M", "duration": "PT20M",
                  "capacityFactor": 0.3}]}
            """;

    private final ManualClock clock = new ManualClock(SimulatorFixture.START);
    private final Simulator sim = Simulator.builder().scenario(Scenario.parse(SCENARIO)).seed(11).clock(clock).start();
    private final GameLiftStreamsClient client = Sdk.client(sim);

    @AfterEach
    void close() {
        client.close();
        sim.close();
    }

    @Test
    void everyFieldTheSdkModelsParsesWithAValue() {
        clock.advance(Duration.ofMinutes(12)); // us-east-1 in ERROR: the group shows a StatusReason

        GetStreamGroupResponse r = client.getStreamGroup(b -> b.identifier("sg-GRPS0test"));

        assertEveryFieldSet(r);
        assertThat(r.locationStates()).hasSize(2).allSatisfy(StreamGroupStatusTest::assertEveryFieldSet);
        assertThat(r.statusReason()).isEqualTo(StreamGroupStatusReason.NO_AVAILABLE_INSTANCES);
        assertThat(r.locationStates()).extracting(LocationState::status)
                .containsExactly(StreamGroupLocationStatus.ERROR, StreamGroupLocationStatus.ACTIVE);
    }

    @Test
    void locationStatesCarryTheConfiguredCapacityAndWhatPlacementCanStillUse() throws Exception {
        clock.advance(Duration.ofMinutes(4));
        LocationState east = location(client.getStreamGroup(b -> b.identifier("sg-GRPS0test")), "us-east-1");
        LocationState before = location(client.getStreamGroup(b -> b.identifier("sg-GRPS0test")), "eu-central-1");
        clock.advance(Duration.ofMinutes(8)); // the capacity drop: 20 x 0.3 = 6 in force
        LocationState during = location(client.getStreamGroup(b -> b.identifier("sg-GRPS0test")), "eu-central-1");
        StreamGroupView.Location truth = sim.control().streamGroups().stream()
                .filter(g -> g.id().equals("sg-GRPS0test")).findFirst().orElseThrow()
                .locations().get(1);

        assertThat(east.alwaysOnCapacity()).isEqualTo(10);
        assertThat(east.onDemandCapacity()).isEqualTo(390);
        assertThat(east.idleCapacity()).isEqualTo(400 - east.allocatedCapacity());
        assertThat(before.alwaysOnCapacity()).isEqualTo(5);
        assertThat(before.onDemandCapacity()).isEqualTo(15);
        assertThat(before.requestedCapacity()).isEqualTo(20);
        assertThat(before.allocatedCapacity()).isPositive();
        assertThat(before.idleCapacity()).isEqualTo(20 - before.allocatedCapacity());
        assertThat(during.allocatedCapacity()).isEqualTo(truth.allocated()).isGreaterThanOrEqualTo(6);
        assertThat(during.idleCapacity()).isZero();
        // newer members the SDK does not model yet are on the wire all the same
        assertThat(rawGetStreamGroup()).contains("\"TargetIdleCapacity\":2", "\"MaximumCapacity\":20");
    }

    @Test
    void aLocationInErrorPlacesNothingAndEveryStatusChangeIsInTheTruthLog() {
        clock.advance(Duration.ofMinutes(30));

        List<TruthEvent> changes = sim.truth().events().stream()
                .filter(e -> e.kind() == TruthEvent.Kind.GROUP_STATUS || e.kind() == TruthEvent.Kind.LOCATION_STATUS)
                .toList();
        assertThat(changes).extracting(TruthEvent::kind, TruthEvent::location, TruthEvent::from, TruthEvent::to,
                        TruthEvent::reason, e -> Duration.between(SimulatorFixture.START, e.time()))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(TruthEvent.Kind.LOCATION_STATUS, "us-east-1", "ACTIVE", "ERROR",
                                null, Duration.ofMinutes(10)),
                        org.assertj.core.groups.Tuple.tuple(TruthEvent.Kind.GROUP_STATUS, null, "ACTIVE",
                                "ACTIVE_WITH_ERRORS", "noAvailableInstances", Duration.ofMinutes(10)),
                        org.assertj.core.groups.Tuple.tuple(TruthEvent.Kind.LOCATION_STATUS, "us-east-1", "ERROR", "ACTIVE",
                                null, Duration.ofMinutes(20)),
                        org.assertj.core.groups.Tuple.tuple(TruthEvent.Kind.GROUP_STATUS, null, "ACTIVE_WITH_ERRORS",
                                "ACTIVE", null, Duration.ofMinutes(20)));
        assertThat(changes).allSatisfy(e -> assertThat(e.streamGroupId()).isEqualTo("sg-GRPS0test"));
        // placementTimeout (45 s after arrival) in us-east-1 only for sessions that arrived while it was in ERROR
        List<Duration> timeouts = sim.truth().statusChanges().stream()
                .filter(e -> "placementTimeout".equals(e.reason()) && e.location().equals("us-east-1"))
                .map(e -> Duration.between(SimulatorFixture.START, e.time())).toList();
        assertThat(timeouts).hasSizeGreaterThan(10).allSatisfy(t -> assertThat(t)
                .isBetween(Duration.ofMinutes(10).plusSeconds(45), Duration.ofMinutes(20).plusSeconds(45)));
        assertThat(client.getStreamGroup(b -> b.identifier("sg-GRPS0test")).statusAsString()).isEqualTo("ACTIVE");
    }

    @Test
    void theDemosCapacityDropInEuCentral1ShowsAsNoIdleCapacity() {
        try (SimulatorFixture f = new SimulatorFixture(Scenario.demo())) {
            f.advance(Duration.ofMinutes(7));
            int idleBefore = location(f.client.getStreamGroup(b -> b.identifier("sg-PUZL0prod")), "eu-central-1").idleCapacity();
            f.advance(Duration.ofMinutes(3)); // the drop to 35% runs from minute 8 to 28
            LocationState during = location(f.client.getStreamGroup(b -> b.identifier("sg-PUZL0prod")), "eu-central-1");
            f.advance(Duration.ofMinutes(25));
            int idleAfter = location(f.client.getStreamGroup(b -> b.identifier("sg-PUZL0prod")), "eu-central-1").idleCapacity();

            assertThat(idleBefore).isPositive();
            assertThat(during.idleCapacity()).isZero();
            assertThat(during.allocatedCapacity()).isGreaterThanOrEqualTo((int) Math.floor(130 * 0.35));
            assertThat(idleAfter).isPositive();
        }
    }

    private String rawGetStreamGroup() throws Exception {
        String signature = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-west-2/gameliftstreams/aws4_request,"
                + " SignedHeaders=host, Signature=" + "0".repeat(64);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sim.endpoint() + "/streamgroups/sg-GRPS0test"))
                .header("Authorization", signature).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static LocationState location(GetStreamGroupResponse r, String name) {
        return r.locationStates().stream().filter(l -> l.locationName().equals(name)).findFirst().orElseThrow();
    }

    private static void assertEveryFieldSet(SdkPojo pojo) {
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            assertThat(value).as("%s.%s", pojo.getClass().getSimpleName(), field.memberName()).isNotNull();
            if (value instanceof Collection<?> c) {
                assertThat(c).as("%s.%s", pojo.getClass().getSimpleName(), field.memberName()).isNotEmpty();
            }
        }
    }
}
