package dev.glsmon.poller.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

    private static final String LIST = ApiOperations.LIST_STREAM_SESSIONS;
    private static final String GROUPS = ApiOperations.LIST_STREAM_GROUPS;

    private long now = 1_000_000_000L;
    private final List<Long> sleeps = new ArrayList<>();
    private double share = 1.0;
    private final RateLimits limits = new RateLimits(Map.of(LIST, 16.0, GROUPS, 8.0), () -> share,
            Duration.ofMinutes(2), () -> now, nanos -> {
                sleeps.add(nanos);
                now += nanos;
            });

    private void advance(Duration duration) {
        now += duration.toNanos();
    }

    @Test
    void pacesEachOperationAtItsShareOfTheAccountWideBudget() throws InterruptedException {
        share = 0.25;
        for (int i = 0; i < 3; i++) {
            limits.acquire(LIST);
        }

        assertThat(limits.currentRate(LIST)).isEqualTo(4.0);
        assertThat(limits.currentRate(GROUPS)).isEqualTo(2.0);
        assertThat(sleeps).containsExactly(250_000_000L, 250_000_000L);
    }

    @Test
    void aNewShareAppliesFromTheNextCall() throws InterruptedException {
        share = 0.5;
        limits.acquire(LIST);
        share = 1.0;
        limits.acquire(LIST);

        assertThat(sleeps).containsExactly(62_500_000L);
    }

    @Test
    void aThrottleHalvesOnlyItsOwnOperationAndTheRateClimbsBackToTheShare() {
        share = 0.5;
        limits.throttled(LIST);
        limits.throttled(LIST); // the same burst

        assertThat(limits.currentRate(LIST)).isEqualTo(4.0);
        assertThat(limits.currentRate(GROUPS)).isEqualTo(4.0);
        advance(Duration.ofSeconds(5)); // +5% of the share (8/s) per second
        assertThat(limits.currentRate(LIST)).isCloseTo(6.0, offset(1e-9));
        advance(Duration.ofSeconds(60));
        assertThat(limits.currentRate(LIST)).isEqualTo(8.0);
    }

    @Test
    void neverPacesBelowTheMinimumRateNorAboveTheBudget() {
        share = 0.0; // e.g. more instances than stream-groups partitions
        assertThat(limits.currentRate(LIST)).isEqualTo(RateLimits.MIN_RATE);

        RateLimits tiny = RateLimits.of(Map.of(LIST, 0.2), () -> 1.0, Duration.ofMinutes(1));
        tiny.throttled(LIST);
        assertThat(tiny.currentRate(LIST)).isEqualTo(0.2);
    }

    @Test
    void operationsWithoutABudgetAreNotPaced() throws InterruptedException {
        assertThat(limits.acquire(ApiOperations.EXPORT_STREAM_SESSION_FILES)).isTrue();
        limits.throttled(ApiOperations.EXPORT_STREAM_SESSION_FILES);

        assertThat(sleeps).isEmpty();
        assertThat(limits.currentRate(ApiOperations.EXPORT_STREAM_SESSION_FILES)).isNaN();
    }

    @Test
    void exportsTheRateOfEveryOperationUnderItsPrometheusName() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RateLimits.of(Map.of(LIST, 16.0, GROUPS, 8.0, ApiOperations.GET_STREAM_SESSION, 16.0,
                ApiOperations.LIST_STREAM_SESSIONS_BY_ACCOUNT, 16.0, ApiOperations.EXPORT_STREAM_SESSION_FILES, 16.0),
                () -> 0.5, Duration.ofMinutes(1)).bindTo(registry);

        String scrape = registry.scrape();

        for (String operation : ApiOperations.ALL) {
            assertThat(scrape).contains("glsmon_poller_api_rate_limit_requests_per_second{operation=\"" + operation + "\"}");
        }
        assertThat(scrape).contains("glsmon_poller_api_rate_limit_requests_per_second{operation=\"ListStreamSessions\"} 8.0")
                .contains("glsmon_poller_api_rate_limit_requests_per_second{operation=\"ListStreamGroups\"} 4.0");
    }
}
