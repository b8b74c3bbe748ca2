package dev.glsmon.poller;

import dev.glsmon.testbed.CycleCalls;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.poller.aws.ApiOperations;
import dev.glsmon.poller.cycle.CycleReport;
import dev.glsmon.simulator.OperationFaults;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Cycle time at 100,000 sessions in 200 stream groups, at the service's rate limits (enforced by the
 * simulator), with and without 30 ms per call. Minutes long: run with {@code -Dglsmon.scale=true}.
 * It prints its figures; it asserts only correctness, never time.
 */
@EnabledIfSystemProperty(named = "glsmon.scale", matches = "true")
class ScaleIT extends WithTestbed {

    private static final int SESSIONS = 100_000;
    private static final int GROUPS = 200;

    @Test
    void measuresCycleTimeAtOneHundredThousandSessions() throws Exception {
        List<String> groups = bed.sim.control().populate(SESSIONS, GROUPS);
        bed.sim.faults().enforceRateLimits(true);
        double rate = Double.parseDouble(System.getProperty("glsmon.scale.rate", "20"));
        PollerConfig.Builder config = bed.config().streamGroups(groups).pageSize(100);
        for (String operation : ApiOperations.ALL) {
            config.rateLimit(operation, operation.equals(ApiOperations.LIST_STREAM_GROUPS) ? rate / 2 : rate);
        }
        config.throttlingBaseDelay(java.time.Duration.ofMillis(500)).retryMaxBackoff(java.time.Duration.ofSeconds(20));
        PollerApp app = bed.manualApp(config.build());

        Result plain = cycle(app, "no added latency, first cycle");
        Result steady = cycle(app, "no added latency, steady cycle");
        bed.sim.faults().setDefault(OperationFaults.NONE.withLatencyMillis(30));
        Result slow = cycle(app, "30 ms per call");

        // what the poller itself costs: no rate limit, no latency
        bed.sim.faults().clear();
        bed.sim.faults().enforceRateLimits(false);
        PollerConfig.Builder unlimited = bed.config().streamGroups(groups).pageSize(100).pollerId("unlimited");
        Result free = cycle(bed.manualApp(unlimited.build()), "no rate limit (poller-bound)");

        System.out.printf("%n[glsmon measurement] %,d sessions / %d groups, page 100, client rate %.0f/s per operation, "
                + "simulator enforcing 20/s%n", SESSIONS, GROUPS, rate);
        for (Result r : List.of(plain, steady, slow, free)) {
            System.out.printf("  %-32s: %6.1f s, %,d list + %,d get calls, %,d answered 429, %s%n", r.name,
                    r.report.duration().toMillis() / 1000.0, r.list, r.get, r.throttled,
                    r.report.allComplete() ? "complete" : "INCOMPLETE");
        }
        System.out.printf("  (the last row: simulator limits off, client limits 2,000/s: what the poller itself costs)%n");
        int pages = CycleCalls.pagesLowerBound(bed.sim, 100);
        System.out.printf("  lower bound at 20/s: %.1f s (%,d pages)%n%n", pages / 20.0, pages);
        assertThat(List.of(plain, steady, slow, free)).allSatisfy(r -> {
            assertThat(r.report.sessions()).isEqualTo(SESSIONS);
            assertThat(r.list).isEqualTo(pages);
        });
    }

    private record Result(String name, CycleReport report, long list, long get, long throttled) {}

    private Result cycle(PollerApp app, String name) throws Exception {
        CycleCalls<CycleReport> calls = CycleCalls.measure(bed.sim, () -> app.poller().pollOnce());
        return new Result(name, calls.report(), calls.list(), calls.get(), calls.throttled());
    }
}
