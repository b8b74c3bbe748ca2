package dev.glsmon.processor.metrics;

import dev.glsmon.processor.config.ExportRule;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The processor's metrics in Micrometer, named as in ARCHITECTURE.md "Metrics" once the Prometheus
 * registry renders them. Labels hold bounded values only: statuses, reasons, categories, locations,
 * rules; never a session or user id.
 *
 * <p>Gauges are the sum of what each task contributes, so that a task moving to another instance
 * takes its share with it and instances can be summed in Prometheus.
 */
public final class MicrometerProcessorMetrics implements ProcessorMetrics {

    private static final Duration[] STARTUP_BUCKETS = {
        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(2),
        Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30)
    };
    private static final Duration[] DURATION_BUCKETS = {
        Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30),
        Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(12),
        Duration.ofHours(24)
    };

    private final MeterRegistry registry;
    private final Map<String, Contribution> contributions = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<Tags, Boolean> sessionGauges = new ConcurrentHashMap<>();
    private final Map<Tags, Boolean> ratioGauges = new ConcurrentHashMap<>();

    public MicrometerProcessorMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void transition(String from, String to, String location) {
        counter("glsmon.session.transitions", "from", from == null ? "none" : from, "to", to, "location", location);
    }

    @Override
    public void termination(String status, String reason, String category, String location) {
        counter("glsmon.session.terminations", "status", status, "reason", reason == null ? "unknown" : reason,
                "category", category, "location", location);
    }

    @Override
    public void timeToActive(String location, Duration duration) {
        timer("glsmon.session.time.to.active", "From creation to the first ACTIVE", STARTUP_BUCKETS, location)
                .record(duration);
    }

    @Override
    public void timeToConnect(String location, Duration duration) {
        timer("glsmon.session.time.to.connect", "From creation to the first CONNECTED", STARTUP_BUCKETS, location)
                .record(duration);
    }

    @Override
    public void sessionDuration(String location, Duration duration) {
        timer("glsmon.session.duration", "From creation to the end", DURATION_BUCKETS, location).record(duration);
    }

    @Override
    public void exportCommand(ExportRule rule) {
        counter("glsmon.export.commands", "rule", rule.name());
    }

    @Override
    public void exportRefused(ExportRule rule) {
        counter("glsmon.export.commands.refused", "rule", rule.name());
    }

    @Override
    public void exportFiles(String status) {
        counter("glsmon.export.files", "status", status);
    }

    @Override
    public void staleSnapshot() {
        counter("glsmon.snapshots.stale");
    }

    @Override
    public void oddSnapshot(String reason) {
        counter("glsmon.snapshots.odd", "reason", reason);
    }

    @Override
    public void deadLetter(String reason) {
        counter("glsmon.dead.letter", "reason", reason);
    }

    @Override
    public void lateTermination(String window) {
        counter("glsmon.error.rate.late.terminations", "window", window);
    }

    @Override
    public TaskGauges taskGauges(String taskId) {
        Contribution contribution = new Contribution(taskId);
        contributions.put(taskId, contribution);
        return contribution;
    }

    private void counter(String name, String... tags) {
        // looked up by name and label values: cheaper than a builder and a registry lookup per event
        String key = tags.length == 0 ? name : name + "\u0000" + String.join("\u0000", tags);
        counters.computeIfAbsent(key, k -> Counter.builder(name).tags(tags).register(registry)).increment();
    }

    private Timer timer(String name, String description, Duration[] buckets, String location) {
        return Timer.builder(name)
                .description(description)
                .tags("location", location)
                .serviceLevelObjectives(buckets)
                .register(registry);
    }

    private double sessions(Tags key) {
        return contributions.values().stream()
                .mapToLong(c -> c.sessions.getOrDefault(key, ZERO).get())
                .sum();
    }

    private double ratio(Tags key) {
        return contributions.values().stream()
                .map(c -> c.ratios.get(key))
                .filter(v -> v != null)
                .findFirst()
                .orElse(0.0);
    }

    private static final AtomicLong ZERO = new AtomicLong();

    private final class Contribution implements TaskGauges {
        private final String taskId;
        private final Map<Tags, AtomicLong> sessions = new ConcurrentHashMap<>();
        private final Map<Tags, Double> ratios = new ConcurrentHashMap<>();

        Contribution(String taskId) {
            this.taskId = taskId;
        }

        @Override
        public void sessions(String status, String location, long delta) {
            Tags key = Tags.of("status", status, "location", location);
            sessions.computeIfAbsent(key, k -> new AtomicLong()).addAndGet(delta);
            sessionGauges.computeIfAbsent(key, k -> {
                Gauge.builder("glsmon.sessions", MicrometerProcessorMetrics.this, m -> m.sessions(k))
                        .description("Sessions glsmon tracks that have not ended, by status and location")
                        .tags(k)
                        .register(registry);
                return Boolean.TRUE;
            });
        }

        @Override
        public void errorRatio(String location, String window, double ratio) {
            Tags key = Tags.of("location", location, "window", window);
            ratios.put(key, ratio);
            ratioGauges.computeIfAbsent(key, k -> {
                Gauge.builder("glsmon.location.error.ratio", MicrometerProcessorMetrics.this, m -> m.ratio(k))
                        .description("Live error ratio of the window that covers the latest span, per location")
                        .tags(k)
                        .register(registry);
                return Boolean.TRUE;
            });
        }

        @Override
        public void close() {
            contributions.remove(taskId, this);
        }
    }
}
