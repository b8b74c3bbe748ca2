package dev.glsmon.poller.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollerMetricsTest {

    @Test
    void keepsThePollIntervalGaugeAfterGarbageCollection() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new PollerMetrics(registry, Duration.ofMillis(2500));

        for (int i = 0; i < 3; i++) {
            System.gc(); // a weakly held Duration would be gone now, and the gauge NaN
        }

        assertThat(registry.get("glsmon.poller.poll.interval.seconds").gauge().value()).isEqualTo(2.5);
    }

    @Test
    void startsTheLastCompleteCycleClockAtStartUpNotAtTheEpoch() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        long before = System.currentTimeMillis() / 1000;
        new PollerMetrics(registry, Duration.ofSeconds(10));

        assertThat(registry.get("glsmon.poller.last.complete.cycle.timestamp.seconds").gauge().value())
                .isGreaterThanOrEqualTo(before);
    }
}
