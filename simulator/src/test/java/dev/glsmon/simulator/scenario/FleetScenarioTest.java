package dev.glsmon.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.simulator.ManualClock;
import dev.glsmon.simulator.SessionStatus;
import dev.glsmon.simulator.Simulator;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetScenarioTest {

    @Test
    void opensInSteadyStateWithAboutTheAskedSessionsInTheAskedGroups() {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
        try (Simulator sim = Simulator.builder().scenario(Scenario.fleet(4_000, 20)).seed(3).clock(clock).start()) {
            assertThat(sim.control().streamGroups()).hasSize(20);
            int atStart = sim.control().sessions().size();
            clock.advance(Duration.ofMinutes(30));
            int later = sim.control().sessions().size();

            assertThat(atStart).isBetween(3_400, 4_600);
            assertThat(later).as("steady: as many half an hour later").isBetween(3_400, 4_600);
            Map<SessionStatus, Integer> byStatus = sim.control().countByStatus();
            assertThat(byStatus.get(SessionStatus.CONNECTED)).as("most sessions are connected")
                    .isGreaterThan(atStart * 3 / 4);
            assertThat(byStatus).containsKeys(SessionStatus.PENDING_CLIENT_RECONNECTION, SessionStatus.TERMINATING,
                    SessionStatus.ACTIVATING, SessionStatus.ERROR, SessionStatus.TERMINATED);
        }
    }
}
