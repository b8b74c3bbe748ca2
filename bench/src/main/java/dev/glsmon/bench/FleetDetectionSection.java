package dev.glsmon.bench;

import dev.glsmon.poller.PollerApp;
import dev.glsmon.poller.PollerConfig;
import dev.glsmon.testbed.SimulatorTestbed;
import dev.glsmon.poller.config.FastLaneMode;
import dev.glsmon.poller.config.FastLaneSettings;
import dev.glsmon.testbed.KafkaTestSupport;
import dev.glsmon.schemas.SessionTransition;
import dev.glsmon.simulator.ApiOperation;
import dev.glsmon.simulator.Simulator;
import dev.glsmon.simulator.TruthEvent;
import dev.glsmon.simulator.scenario.Scenario;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 4 at fleet size (issue 12): a steady fleet ({@link Scenario#fleet}, 100,000 sessions in 200
 * stream groups at full size) on the wall clock (time x1), the simulator enforcing the service's
 * rate limits, the poller at its defaults (budgets, auto poll interval: a full sweep takes about a
 * minute) with the fast lane on and then off, the processor behind it. For the changes that matter
 * (into PENDING_CLIENT_RECONNECTION; an end, into TERMINATING or TERMINATED; into ERROR) the time
 * from the change to its transition on the topic (broker append time), p50 and p99, the fast lane
 * against the same run without it; and the calls per second of each operation in the measured
 * window against the budget, with the throttled ones in each row's note. A change or an operation
 * that a run did not see gets no row: a figure must stand next to a baseline.
 */
final class FleetDetectionSection implements BenchSection {

    private static final Logger LOG = LoggerFactory.getLogger(FleetDetectionSection.class);
    /** Without the fast lane a change waits for the sweep: allow several. */
    private static final Duration MATCH_WINDOW = Duration.ofMinutes(4);
    private static final double TARGET_SECONDS = 2.0;

    /** The changes measured, each a family of statuses that count as one change. */
    static final Map<String, Set<String>> CHANGES = new LinkedHashMap<>();

    static {
        CHANGES.put("PENDING_CLIENT_RECONNECTION", Set.of("PENDING_CLIENT_RECONNECTION"));
        CHANGES.put("TERMINATING/TERMINATED", Set.of("TERMINATING", "TERMINATED"));
        CHANGES.put("ERROR", Set.of("ERROR"));
    }

    @Override
    public String name() {
        return "4. latency, fleet";
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws Exception {
        Run on = measure(context, FastLaneMode.ON);
        Run off = measure(context, FastLaneMode.OFF);
        return results(on, off, context.size());
    }

    /** One run's figures: latencies per change, calls per second and throttled calls per operation. */
    record Run(FastLaneMode mode, Map<String, DetectionLatencySection.Latencies> latencies,
            Map<ApiOperation, Double> callsPerSecond, Map<ApiOperation, Long> throttled, double sweepSeconds,
            double fastSweepSeconds, int sessions, long windowSeconds) {}

    private Run measure(BenchContext context, FastLaneMode mode) throws Exception {
        Size size = context.size();
        ProcessorRig rig = new ProcessorRig(context, "fleet-" + mode.name().toLowerCase());
        String bootstrap = rig.bootstrapServers;
        String transitionsTopic = rig.config.topics().sessionTransitions().name();
        DetectionLatencySection.stampOnAppend(bootstrap, transitionsTopic);
        Instant start = Instant.now();
        Instant windowStart;
        Instant windowEnd;
        List<TruthEvent> truth;
        Map<ApiOperation, Long> before;
        Map<ApiOperation, Long> after;
        Map<ApiOperation, Long> throttled = new EnumMap<>(ApiOperation.class);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        int sessions;
        try (Simulator sim = Simulator.builder().scenario(Scenario.fleet(size.fleetSessions(), size.fleetGroups()))
                        .seed(42).clock(Clock.systemUTC()).requestLogCapacity(0).start();
                ProcessorRig.Instance processor = rig.start()) {
            sim.faults().enforceRateLimits(true);
            sessions = sim.control().sessions().size();
            PollerConfig config = DetectionLatencySection.pollerConfig(sim, rig)
                    .fastLane(FastLaneSettings.defaults().withMode(mode))
                    .pollerId("bench-fleet-" + mode.name().toLowerCase())
                    .build();
            try (PollerApp poller = PollerApp.builder(config).credentialsProvider(SimulatorTestbed.CREDENTIALS)
                    .meterRegistry(registry).start()) {
                // the processor learns the fleet from the first full sweep: changes count from then on
                KafkaTestSupport.await("the processor to run and the first full sweep", Duration.ofMinutes(10),
                        () -> processor.app().streams().state() == KafkaStreams.State.RUNNING
                                && sweeps(registry).count() >= 1);
                windowStart = Instant.now().plusSeconds(2);
                LOG.info("{}: {} sessions, fast lane {}, measuring for {} s", name(), sessions, mode,
                        size.fleetSeconds());
                Thread.sleep(Duration.between(Instant.now(), windowStart).toMillis());
                before = sim.requests().counts();
                Thread.sleep(size.fleetSeconds() * 1000L);
                windowEnd = Instant.now();
                after = sim.requests().counts();
                // the window's last changes still get listed: by the fast lane, or by the next sweeps
                Thread.sleep(mode == FastLaneMode.ON ? 5_000
                        : Math.max(5_000, (long) (sweeps(registry).mean(TimeUnit.MILLISECONDS) * 1.5)));
            }
            Thread.sleep(2_000); // the processor's last commit
            for (ApiOperation operation : ApiOperation.values()) {
                throttled.put(operation, sim.requests().count(operation, 429));
            }
            truth = sim.truth().statusChanges();
        }
        List<ConsumerRecord<String, SessionTransition>> transitions =
                KafkaTestSupport.readCommitted(bootstrap, transitionsTopic, SessionTransition.class);
        DetectionLatencySection.WallTime wall = new DetectionLatencySection.WallTime(start, 1.0);
        Map<String, DetectionLatencySection.Latencies> latencies = new LinkedHashMap<>();
        CHANGES.forEach((change, family) -> latencies.put(change, DetectionLatencySection.latencies(truth, transitions,
                wall, windowStart, windowEnd, family, MATCH_WINDOW)));
        double windowSeconds = Duration.between(windowStart, windowEnd).toMillis() / 1000.0;
        Map<ApiOperation, Double> rates = new EnumMap<>(ApiOperation.class);
        after.forEach((operation, count) ->
                rates.put(operation, (count - before.getOrDefault(operation, 0L)) / windowSeconds));
        Timer fast = registry.find("glsmon.poller.fast.lane.sweep").timer();
        return new Run(mode, latencies, rates, throttled, sweeps(registry).mean(TimeUnit.MILLISECONDS) / 1000,
                fast == null ? Double.NaN : fast.mean(TimeUnit.MILLISECONDS) / 1000, sessions, Math.round(windowSeconds));
    }

    private static Timer sweeps(SimpleMeterRegistry registry) {
        return registry.get("glsmon.poller.cycle").timer();
    }

    private List<BenchResult> results(Run on, Run off, Size size) {
        List<BenchResult> results = new ArrayList<>();
        String where = String.format("%,d sessions in %d stream groups, time x1, simulator enforcing the service's"
                        + " limits; fast lane (default settings: every 1 s, 0.75 of the ListStreamSessionsByAccount"
                        + " budget, %s) on: full sweep %.1f s, fast sweep %.2f s on average; off: full sweep %.1f s;"
                        + " each run measured for %d s after the first full sweep",
                on.sessions(), size.fleetGroups(), FastLaneSettings.DEFAULT_STATUSES, on.sweepSeconds(),
                on.fastSweepSeconds(), off.sweepSeconds(), on.windowSeconds());
        for (String change : CHANGES.keySet()) {
            DetectionLatencySection.Latencies withLane = on.latencies().get(change);
            DetectionLatencySection.Latencies without = off.latencies().get(change);
            if (withLane.total().isEmpty() || without.total().isEmpty()) {
                // a small fleet may see no change of a kind in its window: no figure rather than NaN
                LOG.info("{}: no change into {} seen in one of the runs ({} with the fast lane, {} without): no row",
                        name(), change, withLane.total().size(), without.total().size());
                continue;
            }
            String note = String.format("%s; target p99 <= %.1f s with the fast lane; changes seen: %,d of %,d with the"
                            + " fast lane, %,d of %,d without (the rest undone before a poll listed them); with the"
                            + " fast lane, until a listing p99 %.2f s, from the listing to the topic p99 %.2f s", where,
                    TARGET_SECONDS, withLane.total().size(), withLane.changes(), without.total().size(),
                    without.changes(), DetectionLatencySection.seconds(withLane.listed(), 0.99),
                    DetectionLatencySection.seconds(withLane.pipeline(), 0.99));
            for (double p : new double[] {0.50, 0.99}) {
                results.add(BenchResult.of(name(), String.format("detection p%.0f into %s, fast lane on", p * 100, change),
                                DetectionLatencySection.seconds(withLane.total(), p), "s", "fast lane off (the sweep)",
                                DetectionLatencySection.seconds(without.total(), p), "lower")
                        .withNote(note));
            }
        }
        for (Run run : List.of(on, off)) {
            for (ApiOperation operation : List.of(ApiOperation.LIST_STREAM_SESSIONS,
                    ApiOperation.LIST_STREAM_SESSIONS_BY_ACCOUNT, ApiOperation.GET_STREAM_SESSION)) {
                double budget = PollerConfig.Builder.defaultRateLimits().get(operation.wireName());
                double rate = run.callsPerSecond().getOrDefault(operation, 0.0);
                if (rate == 0) {
                    continue; // an operation the run did not use (by account without the fast lane, Gets in a small fleet)
                }
                results.add(BenchResult.of(name(), String.format("%s calls/s, fast lane %s", operation.wireName(),
                                run.mode().name().toLowerCase()), rate,
                        "calls/s", "the poller's budget", budget, "lower").withNote(String.format(
                        "%s throttled (HTTP 429) in the run: %d; the service's limit is 20/s", operation.wireName(),
                        run.throttled().getOrDefault(operation, 0L))));
            }
        }
        return results;
    }
}
