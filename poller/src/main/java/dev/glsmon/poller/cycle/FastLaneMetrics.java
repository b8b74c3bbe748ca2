package dev.glsmon.poller.cycle;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code glsmon_poller_fast_lane_on} (1 while the fast lane runs), {@code
 * glsmon_poller_fast_lane_sweeps_total{outcome}}, {@code glsmon_poller_fast_lane_sweep_seconds} and
 * {@code glsmon_poller_fast_lane_sessions} (sessions in watched statuses at the last complete sweep).
 */
public final class FastLaneMetrics {

    private final AtomicInteger on = new AtomicInteger();
    private final AtomicInteger sessions = new AtomicInteger();
    private final Counter complete;
    private final Counter incomplete;
    private final Timer sweep;

    public FastLaneMetrics(MeterRegistry registry) {
        Gauge.builder("glsmon.poller.fast.lane.on", on, AtomicInteger::get)
                .description("1 while the fast lane lists the watched statuses, 0 while it is off (auto mode: full sweeps are fast)")
                .register(registry);
        Gauge.builder("glsmon.poller.fast.lane.sessions", sessions, AtomicInteger::get)
                .description("Sessions of this instance's stream groups in a watched status at the last complete fast sweep")
                .register(registry);
        complete = sweeps(registry, PollerMetrics.OUTCOME_COMPLETE);
        incomplete = sweeps(registry, PollerMetrics.OUTCOME_INCOMPLETE);
        sweep = Timer.builder("glsmon.poller.fast.lane.sweep")
                .description("Duration of one fast sweep (every watched status listed once)")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry);
    }

    private static Counter sweeps(MeterRegistry registry, String outcome) {
        return Counter.builder("glsmon.poller.fast.lane.sweeps")
                .description("Fast sweeps by outcome (incomplete: a listing failed or the poller stopped)")
                .tag("outcome", outcome)
                .register(registry);
    }

    void on(boolean value) {
        on.set(value ? 1 : 0);
    }

    void swept(boolean wasComplete, Duration took, int watched) {
        (wasComplete ? complete : incomplete).increment();
        sweep.record(took);
        if (wasComplete) {
            sessions.set(watched);
        }
    }
}
