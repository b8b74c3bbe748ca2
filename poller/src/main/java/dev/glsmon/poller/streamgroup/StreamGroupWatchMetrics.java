package dev.glsmon.poller.streamgroup;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** {@code glsmon_poller_stream_group_polls_total{outcome}}, every outcome at 0 from the start. */
public final class StreamGroupWatchMetrics {

    /** What one GetStreamGroup of a round came to. */
    public enum Outcome {
        /** Something changed: a snapshot was published. */
        PUBLISHED,
        /** The same state as the last published: nothing sent. */
        UNCHANGED,
        /** Throttled after the SDK's retries; the pace was lowered, the next round asks again. */
        THROTTLED,
        /** The group is gone (404); forgotten until it is listed again. */
        NOT_FOUND,
        /** An answer without a Status: nothing to report. */
        MALFORMED,
        /** Any other API failure (an answer the SDK could not read included) or Kafka failure; the next round asks again. */
        FAILED
    }

    private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);

    public StreamGroupWatchMetrics(MeterRegistry registry) {
        for (Outcome outcome : Outcome.values()) {
            counters.put(outcome, Counter.builder("glsmon.poller.stream.group.polls")
                    .description("GetStreamGroup calls of the stream-group watch by outcome")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
    }

    void count(Outcome outcome) {
        counters.get(outcome).increment();
    }
}
