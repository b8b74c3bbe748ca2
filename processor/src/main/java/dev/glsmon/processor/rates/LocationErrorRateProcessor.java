package dev.glsmon.processor.rates;

import dev.glsmon.processor.config.WindowSpec;
import dev.glsmon.processor.metrics.ProcessorMetrics;
import dev.glsmon.processor.session.TerminationCategories;
import dev.glsmon.schemas.ErrorRateEvent;
import dev.glsmon.schemas.LocationErrorRate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Terminations per location in windows (Processor API, because windows must also close on ticks and
 * the live value must follow time, which the DSL's windowed aggregation with suppress does not give
 * without fake keys).
 *
 * <p>Time is record time, the poller's observation clock, which also drives the ticks: the API's
 * timestamps may run on another clock (the simulator scales its time), and one clock must decide
 * both where a termination falls and when a window closes.
 *
 * <p>Windows close on a watermark, not on stream time: every session task sends ticks (one per
 * poll-cycle marker) to every partition, and the watermark is the lowest latest-tick time over the
 * session tasks seen. A session task's terminations reach this partition before its later ticks, so a
 * window that closes once the watermark passes end + grace has all terminations of every task, even
 * when one task runs far ahead of another (a backlog after downtime); with plain stream time the
 * fastest task's ticks would make the slower tasks' terminations late. The latest tick per source is
 * kept in a small store so that a restart keeps the watermark. A window's final result is emitted once
 * and its counts deleted; a termination for a window already closed is counted as late and dropped.
 *
 * <p>The error ratio is errors over the terminations of a known category, the unknown share UNKNOWN
 * terminations over all ({@link TerminationCategories#ratioBase}).
 *
 * <p>The live value of (location, window) is the window that contains stream time (the latest record
 * time seen) with the earliest start: for a tumbling window the current one, for a hopping one the
 * window covering the latest full span. It is sent to the live-rates topic when it changes, and set as
 * the gauge.
 *
 * <p>Store keys are {@code window|startMillis(13 digits)|location}, so one range scan per window
 * finds every window due to close, oldest first.
 */
public final class LocationErrorRateProcessor implements Processor<String, ErrorRateEvent, String, RateOutput> {

    private final List<WindowSpec> windows;
    private final long graceMs;
    private final TerminationCategories categories;
    private final String storeName;
    private final String progressStoreName;
    private final ProcessorMetrics metrics;
    /** Session-task partition -> the latest tick time it sent (mirrors the progress store). */
    private final Map<Integer, Long> latestTicks = new HashMap<>();
    private final Set<String> locations = new LinkedHashSet<>();
    /** (location|window) -> the live value last sent, so that only changes are sent. */
    private final Map<String, LocationErrorRate> published = new HashMap<>();
    /**
     * Work avoided on ticks (one per poll-cycle marker and partition): per window, when the next of
     * its open windows closes and which live window start was last published; locations whose counts
     * changed since. A tick that moves none of these does not touch the store.
     */
    private final Map<String, Long> nextClose = new HashMap<>();
    private final Map<String, Long> liveStart = new HashMap<>();
    private final Set<String> changedLocations = new LinkedHashSet<>();
    private ProcessorContext<String, RateOutput> context;
    private KeyValueStore<String, LocationErrorRate> store;
    private KeyValueStore<Integer, Long> progress;
    private ProcessorMetrics.TaskGauges gauges;

    public LocationErrorRateProcessor(List<WindowSpec> windows, Duration grace, TerminationCategories categories,
            String storeName, String progressStoreName, ProcessorMetrics metrics) {
        this.windows = List.copyOf(windows);
        this.graceMs = grace.toMillis();
        this.categories = categories;
        this.storeName = storeName;
        this.progressStoreName = progressStoreName;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, RateOutput> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.progress = context.getStateStore(progressStoreName);
        try (KeyValueIterator<Integer, Long> all = progress.all()) {
            all.forEachRemaining(entry -> latestTicks.put(entry.key, entry.value));
        }
        this.gauges = metrics.taskGauges(context.taskId().toString() + "/rates");
        try (KeyValueIterator<String, LocationErrorRate> all = store.all()) {
            while (all.hasNext()) {
                LocationErrorRate rate = all.next().value;
                locations.add(rate.getLocation());
                closesAt(rate.getWindow(), rate.getWindowEnd().toEpochMilli() + graceMs);
            }
        }
    }

    @Override
    public void process(Record<String, ErrorRateEvent> record) {
        ErrorRateEvent event = record.value();
        if (event == null) {
            return;
        }
        if (event.getCategory() == null) {
            tick(event.getSource() == null ? -1 : event.getSource(), record.timestamp());
        } else if (record.key() != null) {
            count(record.key(), event.getCategory(), record.timestamp(), watermark());
        }
        closeWindows(watermark());
        publishLive(Math.max(context.currentStreamTimeMs(), record.timestamp()));
    }

    private void tick(int source, long time) {
        Long latest = latestTicks.get(source);
        if (latest == null || time > latest) {
            latestTicks.put(source, time);
            progress.put(source, time);
        }
    }

    /** How far every session task has come: the lowest latest tick; nothing has closed before any tick. */
    private long watermark() {
        long lowest = Long.MAX_VALUE;
        for (long latest : latestTicks.values()) {
            lowest = Math.min(lowest, latest);
        }
        return lowest == Long.MAX_VALUE ? Long.MIN_VALUE : lowest;
    }

    private void count(String location, String category, long time, long watermark) {
        locations.add(location);
        changedLocations.add(location);
        boolean error = categories.isError(category);
        boolean unknown = TerminationCategories.isUnknown(category);
        for (WindowSpec window : windows) {
            for (long start = window.latestStartContaining(time); start > time - window.sizeMs(); start -= window.advanceMs()) {
                if (start < 0) {
                    break; // like Kafka Streams' TimeWindows: no window starts before the epoch
                }
                if (start + window.sizeMs() + graceMs <= watermark) {
                    metrics.lateTermination(window.name());
                    continue;
                }
                String key = storeKey(window.name(), start, location);
                LocationErrorRate counts = store.get(key);
                if (counts == null) {
                    counts = empty(location, window, start);
                }
                Map<String, Long> byCategory = new TreeMap<>(counts.getCountsByCategory());
                byCategory.merge(category, 1L, Long::sum);
                long terminations = counts.getTerminations() + 1;
                long errors = counts.getErrors() + (error ? 1 : 0);
                long unknowns = counts.getUnknown() + (unknown ? 1 : 0);
                closesAt(window.name(), start + window.sizeMs() + graceMs);
                store.put(key, LocationErrorRate.newBuilder(counts)
                        .setTerminations(terminations)
                        .setErrors(errors)
                        .setErrorRatio(categories.errorRatio(errors, terminations, unknowns))
                        .setUnknown(unknowns)
                        .setUnknownRatio(unknowns / (double) terminations)
                        .setCountsByCategory(byCategory)
                        .build());
            }
        }
    }

    /** Emits and deletes every window whose end + grace the watermark has passed. */
    private void closeWindows(long watermark) {
        for (WindowSpec window : windows) {
            if (watermark < nextClose.getOrDefault(window.name(), Long.MAX_VALUE)) {
                continue; // no open window of this size is due
            }
            long lastClosable = watermark - window.sizeMs() - graceMs; // start + size + grace <= watermark
            List<String> closed = new ArrayList<>();
            // no key equals the upper bound (keys go on with |location), so it excludes start lastClosable + 1
            try (KeyValueIterator<String, LocationErrorRate> due =
                    store.range(window.name() + "|", window.name() + "|" + pad(lastClosable + 1))) {
                while (due.hasNext()) {
                    var entry = due.next();
                    closed.add(entry.key);
                    LocationErrorRate rate = entry.value;
                    RateOutput output = new RateOutput(true, rate);
                    context.forward(new Record<>(output.key(), output, rate.getWindowEnd().toEpochMilli()));
                }
            }
            closed.forEach(store::delete);
            nextClose.remove(window.name());
            try (KeyValueIterator<String, LocationErrorRate> open =
                    store.range(window.name() + "|", window.name() + "|~")) {
                if (open.hasNext()) {
                    closesAt(window.name(), open.next().value.getWindowEnd().toEpochMilli() + graceMs);
                }
            }
        }
    }

    private void closesAt(String window, long closeTime) {
        nextClose.merge(window, closeTime, Math::min);
    }

    private void publishLive(long streamTime) {
        for (WindowSpec window : windows) {
            long start = window.earliestStartContaining(streamTime);
            if (start < 0) {
                continue;
            }
            Long previous = liveStart.put(window.name(), start);
            boolean moved = previous == null || previous != start;
            for (String location : moved ? locations : changedLocations) {
                LocationErrorRate current = store.get(storeKey(window.name(), start, location));
                if (current == null) {
                    current = empty(location, window, start);
                }
                String liveKey = RateOutput.liveKey(location, window.name());
                if (!current.equals(published.get(liveKey))) {
                    published.put(liveKey, current);
                    context.forward(new Record<>(liveKey, new RateOutput(false, current), streamTime));
                    gauges.liveRatios(location, window.name(), current.getErrorRatio(), current.getUnknownRatio());
                }
            }
        }
        changedLocations.clear();
    }

    private static LocationErrorRate empty(String location, WindowSpec window, long start) {
        return LocationErrorRate.newBuilder()
                .setLocation(location)
                .setWindow(window.name())
                .setWindowStart(Instant.ofEpochMilli(start))
                .setWindowEnd(Instant.ofEpochMilli(start + window.sizeMs()))
                .setTerminations(0)
                .setErrors(0)
                .setErrorRatio(0.0)
                .setUnknown(0)
                .setUnknownRatio(0.0)
                .setCountsByCategory(Map.of())
                .build();
    }

    static String storeKey(String window, long start, String location) {
        return window + "|" + pad(start) + "|" + location;
    }

    /** 13 digits, zero-padded (String.format is slow enough to show in a profile). */
    static String pad(long millis) {
        String digits = Long.toString(millis);
        if (digits.length() >= 13) {
            return digits;
        }
        return "0".repeat(13 - digits.length()) + digits;
    }

    @Override
    public void close() {
        if (gauges != null) {
            gauges.close();
        }
    }
}
