package dev.glsmon.processor;

import static dev.glsmon.processor.Steps.SESSION;
import static dev.glsmon.processor.Steps.changesOnly;
import static dev.glsmon.processor.Steps.cycle;
import static dev.glsmon.processor.Steps.fullRefresh;
import static dev.glsmon.processor.Steps.gone;
import static dev.glsmon.processor.Steps.incomplete;
import static dev.glsmon.processor.Steps.s;
import static dev.glsmon.processor.TopologyFixture.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.schemas.SessionTermination;
import dev.glsmon.schemas.SessionTransition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ARCHITECTURE.md "Poll cycle marker" and "Transition": VANISHED after N complete cycles without the session. */
class VanishedSessionsTest {

    static Stream<Arguments> sequences() {
        return Stream.of(
                Arguments.of("missing from two complete cycles: VANISHED",
                        List.of(s("CONNECTED", 0), cycle(), cycle(), cycle()),
                        List.of(">CONNECTED#1~", "CONNECTED>VANISHED#2~")),
                Arguments.of("missing from one complete cycle only: still there",
                        List.of(s("CONNECTED", 0), cycle(), cycle()),
                        List.of(">CONNECTED#1~")),
                Arguments.of("incomplete cycles never count, however many",
                        List.of(s("CONNECTED", 0), cycle(), incomplete(), incomplete(), incomplete(), cycle()),
                        List.of(">CONNECTED#1~")),
                Arguments.of("listed again in between: the count starts over",
                        List.of(s("CONNECTED", 0), cycle(), cycle(), s("CONNECTED", 0), cycle(), cycle()),
                        List.of(">CONNECTED#1~")),
                Arguments.of("GetStreamSession says not found: VANISHED at once",
                        List.of(s("ACTIVE", 0), gone("ACTIVE", 0)),
                        List.of(">ACTIVE#1~", "ACTIVE>VANISHED#2~")),
                Arguments.of("an ended session is not expected to be listed and never vanishes",
                        List.of(s("TERMINATED", "idleTimeout", 0), cycle(), cycle(), cycle(), cycle()),
                        List.of(">TERMINATED:idleTimeout#1~")),
                Arguments.of("changes-only cycles never count, however many: the poller settles absence itself",
                        List.of(s("CONNECTED", 0), fullRefresh(), changesOnly(), changesOnly(), changesOnly(),
                                changesOnly(), changesOnly()),
                        List.of(">CONNECTED#1~")),
                Arguments.of("vanished while nothing changed: two full refreshes without it are the safety net",
                        List.of(s("CONNECTED", 0), fullRefresh(), changesOnly(), changesOnly(), fullRefresh(),
                                changesOnly(), fullRefresh()),
                        List.of(">CONNECTED#1~", "CONNECTED>VANISHED#2~")),
                Arguments.of("a change published between full refreshes counts as listed",
                        List.of(s("CONNECTED", 0), fullRefresh(), fullRefresh(), changesOnly(), s("PENDING_CLIENT_RECONNECTION", 5),
                                changesOnly(), fullRefresh()),
                        List.of(">CONNECTED#1~", "CONNECTED>PENDING_CLIENT_RECONNECTION#2")),
                Arguments.of("a repeat published between full refreshes counts as listed too",
                        List.of(s("CONNECTED", 0), fullRefresh(), fullRefresh(), s("CONNECTED", 0), changesOnly(),
                                fullRefresh()),
                        List.of(">CONNECTED#1~")),
                Arguments.of("a vanished session that is listed again comes back (inferred)",
                        List.of(s("CONNECTED", 0), cycle(), cycle(), cycle(), s("CONNECTED", 0)),
                        List.of(">CONNECTED#1~", "CONNECTED>VANISHED#2~", "VANISHED>CONNECTED#3~")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void emitsVanishedOnlyAfterTheConfiguredCompleteCycles(String name, List<Steps.Step> steps, List<String> expected) {
        try (TopologyFixture fixture = new TopologyFixture()) {
            Steps.run(fixture, steps);

            assertThat(fixture.compactTransitions()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void waitsForTheConfiguredNumberOfCycles() {
        try (TopologyFixture fixture = new TopologyFixture(Map.of("vanish-cycles", "3"))) {
            Steps.run(fixture, List.of(s("CONNECTED", 0), cycle(), cycle(), cycle()));
            assertThat(fixture.compactTransitions()).containsExactly(">CONNECTED#1~");

            Steps.run(fixture, List.of(cycle()));
            assertThat(fixture.compactTransitions()).containsExactly("CONNECTED>VANISHED#2~");
        }
    }

    @Test
    void countsOnlyTheCyclesOfTheSessionsOwnStreamGroup() {
        try (TopologyFixture fixture = new TopologyFixture()) {
            Steps.run(fixture, List.of(s("CONNECTED", 0)));
            for (int i = 0; i < 5; i++) {
                fixture.advance(Duration.ofSeconds(1)).cycle("sg-other", true);
            }

            assertThat(fixture.compactTransitions()).containsExactly(">CONNECTED#1~");
        }
    }

    @Test
    void datesVanishedAtTheFirstCycleThatMissedTheSessionAndEmitsItsTermination() {
        try (TopologyFixture fixture = new TopologyFixture()) {
            Steps.run(fixture, List.of(s("CONNECTED", 0), cycle()));
            fixture.advance(Duration.ofSeconds(10)).cycle(); // first miss: started 500 ms before now
            var firstMissStarted = fixture.now().minusMillis(500);
            fixture.advance(Duration.ofSeconds(10)).cycle();

            List<SessionTransition> transitions = fixture.transitions();
            SessionTransition vanished = transitions.get(transitions.size() - 1);
            assertThat(vanished.getTo()).isEqualTo("VANISHED");
            assertThat(vanished.getAt()).isEqualTo(firstMissStarted);
            assertThat(vanished.getObservedAt()).isEqualTo(fixture.now());
            SessionTermination termination = fixture.terminations().get(0);
            assertThat(termination.getStatus()).isEqualTo("VANISHED");
            assertThat(termination.getReason()).isNull();
            assertThat(termination.getCategory()).isEqualTo("UNKNOWN");
            assertThat(termination.getLastStatusBeforeEnd()).isEqualTo("CONNECTED");
            assertThat(fixture.session(SESSION).getEnded()).isTrue();
        }
    }

    /**
     * Kafka Streams orders the snapshot and marker partitions by timestamp only as far as it has
     * fetched them; catching up on a backlog it can read several markers before their snapshots.
     * Seen at load average 20+ in the local stack: some 340 live sessions VANISHED at once.
     */
    @Test
    void markersReadBeforeTheirSnapshotsInferNothingFromTheirAbsence() {
        try (TopologyFixture fixture = new TopologyFixture()) {
            overtakenCycles(fixture, 2);

            assertThat(fixture.transitions()).filteredOn(t -> t.getTo().equals("VANISHED")).isEmpty();
        }
    }

    @Test
    void withoutTheMarkersCountTheSameOrderWouldVanishLiveSessions() {
        try (TopologyFixture fixture = new TopologyFixture()) {
            overtakenCycles(fixture, null);

            assertThat(fixture.transitions()).filteredOn(t -> t.getTo().equals("VANISHED"))
                    .extracting(SessionTransition::getSessionId).containsExactlyInAnyOrder("a", "b");
        }
    }

    @Test
    void aCountedMarkerWithAllItsSnapshotsReadStillSeesASessionGone() {
        try (TopologyFixture fixture = new TopologyFixture()) {
            fixture.advance(Duration.ofSeconds(1)).pipe(snapshot("a", "CONNECTED")).pipe(snapshot("b", "CONNECTED"));
            fixture.cycle(TopologyFixture.GROUP, true, 2);
            for (int i = 0; i < 2; i++) {
                fixture.advance(Duration.ofSeconds(1)).pipe(snapshot("a", "CONNECTED")).cycle(TopologyFixture.GROUP, true, 1);
            }

            assertThat(fixture.transitions()).filteredOn(t -> t.getTo().equals("VANISHED"))
                    .extracting(SessionTransition::getSessionId).containsExactly("b");
        }
    }

    /** Two sessions listed in every cycle, but three markers in a row are read before their snapshots. */
    private static void overtakenCycles(TopologyFixture fixture, Integer partitionSnapshots) {
        fixture.advance(Duration.ofSeconds(1)).pipe(snapshot("a", "CONNECTED")).pipe(snapshot("b", "CONNECTED"));
        fixture.cycle(TopologyFixture.GROUP, true, partitionSnapshots);
        for (int i = 0; i < 3; i++) {
            fixture.advance(Duration.ofSeconds(1)).cycle(TopologyFixture.GROUP, true, partitionSnapshots);
        }
        for (int i = 0; i < 3; i++) {
            fixture.pipeLate(snapshot("a", "CONNECTED")).pipeLate(snapshot("b", "CONNECTED"));
        }
    }

    @Test
    void tracksManySessionsOfAGroupIndependently() {
        try (TopologyFixture fixture = new TopologyFixture()) {
            fixture.advance(Duration.ofSeconds(1)).pipe(snapshot("a", "CONNECTED")).pipe(snapshot("b", "CONNECTED"));
            fixture.cycle();
            fixture.advance(Duration.ofSeconds(1)).pipe(snapshot("a", "CONNECTED")).cycle();
            fixture.advance(Duration.ofSeconds(1)).pipe(snapshot("a", "CONNECTED")).cycle();

            assertThat(fixture.transitions()).filteredOn(t -> t.getTo().equals("VANISHED"))
                    .extracting(SessionTransition::getSessionId).containsExactly("b");
        }
    }
}
