package dev.glsmon.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.glsmon.poller.aws.RateLimits;
import dev.glsmon.simulator.ApiOperation;
import dev.glsmon.simulator.OperationFaults;
import dev.glsmon.simulator.RequestRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAccumulator;
import org.junit.jupiter.api.Test;

/**
 * Two poller instances on one simulator that enforces the service's limits (20 requests/s per
 * operation), with the product's budget (16/s for ListStreamSessions, shared by both) and
 * {@code --poll-interval auto}: together they stay within the budget and are never throttled, and
 * under a throttling storm both slow down and then climb back to their shares.
 */
class SharedBudgetIT extends WithTestbed {

    private static final String LISTING = "ListStreamSessions";
    private static final double BUDGET = PollerConfig.DEFAULT_SESSION_RATE;
    private static final int SESSIONS = 4_000;
    private static final int GROUPS = 12;
    private static final int PAGE = 50; // 7 pages per group: cycles long enough to keep the listing busy
    private static final Duration STEADY = Duration.ofSeconds(120); // issue 11: "a steady 2-minute run"
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int INSTANCES = 2;

    private PollerApp instance(String pollerId, List<String> groups, MeterRegistry registry) throws InterruptedException {
        PollerConfig.Builder config = bed.config()
                .streamGroups(groups)
                .coordination(Coordination.KAFKA)
                .groupId("pollers-" + bed.prefix)
                .pageSize(PAGE)
                .pollerId(pollerId)
                // the product's backoff: retries are not paced by the budget, so they must wait
                .retryBaseDelay(Duration.ofMillis(100))
                .throttlingBaseDelay(Duration.ofMillis(500))
                .retryMaxBackoff(Duration.ofSeconds(20));
        PollerConfig.Builder.defaultRateLimits().forEach(config::rateLimit); // the product's budget, not the tests'
        return bed.track(PollerApp.builder(config.build()).credentialsProvider(Testbed.CREDENTIALS)
                .meterRegistry(registry).start());
    }

    private static double rateGauge(MeterRegistry registry) {
        return registry.get(RateLimits.RATE_GAUGE).tag("operation", LISTING).gauge().value();
    }

    @Test
    void twoInstancesShareTheBudgetUnthrottledAndBackOffTogetherInAThrottlingStorm() throws Exception {
        List<String> groups = bed.sim.control().populate(SESSIONS, GROUPS);
        bed.sim.faults().enforceRateLimits(true);
        MeterRegistry registryA = new SimpleMeterRegistry();
        MeterRegistry registryB = new SimpleMeterRegistry();
        PollerApp a = instance("poller-a", groups, registryA);
        PollerApp b = instance("poller-b", groups, registryB);
        Testbed.await("the two instances split the stream-groups partitions", WAIT, () -> {
            Set<String> union = new HashSet<>(a.streamGroups().current());
            union.addAll(b.streamGroups().current());
            return a.rateLimits().share() > 0 && b.rateLimits().share() > 0
                    && Math.abs(a.rateLimits().share() + b.rateLimits().share() - 1) < 1e-9
                    && union.containsAll(groups);
        });
        double shareA = a.rateLimits().share();
        double shareB = b.rateLimits().share();
        assertThat(rateGauge(registryA)).isCloseTo(shareA * BUDGET, offset(1e-9));
        assertThat(rateGauge(registryB)).isCloseTo(shareB * BUDGET, offset(1e-9));

        // (1) steady: a measurement window, not a wait for a condition
        Instant steadyFrom = Instant.now();
        Thread.sleep(STEADY.toMillis());
        Instant steadyUntil = Instant.now();
        List<RequestRecord> steady = between(steadyFrom, steadyUntil);
        assertThat(a.rateLimits().share()).as("no rebalance during the window").isEqualTo(shareA);
        assertThat(b.rateLimits().share()).isEqualTo(shareB);
        assertThat(steady).as("throttled calls in the steady window").noneMatch(r -> r.httpStatus() == 429);
        Map<ApiOperation, WindowStats> stats = new EnumMap<>(ApiOperation.class);
        for (ApiOperation operation : ApiOperation.values()) {
            WindowStats s = WindowStats.of(steady, operation, steadyFrom, steadyUntil);
            if (s.calls() > 0) {
                stats.put(operation, s);
            }
        }
        stats.forEach((operation, s) -> System.out.printf("[glsmon measurement] steady %d s, %s: %s%n",
                STEADY.toSeconds(), operation.wireName(), s));
        assertThat(stats).containsKey(ApiOperation.LIST_STREAM_SESSIONS);
        stats.forEach((operation, s) -> {
            double budget = PollerConfig.Builder.defaultRateLimits().get(operation.wireName());
            // each instance's bucket may grant one slot more than its rate in a window (the free token at
            // its start), and calls reach the server with some jitter: 5% over the budget in 5 s covers both
            assertThat(s.meanPerSecond()).as("%s mean rate of both instances", operation)
                    .isLessThanOrEqualTo(budget + (double) INSTANCES / STEADY.toSeconds());
            assertThat(s.maxIn5s()).as("%s calls of both in a 5 s window", operation)
                    .isLessThanOrEqualTo((int) Math.floor(budget * 5 * 1.05));
            assertThat(s.maxIn1s()).as("%s calls of both in a 1 s window: the service's limit", operation)
                    .isLessThanOrEqualTo(operation.ratePerSecond());
        });
        WindowStats listing = stats.get(ApiOperation.LIST_STREAM_SESSIONS);
        assertThat(listing.meanPerSecond()).as("auto interval keeps the listing busy within its budget")
                .isGreaterThan(BUDGET / 2);

        // (2) a storm: half the listing calls throttled, until both instances slowed to a quarter of their shares
        DoubleAccumulator minA = new DoubleAccumulator(Math::min, Double.MAX_VALUE);
        DoubleAccumulator minB = new DoubleAccumulator(Math::min, Double.MAX_VALUE);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        Instant stormFrom;
        Instant stormUntil;
        Duration recovery;
        try {
            sampler.scheduleAtFixedRate(() -> {
                minA.accumulate(rateGauge(registryA));
                minB.accumulate(rateGauge(registryB));
            }, 0, 50, TimeUnit.MILLISECONDS);
            stormFrom = Instant.now();
            bed.sim.faults().set(ApiOperation.LIST_STREAM_SESSIONS, OperationFaults.NONE.withThrottleProbability(0.5));
            Testbed.await("both instances slowed to a quarter of their shares", WAIT,
                    () -> minA.get() <= shareA * BUDGET / 4 && minB.get() <= shareB * BUDGET / 4);
            bed.sim.faults().clear(); // the service's rate limits stay enforced
            stormUntil = Instant.now();
            Testbed.await("both instances back at their shares", Duration.ofMinutes(1),
                    () -> rateGauge(registryA) >= shareA * BUDGET - 1e-9 && rateGauge(registryB) >= shareB * BUDGET - 1e-9);
            recovery = Duration.between(stormUntil, Instant.now());
        } finally {
            sampler.shutdownNow();
        }
        List<RequestRecord> storm = between(stormFrom, stormUntil);
        // answers to requests that were in flight when the storm ended are the storm's
        Instant afterStorm = stormUntil.plusSeconds(1);
        List<RequestRecord> recovering = between(afterStorm, Instant.now());
        assertThat(recovery).isLessThan(Duration.ofMinutes(1));
        assertThat(recovering).as("throttled calls while the rates climbed back").noneMatch(r -> r.httpStatus() == 429);

        System.out.printf("%n[glsmon measurement] two instances, one budget of %.0f ListStreamSessions/s, simulator "
                + "enforcing 20/s%n", BUDGET);
        System.out.printf("  shares: a %.3f (%.2f/s), b %.3f (%.2f/s); poll interval now a %d ms, b %d ms%n", shareA,
                shareA * BUDGET, shareB, shareB * BUDGET, a.pollInterval().toMillis(), b.pollInterval().toMillis());
        stats.forEach((operation, s) -> System.out.printf(
                "  steady %d s, %s: %d calls, both together %.2f/s mean, max %d in 1 s, max %d in 5 s, %d throttled%n",
                STEADY.toSeconds(), operation.wireName(), s.calls(), s.meanPerSecond(), s.maxIn1s(), s.maxIn5s(),
                steady.stream().filter(r -> r.operation() == operation && r.httpStatus() == 429).count()));
        System.out.printf("  storm (50%% of ListStreamSessions throttled) %.1f s: %d calls, %d throttled; rate gauge min "
                + "a %.2f/s, b %.2f/s%n", Duration.between(stormFrom, stormUntil).toMillis() / 1000.0,
                storm.stream().filter(r -> r.operation() == ApiOperation.LIST_STREAM_SESSIONS).count(),
                storm.stream().filter(r -> r.httpStatus() == 429).count(), minA.get(), minB.get());
        System.out.printf("  back at the shares %.1f s after the storm; %d throttled calls since%n%n",
                recovery.toMillis() / 1000.0, recovering.stream().filter(r -> r.httpStatus() == 429).count());
    }

    private List<RequestRecord> between(Instant from, Instant until) {
        return bed.sim.requests().records().stream()
                .filter(r -> !r.wallTime().isBefore(from) && r.wallTime().isBefore(until))
                .toList();
    }

    /** One operation's calls in a time range: the mean rate and the most calls in a 1 s and a 5 s window of it. */
    private record WindowStats(long calls, double meanPerSecond, int maxIn1s, int maxIn5s, List<Integer> perSecond) {

        static WindowStats of(List<RequestRecord> records, ApiOperation operation, Instant from, Instant until) {
            int seconds = (int) Duration.between(from, until).toSeconds();
            int[] counts = new int[seconds];
            long calls = 0;
            for (RequestRecord r : records) {
                if (r.operation() == operation) {
                    calls++;
                    int second = (int) Duration.between(from, r.wallTime()).toSeconds();
                    if (second < seconds) {
                        counts[second]++;
                    }
                }
            }
            int maxIn5s = 0;
            for (int start = 0; start + 5 <= seconds; start += 5) {
                int sum = 0;
                for (int i = start; i < start + 5; i++) {
                    sum += counts[i];
                }
                maxIn5s = Math.max(maxIn5s, sum);
            }
            List<Integer> perSecond = java.util.Arrays.stream(counts).boxed().toList();
            return new WindowStats(calls, calls / (Duration.between(from, until).toMillis() / 1000.0),
                    perSecond.stream().mapToInt(Integer::intValue).max().orElse(0), maxIn5s, perSecond);
        }
    }
}
