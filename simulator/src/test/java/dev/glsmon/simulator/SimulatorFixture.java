package dev.glsmon.simulator;

import dev.glsmon.common.session.SessionStatus;
import dev.glsmon.simulator.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.gameliftstreams.GameLiftStreamsClient;

/** A started simulator on a manual clock, an SDK client without retries, and one stream group. */
final class SimulatorFixture implements AutoCloseable {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final String LOCATION = "us-west-2";

    final ManualClock clock = new ManualClock(START);
    final Simulator sim;
    final GameLiftStreamsClient client;
    final StreamGroupView group;

    SimulatorFixture() {
        this(Scenario.empty());
    }

    SimulatorFixture(Scenario scenario) {
        sim = Simulator.builder().scenario(scenario).seed(7).clock(clock).start();
        client = Sdk.client(sim);
        group = sim.control().createStreamGroup("fixture", LOCATION, "eu-central-1");
    }

    SessionView session(SessionStatus status) {
        return sim.control().createSession(group.id(), LOCATION, status);
    }

    void advance(Duration step) {
        clock.advance(step);
    }

    @Override
    public void close() {
        client.close();
        sim.close();
    }
}
