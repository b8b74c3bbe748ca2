package dev.glsmon.bench;

import dev.glsmon.poller.PollerApp;
import dev.glsmon.poller.PollerConfig;
import dev.glsmon.testbed.SimulatorTestbed;

/**
 * testbed's simulator and topics, with a poller pointed at both: quick retries and a budget that
 * never binds, which the sections that measure the API budget replace with the product's.
 */
final class PollerBed extends SimulatorTestbed {

    PollerBed(String bootstrapServers) {
        super(bootstrapServers);
    }

    PollerConfig.Builder config() {
        return PollerConfig.builder(pollerSettings("bench-poller"));
    }

    /** An app that runs cycles only when the section calls {@code poller().pollOnce()}. */
    PollerApp manualApp(PollerConfig config) throws InterruptedException {
        return track(PollerApp.builder(config).credentialsProvider(CREDENTIALS).scheduled(false).start());
    }
}
