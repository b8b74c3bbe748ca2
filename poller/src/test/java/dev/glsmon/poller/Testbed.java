package dev.glsmon.poller;

import dev.glsmon.broker.KafkaBroker;
import dev.glsmon.schemas.PollCycle;
import dev.glsmon.schemas.SessionSnapshot;
import dev.glsmon.simulator.scenario.Scenario;
import dev.glsmon.testbed.SimulatorTestbed;
import java.time.Duration;
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
        PollerConfig.Builder builder = PollerConfig.builder()
                .region("us-west-2")
                .endpointUrl(sim.endpoint().toString())
                .bootstrapServers(bootstrapServers)
                .topicPrefix(prefix)
                .partitions(PARTITIONS)
                .coordination(Coordination.NONE)
                .exportExecutor(false)
                .pageSize(100)
                .retryBaseDelay(Duration.ofMillis(5))
                .throttlingBaseDelay(Duration.ofMillis(10))
                .retryMaxBackoff(Duration.ofMillis(200))
                .pollerId("test-poller");
        for (String operation : PollerConfig.Builder.defaultRateLimits().keySet()) {
            builder.rateLimit(operation, 2_000);
        }
        return builder;
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
