package dev.glsmon.poller.cycle;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The poller's own meters (API call meters live in {@code ApiCallMetricsPublisher}). */
public final class PollerMetrics {

    public static final String OUTCOME_COMPLETE = "complete";
    public static final String OUTCOME_INCOMPLETE = "incomplete";
    /** The cycle's records were not acknowledged by Kafka: it published no marker and will be redone. */
    public static final String OUTCOME_FAILED = "failed";

    private final MeterRegistry registry;
    private final Timer cycleTimer;
    private final AtomicLong sessionsObserved = new AtomicLong();
    // starts at process start: "no complete cycle for N intervals" must count from start-up, not 1970
    private final AtomicLong lastCompleteCycleMillis = new AtomicLong(System.currentTimeMillis());
    private final AtomicLong streamGroups = new AtomicLong();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public PollerMetrics(MeterRegistry registry) {
        this(registry, null);
    }

    /** @param pollInterval exported so alert rules can say "no complete cycle for N intervals"; null: not exported */
    public PollerMetrics(MeterRegistry registry, Duration pollInterval) {
        this.registry = registry;
        if (pollInterval != null) {
            // Micrometer holds a gauge's object weakly: nothing else keeps this Duration alive
            Gauge.builder("glsmon.poller.poll.interval.seconds", pollInterval, d -> d.toMillis() / 1000.0)
                    .description("The configured time between poll cycles")
                    .strongReference(true)
                    .register(registry);
        }
        this.cycleTimer = Timer.builder("glsmon.poller.cycle")
                .description("Duration of one poll cycle over every stream group this instance polls")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        Gauge.builder("glsmon.poller.sessions.observed", sessionsObserved, AtomicLong::get)
                .description("Sessions the last poll cycle listed")
                .register(registry);
        Gauge.builder("glsmon.poller.last.complete.cycle.timestamp.seconds", lastCompleteCycleMillis,
                        millis -> millis.get() / 1000.0)
                .description("When the last stream group cycle with a complete listing ended (epoch seconds)")
                .register(registry);
        Gauge.builder("glsmon.poller.stream.groups", streamGroups, AtomicLong::get)
                .description("Stream groups this instance polls now")
                .register(registry);
        for (String outcome : new String[] {OUTCOME_COMPLETE, OUTCOME_INCOMPLETE, OUTCOME_FAILED}) {
            cycles(outcome); // present at 0 from the start, so rate() works on the first increment
        }
    }

    public void cycleDuration(Duration duration) {
        cycleTimer.record(duration);
    }

    public void sessionsObserved(long count) {
        sessionsObserved.set(count);
    }

    public void streamGroups(int count) {
        streamGroups.set(count);
    }

    /** One stream group's cycle ended. */
    public void groupCycle(String outcome, Instant completedAt) {
        cycles(outcome).increment();
        if (OUTCOME_COMPLETE.equals(outcome)) {
            lastCompleteCycleMillis.accumulateAndGet(completedAt.toEpochMilli(), Math::max);
        }
    }

    public void enrichment(Enrichment reason) {
        counter("glsmon.poller.enrichments", "GetStreamSession calls by why they were needed", "reason", reason.label())
                .increment();
    }

    public void snapshots(String source, int count) {
        counter("glsmon.poller.snapshots", "Snapshots published by the API call that produced them", "source", source)
                .increment(count);
    }

    private Counter cycles(String outcome) {
        return counter("glsmon.poller.cycles", "Stream group poll cycles by outcome", "outcome", outcome);
    }

    private Counter counter(String name, String description, String tag, String value) {
        return counters.computeIfAbsent(name + '\u0000' + value, key -> Counter.builder(name)
                .description(description)
                .tag(tag, value)
                .register(registry));
    }
}
