package dev.glsmon.poller.cycle;

import dev.glsmon.poller.aws.MalformedResponses;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** The poller's own meters (API call meters live in {@code ApiCallMetricsPublisher}). */
public final class PollerMetrics {

    public static final String OUTCOME_COMPLETE = "complete";
    public static final String OUTCOME_INCOMPLETE = "incomplete";
    /** The cycle's records were not acknowledged by Kafka: it published no marker and will be redone. */
    public static final String OUTCOME_FAILED = "failed";

    private static final String SESSIONS_OBSERVED = "glsmon.poller.sessions.observed";

    private final MeterRegistry registry;
    private final Timer cycleTimer;
    private final Map<String, AtomicLong> sessionsObserved = new ConcurrentHashMap<>();
    // starts at process start: "no complete cycle for N intervals" must count from start-up, not 1970
    private final AtomicLong lastCompleteCycleMillis = new AtomicLong(System.currentTimeMillis());
    private final AtomicLong streamGroups = new AtomicLong();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Counter suppressed;

    public PollerMetrics(MeterRegistry registry) {
        this(registry, (Supplier<Duration>) null);
    }

    /** @param pollInterval exported so alert rules can say "no complete cycle for N intervals"; null: not exported */
    public PollerMetrics(MeterRegistry registry, Duration pollInterval) {
        this(registry, pollInterval == null ? null : () -> pollInterval);
    }

    /**
     * @param pollInterval read at every scrape: the interval now, tuned after every cycle with
     *     {@code --poll-interval auto}; null: not exported
     */
    public PollerMetrics(MeterRegistry registry, Supplier<Duration> pollInterval) {
        this.registry = registry;
        if (pollInterval != null) {
            // Micrometer holds a gauge's object weakly: nothing else may keep the supplier alive
            Gauge.builder("glsmon.poller.poll.interval.seconds", pollInterval, d -> d.get().toMillis() / 1000.0)
                    .description("The time between poll cycle starts now")
                    .strongReference(true)
                    .register(registry);
        }
        this.cycleTimer = Timer.builder("glsmon.poller.cycle")
                .description("Duration of one poll cycle over every stream group this instance polls")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        Gauge.builder("glsmon.poller.last.complete.cycle.timestamp.seconds", lastCompleteCycleMillis,
                        millis -> millis.get() / 1000.0)
                .description("When the last stream group cycle with a complete listing ended (epoch seconds)")
                .register(registry);
        Gauge.builder("glsmon.poller.stream.groups", streamGroups, AtomicLong::get)
                .description("Stream groups this instance polls now")
                .register(registry);
        this.suppressed = Counter.builder("glsmon.poller.snapshots.suppressed")
                .description("Listed sessions not published because nothing the processor reads changed since the "
                        + "last snapshot the broker acknowledged for them")
                .register(registry);
        for (String outcome : new String[] {OUTCOME_COMPLETE, OUTCOME_INCOMPLETE, OUTCOME_FAILED}) {
            cycles(outcome); // present at 0 from the start, so rate() works on the first increment
        }
    }

    public void cycleDuration(Duration duration) {
        cycleTimer.record(duration);
    }

    /**
     * Sessions the last cycle listed, per stream group ({@code stream_group} label: bounded, one per
     * group). Groups this instance no longer polls lose their series, so that the instance that took
     * them over is the only one to report them.
     */
    public void sessionsObserved(Map<String, Integer> byStreamGroup) {
        byStreamGroup.forEach((group, count) -> sessionsObserved.computeIfAbsent(group, g -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(SESSIONS_OBSERVED, value, AtomicLong::get)
                    .description("Sessions the last poll cycle listed, per stream group")
                    .tag("stream_group", g)
                    .strongReference(true)
                    .register(registry);
            return value;
        }).set(count));
        for (String group : Set.copyOf(sessionsObserved.keySet())) {
            if (!byStreamGroup.containsKey(group)) {
                sessionsObserved.remove(group);
                registry.find(SESSIONS_OBSERVED).tag("stream_group", group).meters().forEach(registry::remove);
            }
        }
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

    /** A GetStreamSession request left out to keep the queue bounded; its cycle asks again later. */
    public void enrichmentDropped(Enrichment reason) {
        droppedCounter(reason).increment();
    }

    private Counter droppedCounter(Enrichment reason) {
        return counter("glsmon.poller.enrichments.dropped",
                "GetStreamSession requests dropped from the full queue (asked again by a later cycle), by why they were needed",
                "reason", reason.label());
    }

    /** Gets waiting in the enrichment queue or in flight. */
    public void enrichmentQueue(java.util.function.IntSupplier depth) {
        Gauge.builder("glsmon.poller.enrichment.queue", depth, d -> d.getAsInt())
                .description("GetStreamSession requests queued or in flight (off the cycles' path)")
                .strongReference(true)
                .register(registry);
        for (Enrichment reason : Enrichment.values()) {
            droppedCounter(reason); // at 0 from the start, so the first drop shows in rate()
        }
    }

    /** A listed session repeated its last acknowledged snapshot and was not published. */
    public void snapshotSuppressed() {
        suppressed.increment();
    }

    public void snapshots(String source, int count) {
        counter("glsmon.poller.snapshots", "Snapshots published by the API call that produced them", "source", source)
                .increment(count);
    }

    /**
     * An API answer that parsed but cannot be trusted: a listed item or a GetStreamSession answer
     * without its ARN or status (kinds in {@link MalformedResponses}; {@code unparseable} bodies are
     * counted by the SDK client's interceptor).
     */
    public void malformedResponse(String operation, String kind) {
        counters.computeIfAbsent("glsmon.poller.malformed.responses\u0000" + operation + '\u0000' + kind,
                key -> MalformedResponses.counter(registry, operation, kind)).increment();
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
