package dev.glsmon.processor;

import static dev.glsmon.processor.TopologyFixture.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.processor.metrics.MicrometerProcessorMetrics;
import dev.glsmon.processor.streamgroup.StreamGroupChanges;
import dev.glsmon.schemas.LocationCapacity;
import dev.glsmon.schemas.StreamGroupSnapshot;
import dev.glsmon.schemas.StreamGroupTransition;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stream-group and location status transitions and the capacity gauges. Snapshots as
 * GROUP[:reason] loc=STATUS ...; transitions as [location@]FROM>TO[:reason].
 */
class StreamGroupTransitionsTest {

    private static final String SG = "sg-1AB2C3De4";

    static Stream<Arguments> sequences() {
        return Stream.of(
                Arguments.of("a group first seen: the group and each location from nothing",
                        List.of("ACTIVE eu-central-1=ACTIVE us-east-1=ACTIVE"),
                        List.of(">ACTIVE", "eu-central-1@>ACTIVE", "us-east-1@>ACTIVE")),
                Arguments.of("the same state again is no transition",
                        List.of("ACTIVE eu-central-1=ACTIVE", "ACTIVE eu-central-1=ACTIVE"),
                        List.of(">ACTIVE", "eu-central-1@>ACTIVE")),
                Arguments.of("a location fails and recovers: location and group each change twice",
                        List.of("ACTIVE eu-central-1=ACTIVE us-east-1=ACTIVE",
                                "ACTIVE_WITH_ERRORS:noAvailableInstances eu-central-1=ERROR us-east-1=ACTIVE",
                                "ACTIVE eu-central-1=ACTIVE us-east-1=ACTIVE"),
                        List.of(">ACTIVE", "eu-central-1@>ACTIVE", "us-east-1@>ACTIVE",
                                "ACTIVE>ACTIVE_WITH_ERRORS:noAvailableInstances", "eu-central-1@ACTIVE>ERROR",
                                "ACTIVE_WITH_ERRORS>ACTIVE", "eu-central-1@ERROR>ACTIVE")),
                Arguments.of("a reason that changes alone is a group transition",
                        List.of("ERROR:internalError x=ERROR", "ERROR:noAvailableInstances x=ERROR"),
                        List.of(">ERROR:internalError", "x@>ERROR", "ERROR>ERROR:noAvailableInstances")),
                Arguments.of("a status this version does not know is carried",
                        List.of("ACTIVE x=ACTIVE", "HIBERNATING x=DRAINING"),
                        List.of(">ACTIVE", "x@>ACTIVE", "ACTIVE>HIBERNATING", "x@ACTIVE>DRAINING")),
                Arguments.of("locations added and removed",
                        List.of("ACTIVE x=ACTIVE", "UPDATING_LOCATIONS x=ACTIVE y=ACTIVATING", "ACTIVE y=ACTIVE"),
                        List.of(">ACTIVE", "x@>ACTIVE", "ACTIVE>UPDATING_LOCATIONS", "y@>ACTIVATING",
                                "UPDATING_LOCATIONS>ACTIVE", "y@ACTIVATING>ACTIVE", "x@ACTIVE>REMOVED")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void emitsEachStatusChangeOnce(String name, List<String> snapshots, List<String> expected) {
        List<String> out = new ArrayList<>();
        StreamGroupSnapshot previous = null;
        for (int i = 0; i < snapshots.size(); i++) {
            StreamGroupSnapshot next = parse(snapshots.get(i), i * 30);
            StreamGroupChanges.between(previous, next).forEach(tr -> out.add(compact(tr)));
            previous = next;
        }
        assertThat(out).isEqualTo(expected);
    }

    @Test
    void theTopologyEmitsTransitionsOnTheirTopicAndIgnoresAStaleSnapshot() {
        try (TopologyFixture f = new TopologyFixture()) {
            f.pipeGroup(SG, parse("ACTIVE x=ACTIVE", 0));
            f.advance(Duration.ofSeconds(30)).pipeGroup(SG, parse("ACTIVE_WITH_ERRORS:internalError x=ERROR", 30));
            f.pipeGroup(SG, parse("ACTIVE x=ACTIVE", 10)); // observed before the last one: stale
            f.advance(Duration.ofSeconds(30)).pipeGroup(SG, parse("ACTIVE x=ACTIVE", 60));

            List<StreamGroupTransition> out = f.groupTransitions();

            assertThat(out).extracting(StreamGroupTransitionsTest::compact).containsExactly(">ACTIVE", "x@>ACTIVE",
                    "ACTIVE>ACTIVE_WITH_ERRORS:internalError", "x@ACTIVE>ERROR", "ACTIVE_WITH_ERRORS>ACTIVE",
                    "x@ERROR>ACTIVE");
            assertThat(out.get(3).getTimeInPreviousStatusMillis()).isEqualTo(30_000L);
            assertThat(out.get(3).getAt()).isEqualTo(t(30));
        }
    }

    @Test
    void setsCapacityUtilisationHeadroomAndStatusGaugesPerLocationAndDropsThemWithTheGroup() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (TopologyFixture f = new TopologyFixture(Map.of(), new MicrometerProcessorMetrics(registry))) {
            StreamGroupSnapshot s = parse("ACTIVE_WITH_ERRORS:noAvailableInstances eu-central-1=ERROR", 0);
            s.getLocations().set(0, LocationCapacity.newBuilder(s.getLocations().get(0)).setAlwaysOnCapacity(5)
                    .setOnDemandCapacity(15).setTargetIdleCapacity(2).setMaximumCapacity(20).setRequestedCapacity(20)
                    .setAllocatedCapacity(18).setIdleCapacity(2).build());
            f.pipeGroup(SG, s);

            assertThat(gauge(registry, "glsmon.location.capacity", "kind", "allocated")).isEqualTo(18);
            assertThat(gauge(registry, "glsmon.location.capacity", "kind", "target_idle")).isEqualTo(2);
            assertThat(gauge(registry, "glsmon.location.capacity", "kind", "maximum")).isEqualTo(20);
            assertThat(gauge(registry, "glsmon.location.utilisation.ratio", "location", "eu-central-1")).isEqualTo(0.9);
            assertThat(gauge(registry, "glsmon.location.idle.headroom.ratio", "location", "eu-central-1")).isEqualTo(0.1);
            assertThat(gauge(registry, "glsmon.location.status", "status", "ERROR")).isEqualTo(1);
            assertThat(gauge(registry, "glsmon.location.status", "status", "ACTIVE")).isEqualTo(0);
            assertThat(gauge(registry, "glsmon.stream.group.status", "status", "ACTIVE_WITH_ERRORS")).isEqualTo(1);
            assertThat(registry.find("glsmon.location.capacity").gauges()).hasSize(7)
                    .allSatisfy(g -> assertThat(g.getId().getTags()).extracting(io.micrometer.core.instrument.Tag::getKey)
                            .containsExactlyInAnyOrder("stream_group", "location", "kind"));

            f.pipeGroup(SG, null); // the group is gone: no series left to alert on

            assertThat(registry.find("glsmon.location.capacity").gauges()).isEmpty();
            assertThat(registry.find("glsmon.stream.group.status").gauges()).isEmpty();
        }
    }

    private static double gauge(SimpleMeterRegistry registry, String name, String tag, String value) {
        Gauge gauge = registry.find(name).tag(tag, value).gauge();
        assertThat(gauge).as("%s{%s=%s}", name, tag, value).isNotNull();
        return gauge.value();
    }

    /** {@code STATUS[:reason] loc=STATUS ...} observed {@code seconds} after T0. */
    private static StreamGroupSnapshot parse(String text, long seconds) {
        String[] parts = text.split(" ");
        String[] group = parts[0].split(":");
        List<LocationCapacity> locations = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String[] loc = parts[i].split("=");
            locations.add(LocationCapacity.newBuilder().setLocation(loc[0]).setStatus(loc[1]).build());
        }
        return StreamGroupSnapshot.newBuilder().setStreamGroupId(SG).setStatus(group[0])
                .setStatusReason(group.length > 1 ? group[1] : null).setLastUpdatedAt(null)
                .setLocations(locations).setObservedAt(t(seconds)).setPollerId("p1").build();
    }

    private static String compact(StreamGroupTransition t) {
        return (t.getLocation() == null ? "" : t.getLocation() + "@") + (t.getFrom() == null ? "" : t.getFrom()) + ">"
                + t.getTo() + (t.getReason() == null ? "" : ":" + t.getReason());
    }
}
