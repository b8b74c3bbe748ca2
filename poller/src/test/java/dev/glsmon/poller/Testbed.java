package dev.glsmon.poller;

import dev.glsmon.broker.KafkaBroker;
import dev.glsmon.schemas.PollCycle;
import dev.glsmon.schemas.SessionSnapshot;
import dev.glsmon.simulator.scenario.Scenario;
import dev.glsmon.testbed.SimulatorTestbed;
import java.util.List;

/** testbed's simulator and topics, with a poller configuration pointing at both: what each poller integration test starts from. */
public final class Testbed extends SimulatorTestbed {

    Testbed(KafkaBroker broker) {
        super(broker.bootstrapServers());
    }

    Testbed(String bootstrapServers) {
        super(bootstrapServers);
    }

    Testbed(String bootstrapServers, Scenario scenario) {
        super(bootstrapServers, scenario);
    }

    /** Fast: no rate limit worth the name, short backoffs; tests override what they exercise. */
    public PollerConfig.Builder config() {
        return PollerConfig.builder(pollerSettings("test-poller"));
    }

    /** An app that runs cycles only when the test calls {@code poller().pollOnce()}. */
    public PollerApp manualApp(PollerConfig config) throws InterruptedException {
        return track(PollerApp.builder(config).credentialsProvider(CREDENTIALS).scheduled(false).start());
    }

    List<SessionSnapshot> snapshots() {
        return values(topics.sessionSnapshots());
    }

    List<SessionSnapshot> snapshotsOf(String cycleId) {
        return snapshots().stream().filter(s -> s.getCycleId().equals(cycleId)).toList();
    }

    /** Markers with the partition they were found in. */
    List<Located<PollCycle>> markers() {
        return read(topics.pollCycles());
    }
}
