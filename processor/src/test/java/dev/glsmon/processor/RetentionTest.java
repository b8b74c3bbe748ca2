package dev.glsmon.processor;

import static dev.glsmon.processor.Steps.SESSION;
import static dev.glsmon.processor.TopologyFixture.snapshot;
import static dev.glsmon.processor.TopologyFixture.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.processor.metrics.MicrometerProcessorMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ARCHITECTURE.md "Termination": ended sessions are kept for a retention time, then deleted. */
class RetentionTest {

    private static final Map<String, String> ONE_HOUR = Map.of("ended-retention", "1h", "cleanup-interval", "1m");

    @Test
    void deletesAnEndedSessionAfterItsRetention() {
        try (TopologyFixture fixture = new TopologyFixture(ONE_HOUR)) {
            fixture.at(t(60)).pipe(snapshot(SESSION, "CONNECTED").setLastUpdatedAt(t(0)));
            fixture.at(t(120)).pipe(snapshot(SESSION, "TERMINATED").setStatusReason("idleTimeout").setLastUpdatedAt(t(119)));
            fixture.pipe(snapshot("still-running", "CONNECTED"));

            fixture.at(t(120 + 3500)).cycle();
            assertThat(fixture.session(SESSION)).as("within the retention").isNotNull();

            fixture.at(t(120 + 3600 + 60)).cycle();
            assertThat(fixture.session(SESSION)).as("past the retention").isNull();
            assertThat(fixture.session("still-running")).as("sessions that did not end stay").isNotNull();
        }
    }

    @Test
    void doesNotResurrectADeletedSessionFromALateSnapshot() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (TopologyFixture fixture = new TopologyFixture(ONE_HOUR, new MicrometerProcessorMetrics(registry))) {
            fixture.at(t(120)).pipe(snapshot(SESSION, "TERMINATED").setStatusReason("idleTimeout").setLastUpdatedAt(t(119)));
            fixture.at(t(3900)).pipe(snapshot("newer", "ACTIVE").setLastUpdatedAt(t(3899)));
            fixture.at(t(120 + 3600 + 60)).cycle();
            assertThat(fixture.session(SESSION)).isNull();
            fixture.transitions();
            fixture.terminations();

            // the API still lists the ended session: that is not a new session
            fixture.advance(Duration.ofSeconds(5)).pipe(snapshot(SESSION, "TERMINATED").setStatusReason("idleTimeout")
                    .setLastUpdatedAt(t(119)));

            assertThat(fixture.transitions()).isEmpty();
            assertThat(fixture.terminations()).isEmpty();
            assertThat(fixture.session(SESSION)).isNull();
            assertThat(registry.get("glsmon.snapshots.odd").tag("reason", "ended_before_retention").counter().count())
                    .isEqualTo(1.0);
        }
    }

    @Test
    void stillReportsASessionThatEndedRecentlyAndWasNeverSeen() {
        try (TopologyFixture fixture = new TopologyFixture(ONE_HOUR)) {
            fixture.at(t(3900)).pipe(snapshot("running", "ACTIVE").setLastUpdatedAt(t(3899)));
            fixture.pipe(snapshot("short-lived", "ERROR").setStatusReason("placementTimeout").setLastUpdatedAt(t(3800)));

            assertThat(fixture.terminations()).extracting(t -> t.getSessionId()).containsExactly("short-lived");
        }
    }
}
