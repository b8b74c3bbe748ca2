package dev.glsmon.processor;

import static dev.glsmon.processor.Steps.SESSION;
import static dev.glsmon.processor.Steps.get;
import static dev.glsmon.processor.Steps.s;
import static dev.glsmon.processor.TopologyFixture.snapshot;
import static dev.glsmon.processor.TopologyFixture.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.processor.session.Lifecycle;
import dev.glsmon.schemas.SessionTransition;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.glsmon.processor.metrics.MicrometerProcessorMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ARCHITECTURE.md "Semantics": Transition, Stale input. Transitions as FROM>TO[:reason]#sequence[~ inferred]. */
class SessionTransitionsTest {

    static Stream<Arguments> sequences() {
        return Stream.of(
                Arguments.of("a session first seen activating",
                        List.of(s("ACTIVATING", 0)),
                        List.of(">ACTIVATING#1")),
                Arguments.of("a session first seen later in its life: the states before were missed",
                        List.of(s("CONNECTED", 0)),
                        List.of(">CONNECTED#1~")),
                Arguments.of("the documented lifecycle, every state seen",
                        List.of(s("ACTIVATING", 0), s("ACTIVE", 10), s("CONNECTED", 20),
                                s("PENDING_CLIENT_RECONNECTION", 30), s("RECONNECTING", 40), s("CONNECTED", 50),
                                s("TERMINATING", 60), s("TERMINATED", "idleTimeout", 70)),
                        List.of(">ACTIVATING#1", "ACTIVATING>ACTIVE#2", "ACTIVE>CONNECTED#3",
                                "CONNECTED>PENDING_CLIENT_RECONNECTION#4", "PENDING_CLIENT_RECONNECTION>RECONNECTING#5",
                                "RECONNECTING>CONNECTED#6", "CONNECTED>TERMINATING#7",
                                "TERMINATING>TERMINATED:idleTimeout#8")),
                Arguments.of("polls that miss states infer the transition",
                        List.of(s("ACTIVATING", 0), s("CONNECTED", 20), s("TERMINATED", "applicationExit", 90)),
                        List.of(">ACTIVATING#1", "ACTIVATING>CONNECTED#2~", "CONNECTED>TERMINATED:applicationExit#3~")),
                Arguments.of("activation fails into ERROR directly",
                        List.of(s("ACTIVATING", 0), s("ERROR", "placementTimeout", 30)),
                        List.of(">ACTIVATING#1", "ACTIVATING>ERROR:placementTimeout#2")),
                Arguments.of("the same status again is no transition",
                        List.of(s("ACTIVE", 0), s("ACTIVE", 0), s("ACTIVE", 0)),
                        List.of(">ACTIVE#1~")),
                Arguments.of("a newer lastUpdatedAt with the same status is no transition",
                        List.of(s("CONNECTED", 0), s("CONNECTED", 40)),
                        List.of(">CONNECTED#1~")),
                Arguments.of("a stale snapshot changes nothing",
                        List.of(s("ACTIVATING", 0), s("ACTIVE", 10), s("ACTIVATING", 5), s("ACTIVE", 10)),
                        List.of(">ACTIVATING#1", "ACTIVATING>ACTIVE#2")),
                Arguments.of("a reason arriving later is a reason-only transition",
                        List.of(s("TERMINATING", 0), s("TERMINATED", 10), get("TERMINATED", "apiTerminated", 10)),
                        List.of(">TERMINATING#1~", "TERMINATING>TERMINATED#2",
                                "TERMINATED>TERMINATED:apiTerminated#3")),
                Arguments.of("a listing without the reason does not erase a known reason",
                        List.of(get("ERROR", "internalError", 10), s("ERROR", 10)),
                        List.of(">ERROR:internalError#1~")),
                Arguments.of("a status glsmon does not know passes through",
                        List.of(s("ACTIVE", 0), s("HIBERNATING", 10), s("ACTIVE", 20)),
                        List.of(">ACTIVE#1~", "ACTIVE>HIBERNATING#2~", "HIBERNATING>ACTIVE#3~")),
                Arguments.of("a snapshot without lastUpdatedAt is applied (no staleness to judge)",
                        List.of(s("ACTIVE", 10), new Steps.Step("CONNECTED@?", f -> f.advance(java.time.Duration.ofSeconds(5))
                                .pipe(snapshot(SESSION, "CONNECTED").setLastUpdatedAt(null)))),
                        List.of(">ACTIVE#1~", "ACTIVE>CONNECTED#2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void emitsTheTransitionsTheSemanticsDescribe(String name, List<Steps.Step> steps, List<String> expected) {
        try (TopologyFixture fixture = new TopologyFixture()) {
            Steps.run(fixture, steps);

            assertThat(fixture.compactTransitions()).containsExactlyElementsOf(expected);
        }
    }

    static Stream<Arguments> documentedEdges() {
        List<Arguments> edges = new ArrayList<>();
        Lifecycle.edges().forEach((from, tos) -> tos.forEach(to -> edges.add(Arguments.of(from, to))));
        return edges.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("documentedEdges")
    void emitsEveryDocumentedEdgeAsObservedNotInferred(String from, String to) {
        try (TopologyFixture fixture = new TopologyFixture()) {
            Steps.run(fixture, List.of(s(from, 0), s(to, 10)));

            assertThat(fixture.compactTransitions()).element(1).isEqualTo(from + ">" + to + "#2");
        }
    }

    @Test
    void fillsEveryFieldOfATransition() {
        try (TopologyFixture fixture = new TopologyFixture()) {
            Steps.run(fixture, List.of(s("ACTIVE", 10), s("CONNECTED", 25)));

            List<SessionTransition> transitions = fixture.transitions();
            SessionTransition first = transitions.get(0);
            assertThat(first.getFrom()).isNull();
            assertThat(first.getTimeInPreviousStatusMillis()).isNull();
            assertThat(first.getAt()).isEqualTo(t(10));
            SessionTransition second = transitions.get(1);
            assertThat(second.getArn()).isEqualTo(TopologyFixture.arn(SESSION));
            assertThat(second.getSessionId()).isEqualTo(SESSION);
            assertThat(second.getStreamGroupId()).isEqualTo(TopologyFixture.GROUP);
            assertThat(second.getLocation()).isEqualTo(TopologyFixture.LOCATION);
            assertThat(second.getApplicationArn()).isEqualTo(TopologyFixture.APP);
            assertThat(second.getFrom()).isEqualTo("ACTIVE");
            assertThat(second.getTo()).isEqualTo("CONNECTED");
            assertThat(second.getReason()).isNull();
            assertThat(second.getPreviousReason()).isNull();
            assertThat(second.getTimeInPreviousStatusMillis()).isEqualTo(15_000L);
            assertThat(second.getSequence()).isEqualTo(2);
            assertThat(second.getInferred()).isFalse();
            assertThat(second.getAt()).isEqualTo(t(25));
            assertThat(second.getObservedAt()).isEqualTo(t(26));
            assertThat(second.getCycleId()).isEqualTo(TopologyFixture.GROUP + "/1");
        }
    }

    @Test
    void countsStaleSnapshots() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (TopologyFixture fixture = new TopologyFixture(Map.of(), new MicrometerProcessorMetrics(registry))) {
            Steps.run(fixture, List.of(s("ACTIVE", 10), s("ACTIVATING", 5), s("ACTIVATING", 5), s("ACTIVATING", 4)));

            assertThat(registry.get("glsmon.snapshots.stale").counter().count()).as("a repeat is stale again")
                    .isEqualTo(3.0);
            assertThat(fixture.session(SESSION).getStatus()).isEqualTo("ACTIVE");
        }
    }

    @Test
    void writesTheStoreOnlyWhenSomethingChanged() {
        try (TopologyFixture fixture = new TopologyFixture()) {
            Steps.run(fixture, List.of(s("CONNECTED", 0)));
            var before = fixture.session(SESSION);

            Steps.run(fixture, List.of(s("CONNECTED", 0), s("CONNECTED", 0)));

            // the stored object is equal, and no transition came out: nothing was rewritten
            assertThat(fixture.session(SESSION)).isEqualTo(before);
            assertThat(fixture.compactTransitions()).containsExactly(">CONNECTED#1~");
        }
    }

    @Test
    void treatsAnAbsurdTimestampAsAbsent() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (TopologyFixture fixture = new TopologyFixture(Map.of(), new MicrometerProcessorMetrics(registry))) {
            Steps.run(fixture, List.of(s("ACTIVE", 10)));
            fixture.advance(java.time.Duration.ofSeconds(30));
            // a lastUpdatedAt in 2099 must not make every later snapshot look stale
            fixture.pipe(snapshot(SESSION, "CONNECTED").setLastUpdatedAt(java.time.Instant.parse("2099-01-01T00:00:00Z")));
            Steps.run(fixture, List.of(s("PENDING_CLIENT_RECONNECTION", 60)));

            assertThat(fixture.compactTransitions())
                    .containsExactly(">ACTIVE#1~", "ACTIVE>CONNECTED#2", "CONNECTED>PENDING_CLIENT_RECONNECTION#3");
            assertThat(registry.get("glsmon.snapshots.odd").tag("reason", "timestamp_out_of_range").counter().count())
                    .isEqualTo(1.0);
        }
    }
}
