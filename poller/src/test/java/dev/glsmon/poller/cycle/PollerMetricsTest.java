package dev.glsmon.poller.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
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
    void thePollIntervalGaugeShowsTheIntervalNowNotTheOneAtStart() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        java.util.concurrent.atomic.AtomicReference<Duration> interval = new java.util.concurrent.atomic.AtomicReference<>(
                Duration.ofSeconds(1));
        new PollerMetrics(registry, interval::get);

        interval.set(Duration.ofMillis(6250));
        System.gc(); // the supplier must outlive a collection too

        assertThat(registry.get("glsmon.poller.poll.interval.seconds").gauge().value()).isEqualTo(6.25);
    }

    @Test
    void startsTheLastCompleteCycleClockAtStartUpNotAtTheEpoch() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        long before = System.currentTimeMillis() / 1000;
        new PollerMetrics(registry, Duration.ofSeconds(10));

        assertThat(registry.get("glsmon.poller.last.complete.cycle.timestamp.seconds").gauge().value())
                .isGreaterThanOrEqualTo(before);
    }

    @Test
    void reportsSessionsObservedPerStreamGroupAndDropsGroupsNoLongerPolled() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PollerMetrics metrics = new PollerMetrics(registry, Duration.ofSeconds(10));

        metrics.sessionsObserved(Map.of("sg-A", 3, "sg-B", 5));
        metrics.sessionsObserved(Map.of("sg-A", 4));

        assertThat(registry.get("glsmon.poller.sessions.observed").tag("stream_group", "sg-A").gauge().value())
                .isEqualTo(4);
        assertThat(registry.find("glsmon.poller.sessions.observed").tag("stream_group", "sg-B").gauge()).isNull();
    }

    @Test
    void cycleOutcomesArePresentAtZeroFromTheStart() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new PollerMetrics(registry, Duration.ofSeconds(10));

        for (String outcome : new String[] {
            PollerMetrics.OUTCOME_COMPLETE, PollerMetrics.OUTCOME_INCOMPLETE, PollerMetrics.OUTCOME_FAILED
        }) {
            assertThat(registry.get("glsmon.poller.cycles").tag("outcome", outcome).counter().count()).isZero();
        }
    }
}
