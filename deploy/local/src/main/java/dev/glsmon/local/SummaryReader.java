package dev.glsmon.local;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads a {@link Summary} from the parts' own meter registries: the summary shows exactly what
 * /metrics exports. Keeps the previous transition count to turn it into a rate.
 */
final class SummaryReader {

    private long lastTransitions = -1;
    private long lastReadNanos;

    Summary read(Duration uptime, String virtualTime, MeterRegistry processor, MeterRegistry poller) {
        SortedMap<String, SortedMap<String, Long>> sessions = new TreeMap<>();
        for (Gauge gauge : processor.find("glsmon.sessions").gauges()) {
            long value = Math.round(gauge.value());
            if (value == 0) {
                continue;
            }
            sessions.computeIfAbsent(tag(gauge, "location"), k -> new TreeMap<>())
                    .merge(tag(gauge, "status"), value, Long::sum);
        }
        SortedMap<String, Double> errorRatios = ratios(processor, "glsmon.location.error.ratio");
        SortedMap<String, Double> unknownRatios = ratios(processor, "glsmon.location.unknown.ratio");
        long transitions = sum(processor, "glsmon.session.transitions");
        long now = System.nanoTime();
        double perSecond = lastTransitions < 0 ? 0
                : (transitions - lastTransitions) / Math.max(1e-3, (now - lastReadNanos) / 1e9);
        lastTransitions = transitions;
        lastReadNanos = now;
        return new Summary(uptime, virtualTime, sessions, perSecond, transitions, errorRatios, unknownRatios,
                byTag(processor, "glsmon.export.commands", "rule"),
                byTag(poller, "glsmon.export.results", "outcome"),
                sumWhere(poller, "glsmon.poller.cycles", "outcome", "complete"),
                sumWhere(poller, "glsmon.poller.cycles", "outcome", "incomplete"),
                sum(processor, "glsmon.dead.letter"));
    }

    /** location -> the live value of a ratio gauge for the 5-minute window. */
    private static SortedMap<String, Double> ratios(MeterRegistry registry, String name) {
        SortedMap<String, Double> ratios = new TreeMap<>();
        for (Gauge gauge : registry.find(name).tag("window", "5m").gauges()) {
            if (!Double.isNaN(gauge.value())) {
                ratios.put(tag(gauge, "location"), gauge.value());
            }
        }
        return ratios;
    }

    private static String tag(io.micrometer.core.instrument.Meter meter, String key) {
        String value = meter.getId().getTag(key);
        return value == null ? "unknown" : value;
    }

    private static long sum(MeterRegistry registry, String name) {
        return Math.round(registry.find(name).counters().stream().mapToDouble(Counter::count).sum());
    }

    private static long sumWhere(MeterRegistry registry, String name, String key, String value) {
        return Math.round(registry.find(name).tag(key, value).counters().stream().mapToDouble(Counter::count).sum());
    }

    private static Map<String, Long> byTag(MeterRegistry registry, String name, String key) {
        Map<String, Long> counts = new TreeMap<>();
        for (Counter counter : registry.find(name).counters()) {
            long count = Math.round(counter.count());
            if (count > 0) {
                counts.merge(tag(counter, key), count, Long::sum);
            }
        }
        return counts;
    }
}
