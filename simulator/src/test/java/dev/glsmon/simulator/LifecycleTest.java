package dev.glsmon.simulator;

import dev.glsmon.common.session.SessionStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glsmon.simulator.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.gameliftstreams.model.GetStreamSessionResponse;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionSummary;

class LifecycleTest {

    /** The documented lifecycle (one graph with the poller and the processor); from null: creation. */
    private static Set<String> legalAfter(String from) {
        return from == null ? Set.of("ACTIVATING")
                : SessionStatus.fromWire(from).next().stream().map(SessionStatus::name).collect(Collectors.toSet());
    }

    @Test
    void aScriptedLifecycleShowsInTheApiAndMatchesTheTruthLog() {
        try (SimulatorFixture f = new SimulatorFixture()) {
            SessionView s = f.session(SessionStatus.ACTIVATING);
            List<SessionStatus> script = List.of(SessionStatus.ACTIVE, SessionStatus.CONNECTED,
                    SessionStatus.PENDING_CLIENT_RECONNECTION, SessionStatus.RECONNECTING, SessionStatus.CONNECTED);
            List<GetStreamSessionResponse> observed = new ArrayList<>();
            for (SessionStatus status : script) {
                f.advance(Duration.ofSeconds(30));
                f.sim.control().transition(s.id(), status, null);
                observed.add(f.client.getStreamSession(r -> r.identifier(f.group.id()).streamSessionIdentifier(s.id())));
            }
            f.advance(Duration.ofSeconds(30));
            f.sim.control().transition(s.id(), SessionStatus.TERMINATING, StatusReason.APPLICATION_EXIT);
            f.advance(Duration.ofMinutes(1));
            GetStreamSessionResponse last = f.client.getStreamSession(r -> r.identifier(f.group.id()).streamSessionIdentifier(s.id()));

            List<TruthEvent> truth = f.sim.truth().forSession(s.arn());
            assertThat(truth).extracting(TruthEvent::to).containsExactly("ACTIVATING", "ACTIVE", "CONNECTED",
                    "PENDING_CLIENT_RECONNECTION", "RECONNECTING", "CONNECTED", "TERMINATING", "TERMINATED");
            for (int i = 0; i < observed.size(); i++) {
                TruthEvent change = truth.get(i + 1);
                assertThat(observed.get(i).statusAsString()).isEqualTo(change.to());
                assertThat(observed.get(i).lastUpdatedAt()).isEqualTo(change.time());
                assertThat(change.time()).isEqualTo(SimulatorFixture.START.plusSeconds(30L * (i + 1)));
            }
            assertThat(last.statusReasonAsString()).isEqualTo("applicationExit").isEqualTo(truth.get(7).reason());
            assertThat(last.lastUpdatedAt()).isEqualTo(truth.get(7).time());
        }
    }

    @Test
    void anAutonomousSessionFollowsTheScenarioUntilItEndsAndVanishes() {
        try (SimulatorFixture f = new SimulatorFixture()) {
            SessionView s = f.sim.control().createSession(
                    NewSession.in(f.group.id(), SimulatorFixture.LOCATION).withStatus(SessionStatus.ACTIVATING).withAutonomous(true));

            f.advance(Duration.ofHours(13)); // past the 12-hour SessionLengthSeconds and the retention

            List<TruthEvent> truth = f.sim.truth().forSession(s.arn());
            assertThat(truth.size()).isGreaterThanOrEqualTo(3);
            assertThat(truth.get(truth.size() - 2).to()).isIn("TERMINATED", "ERROR");
            assertThat(truth.get(truth.size() - 1).kind()).isEqualTo(TruthEvent.Kind.REMOVED);
            assertThat(f.sim.control().session(s.id())).isEmpty();
        }
    }

    @Test
    void refusesToRestartAnEndedSessionOrAReasonOfTheWrongStatus() {
        try (SimulatorFixture f = new SimulatorFixture()) {
            SessionView s = f.session(SessionStatus.CONNECTED);

            assertThatThrownBy(() -> f.sim.control().transition(s.id(), SessionStatus.ERROR, StatusReason.APPLICATION_EXIT))
                    .isInstanceOf(IllegalArgumentException.class);
            f.sim.control().transition(s.id(), SessionStatus.TERMINATED, StatusReason.APPLICATION_EXIT);
            assertThatThrownBy(() -> f.sim.control().transition(s.id(), SessionStatus.CONNECTED, null))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> f.sim.control().transition("ABC123def4567", SessionStatus.CONNECTED, null))
                    .isInstanceOf(NoSuchElementException.class);
        }
    }

    @Test
    void generatedTrafficFollowsTheDocumentedLifecycleAndTheApiAgreesWithTheTruth() {
        try (SimulatorFixture f = new SimulatorFixture(Scenario.demo())) {
            for (int minute = 0; minute < 40; minute++) {
                f.advance(Duration.ofMinutes(1));
                f.client.listStreamSessionsByAccount(r -> r.maxResults(1)); // requests in between must not matter
            }

            List<TruthEvent> statusChanges = f.sim.truth().statusChanges();
            Map<String, String> lastStatus = new HashMap<>();
            Map<String, Instant> lastTime = new HashMap<>();
            for (TruthEvent e : statusChanges) {
                assertThat(e.from()).isEqualTo(lastStatus.get(e.sessionArn()));
                assertThat(legalAfter(e.from())).as("%s -> %s", e.from(), e.to()).contains(e.to());
                if (e.to().equals("ERROR") || e.to().equals("TERMINATED")) {
                    assertThat(StatusReason.fromWire(e.reason()).status().name()).isEqualTo(e.to());
                } else {
                    assertThat(e.reason()).isNull();
                }
                lastStatus.put(e.sessionArn(), e.to());
                lastTime.put(e.sessionArn(), e.time());
            }
            Set<String> reasons = statusChanges.stream().map(TruthEvent::reason).filter(r -> r != null).collect(Collectors.toSet());
            assertThat(reasons).contains("applicationExit", "apiTerminated", "connectionTimeout", "placementTimeout");

            List<StreamSessionSummary> listed = f.client.listStreamSessionsByAccountPaginator(r -> r.maxResults(100))
                    .items().stream().toList();
            assertThat(listed).hasSizeGreaterThan(300);
            assertThat(listed).allSatisfy(item -> {
                assertThat(item.statusAsString()).isEqualTo(lastStatus.get(item.arn()));
                assertThat(item.lastUpdatedAt()).isEqualTo(lastTime.get(item.arn()));
            });
        }
    }

    @Test
    void theApplicationExitSpikeRaisesCrashesInItsLocationOnly() {
        try (SimulatorFixture f = new SimulatorFixture(Scenario.demo())) {
            f.advance(Duration.ofMinutes(20)); // the us-west-2 spike runs from minute 5 to 20

            Map<String, Long> crashesByWindow = f.sim.truth().statusChanges().stream()
                    .filter(e -> "applicationExit".equals(e.reason()) && e.location().equals("us-west-2"))
                    .filter(e -> !e.time().isBefore(SimulatorFixture.START))
                    .collect(Collectors.groupingBy(
                            e -> e.time().isBefore(SimulatorFixture.START.plus(Duration.ofMinutes(5))) ? "before" : "during",
                            Collectors.counting()));

            // 5 quiet minutes against 15 minutes at ten times the rate: the spike stands out by far
            assertThat(crashesByWindow.getOrDefault("during", 0L))
                    .isGreaterThan(5 * crashesByWindow.getOrDefault("before", 0L) + 10);
        }
    }
}
