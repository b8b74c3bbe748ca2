package dev.glsmon.bench;

import dev.glsmon.poller.Coordination;
import dev.glsmon.poller.PollerApp;
import dev.glsmon.poller.PollerConfig;
import dev.glsmon.testbed.SimulatorTestbed;
import java.time.Duration;

/**
 * testbed's simulator and topics, with a poller pointed at both: quick retries and a budget that
 * never binds, which the sections that measure the API budget replace with the product's.
 */
final class PollerBed extends SimulatorTestbed {

    PollerBed(String bootstrapServers) {
        super(bootstrapServers);
    }

    PollerConfig.Builder config() {
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
                .pollerId("bench-poller");
        PollerConfig.Builder.defaultRateLimits().keySet().forEach(operation -> builder.rateLimit(operation, 2_000));
        return builder;
    }

    /** An app that runs cycles only when the section calls {@code poller().pollOnce()}. */
    PollerApp manualApp(PollerConfig config) throws InterruptedException {
        return track(PollerApp.builder(config).credentialsProvider(CREDENTIALS).scheduled(false).start());
    }
}
