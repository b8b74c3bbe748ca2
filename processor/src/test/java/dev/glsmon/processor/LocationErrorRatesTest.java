package dev.glsmon.processor;

import static dev.glsmon.processor.TopologyFixture.snapshot;
import static dev.glsmon.processor.TopologyFixture.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.glsmon.processor.metrics.MicrometerProcessorMetrics;
import dev.glsmon.schemas.LocationErrorRate;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ARCHITECTURE.md "Error rate per location": terminations per location in windows (record time),
 * final results once a window closes (end + grace), a live value per location and window; UNKNOWN is
 * not an error but its own share.
 */
class LocationErrorRatesTest {

    private static final Map<String, String> ONE_MINUTE = Map.of("windows", "1m", "window-grace", "30s");

    /** A session seen for the first time already ended, observed at {@code at}: one termination. */
    private static void end(TopologyFixture fixture, String id, String location, String status, String reason,
            Instant at) {
        fixture.at(at).pipe(snapshot(id, status).setStatusReason(reason).setLocation(location)
                .setLastUpdatedAt(at.minusSeconds(1)));
    }

    @Test
    void emitsAWindowsFinalResultOnlyAfterItsEndPlusGrace() {
        try (TopologyFixture fixture = new TopologyFixture(ONE_MINUTE)) {
            end(fixture, "a", "us-west-2", "TERMINATED", "applicationExit", t(5));
            end(fixture, "b", "us-west-2", "ERROR", "placementTimeout", t(20));
            end(fixture, "c", "us-west-2", "TERMINATED", "idleTimeout", t(59));
            end(fixture, "d", "eu-west-1", "TERMINATED", "idleTimeout", t(30));
            fixture.at(t(89)).cycle();
            assertThat(fixture.finalRates()).as("before end + grace").isEmpty();

            fixture.at(t(90)).cycle();

            List<KeyValue<String, LocationErrorRate>> results = fixture.finalRates();
            assertThat(results).extracting(kv -> kv.key).containsExactlyInAnyOrder(
                    "us-west-2|1m|2026-11-23T10:00:00Z", "eu-west-1|1m|2026-11-23T10:00:00Z");
            LocationErrorRate usWest = results.stream().filter(kv -> kv.key.startsWith("us-west-2")).findFirst()
                    .orElseThrow().value;
            assertThat(usWest.getLocation()).isEqualTo("us-west-2");
            assertThat(usWest.getWindow()).isEqualTo("1m");
            assertThat(usWest.getWindowStart()).isEqualTo(t(0));
            assertThat(usWest.getWindowEnd()).isEqualTo(t(60));
            assertThat(usWest.getTerminations()).isEqualTo(3);
            assertThat(usWest.getErrors()).isEqualTo(2);
            assertThat(usWest.getErrorRatio()).isEqualTo(2 / 3.0);
            assertThat(usWest.getCountsByCategory())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("APPLICATION_CRASH", 1L, "CAPACITY", 1L, "NORMAL", 1L));

            fixture.at(t(300)).cycle();
            assertThat(fixture.finalRates()).as("each window's result comes once").isEmpty();
        }
    }

    @Test
    void acceptsLateTerminationsWithinGraceAndDropsLaterOnes() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (TopologyFixture fixture = new TopologyFixture(ONE_MINUTE, new MicrometerProcessorMetrics(registry))) {
            end(fixture, "a", "us-west-2", "TERMINATED", "idleTimeout", t(10));
            fixture.at(t(80)).cycle(); // stream time 80 s: window [0, 60) still open for 10 s
            end(fixture, "late-but-in-grace", "us-west-2", "TERMINATED", "applicationExit", t(50));
            fixture.at(t(95)).cycle(); // closes [0, 60)
            end(fixture, "too-late", "us-west-2", "TERMINATED", "applicationExit", t(40));

            assertThat(fixture.finalRates()).singleElement().satisfies(kv -> {
                assertThat(kv.value.getTerminations()).isEqualTo(2);
                assertThat(kv.value.getErrors()).isEqualTo(1);
            });
            assertThat(registry.get("glsmon.error.rate.late.terminations").tag("window", "1m").counter().count())
                    .isEqualTo(1.0);
        }
    }

    @Test
    void closesWindowsOnPollCycleMarkersAlone() {
        try (TopologyFixture fixture = new TopologyFixture(ONE_MINUTE)) {
            end(fixture, "a", "us-west-2", "ERROR", "internalError", t(10));
            // no more snapshots: only markers of another stream group move time on
            for (int s = 20; s <= 120; s += 20) {
                fixture.at(t(s)).cycle("sg-quiet", true);
            }

            assertThat(fixture.finalRates()).extracting(kv -> kv.key).containsExactly("us-west-2|1m|2026-11-23T10:00:00Z");
        }
    }

    @Test
    void countsATerminationInEveryHoppingWindowThatCoversIt() {
        try (TopologyFixture fixture = new TopologyFixture(Map.of("windows", "5m:1m", "window-grace", "0s"))) {
            end(fixture, "a", "us-west-2", "ERROR", "internalError", t(290)); // in [T0-4m..T0+4m] starts covering 290 s

            fixture.at(t(900)).cycle();

            assertThat(fixture.finalRates()).extracting(kv -> kv.value.getWindowStart()).containsExactly(
                    t(0), t(60), t(120), t(180), t(240));
        }
    }

    @Test
    void publishesTheLiveRatioToEveryInstanceAndAsAGauge() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (TopologyFixture fixture = new TopologyFixture(Map.of("windows", "1m,5m:1m"),
                new MicrometerProcessorMetrics(registry))) {
            end(fixture, "a", "us-west-2", "ERROR", "internalError", t(10));
            end(fixture, "b", "us-west-2", "TERMINATED", "idleTimeout", t(20));
            end(fixture, "c", "us-west-2", "TERMINATED", "applicationExit", t(30));

            LocationErrorRate live = fixture.liveRatesStore().get("us-west-2|1m");
            assertThat(live.getTerminations()).isEqualTo(3);
            assertThat(live.getErrors()).isEqualTo(2);
            assertThat(live.getWindowStart()).isEqualTo(t(0));
            assertThat(fixture.liveRatesStore().get("us-west-2|5m").getTerminations()).isEqualTo(3);
            assertThat(registry.get("glsmon.location.error.ratio").tags("location", "us-west-2", "window", "1m")
                    .gauge().value()).isEqualTo(2 / 3.0);
            assertThat(registry.get("glsmon.location.unknown.ratio").tags("location", "us-west-2", "window", "1m")
                    .gauge().value()).isZero();

            fixture.at(t(70)).cycle(); // the next minute: the live 1m window is empty, the 5m one still holds all

            assertThat(fixture.liveRatesStore().get("us-west-2|1m").getTerminations()).isZero();
            assertThat(fixture.liveRatesStore().get("us-west-2|5m").getTerminations()).isEqualTo(3);
            assertThat(registry.get("glsmon.location.error.ratio").tags("location", "us-west-2", "window", "1m")
                    .gauge().value()).isZero();
        }
    }

    @Test
    void takesTheErrorCategoriesFromConfiguration() {
        try (TopologyFixture fixture = new TopologyFixture(Map.of("windows", "1m", "window-grace", "0s",
                "error-categories", "CAPACITY"))) {
            end(fixture, "a", "us-west-2", "ERROR", "placementTimeout", t(10));
            end(fixture, "b", "us-west-2", "TERMINATED", "applicationExit", t(20));
            fixture.at(t(61)).advance(Duration.ZERO).cycle();

            assertThat(fixture.finalRates()).singleElement().satisfies(kv -> {
                assertThat(kv.value.getErrors()).isEqualTo(1);
                assertThat(kv.value.getErrorRatio()).isEqualTo(0.5);
            });
        }
    }

    private static final String DEFAULT_ERRORS = "APPLICATION_CRASH,CAPACITY,PLATFORM,CLIENT";
    private static final String UNKNOWN_TOO = "APPLICATION_CRASH,CAPACITY,PLATFORM,CLIENT,UNKNOWN";

    /**
     * One minute of terminations in one location, each a StatusReason ({@code -}: none ever came;
     * {@code newerApiReason}: a reason the mapping lacks), and the window's final result.
     */
    @ParameterizedTest(name = "{0}: errors {3}, unknown {4}, error ratio {5}, unknown share {6}")
    @CsvSource(delimiter = '|', textBlock = """
        # case                                            | error categories | reasons                                       | errors | unknown | error ratio | unknown share
        no unknown ends                                   | default          | applicationExit idleTimeout idleTimeout idleTimeout | 1 | 0 | 0.25  | 0.0
        an UNKNOWN end raises the unknown share only      | default          | applicationExit idleTimeout idleTimeout idleTimeout - | 1 | 1 | 0.25 | 0.2
        ends without a reason do not dilute the ratio     | default          | applicationExit idleTimeout - -               | 1      | 2       | 0.5         | 0.5
        a reason the mapping lacks is UNKNOWN too         | default          | placementTimeout idleTimeout newerApiReason   | 1      | 1       | 0.5         | 0.3333333333333333
        only UNKNOWN ends: no ratio to judge, share 100%  | default          | - -                                           | 0      | 2       | 0.0         | 1.0
        UNKNOWN configured as an error counts in both     | unknown too      | applicationExit idleTimeout - -               | 3      | 2       | 0.75        | 0.5
        UNKNOWN configured, only UNKNOWN ends             | unknown too      | - -                                           | 2      | 2       | 1.0         | 1.0
        """)
    void takesTheErrorRatioOverKnownEndsAndTheUnknownShareOverAll(String name, String errorCategories,
            String reasons, long errors, long unknown, double errorRatio, double unknownShare) {
        Map<String, String> settings = Map.of("windows", "1m", "window-grace", "0s", "reason-wait-cycles", "0",
                "error-categories", errorCategories.equals("default") ? DEFAULT_ERRORS : UNKNOWN_TOO);
        try (TopologyFixture fixture = new TopologyFixture(settings)) {
            String[] each = reasons.trim().split("\\s+");
            for (int i = 0; i < each.length; i++) {
                String reason = each[i].equals("-") ? null : each[i];
                String status = "placementTimeout".equals(reason) ? "ERROR" : "TERMINATED";
                end(fixture, "s" + i, "us-west-2", status, reason, t(10 + i));
            }
            fixture.at(t(61)).cycle();

            assertThat(fixture.finalRates()).singleElement().satisfies(kv -> {
                assertThat(kv.value.getTerminations()).isEqualTo(each.length);
                assertThat(kv.value.getErrors()).as("errors").isEqualTo(errors);
                assertThat(kv.value.getUnknown()).as("unknown").isEqualTo(unknown);
                assertThat(kv.value.getErrorRatio()).as("error ratio").isCloseTo(errorRatio, within(1e-9));
                assertThat(kv.value.getUnknownRatio()).as("unknown share").isCloseTo(unknownShare, within(1e-9));
                assertThat(kv.value.getCountsByCategory().getOrDefault("UNKNOWN", 0L)).isEqualTo(unknown);
            });
        }
    }

    @Test
    void countsAVanishedSessionAsUnknownInTheLiveGauges() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (TopologyFixture fixture = new TopologyFixture(Map.of("windows", "1m"),
                new MicrometerProcessorMetrics(registry))) {
            end(fixture, "crashed", "us-west-2", "TERMINATED", "applicationExit", t(1));
            end(fixture, "idle", "us-west-2", "TERMINATED", "idleTimeout", t(2));
            assertThat(registry.get("glsmon.location.unknown.ratio").tags("location", "us-west-2", "window", "1m")
                    .gauge().value()).as("present with the error ratio, at 0").isZero();

            fixture.at(t(3)).pipe(snapshot("lost", "CONNECTED").setLastUpdatedAt(t(2))).cycle();
            fixture.advance(Duration.ofSeconds(10)).cycle();
            fixture.advance(Duration.ofSeconds(10)).cycle(); // second complete cycle without it: VANISHED

            LocationErrorRate live = fixture.liveRatesStore().get("us-west-2|1m");
            assertThat(live.getTerminations()).isEqualTo(3);
            assertThat(live.getUnknown()).isEqualTo(1);
            assertThat(live.getErrorRatio()).isEqualTo(0.5);
            assertThat(registry.get("glsmon.location.error.ratio").tags("location", "us-west-2", "window", "1m")
                    .gauge().value()).isEqualTo(0.5);
            assertThat(registry.get("glsmon.location.unknown.ratio").tags("location", "us-west-2", "window", "1m")
                    .gauge().value()).isEqualTo(1 / 3.0);
        }
    }
}
