package dev.glsmon.processor.metrics;

import dev.glsmon.processor.config.ExportRule;
import dev.glsmon.processor.config.ProcessorConfig;
import dev.glsmon.processor.errors.DeadLetters;
import dev.glsmon.processor.export.ExportAdmission;
import dev.glsmon.processor.session.TerminationCategories;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The processor's metrics in Micrometer, named as in ARCHITECTURE.md "Metrics" once the Prometheus
 * registry renders them. Labels hold bounded values only: statuses, reasons, categories, locations,
 * rules; never a session or user id.
 *
 * <p>Gauges are the sum of what each task contributes, so that a task moving to another instance
 * takes its share with it and instances can be summed in Prometheus.
 *
 * <p>Counters that rules and dashboards read are registered at 0 before their first event: at start
 * where the label values are known (stale snapshots, dead letters per reason, export commands per
 * rule), per location when the location is first seen (terminations per known StatusReason). A
 * series that appears with its first event at 1 hides that event from {@code increase()}, so the
 * first crash or dead letter after a start would never alert.
 */
public final class MicrometerProcessorMetrics implements ProcessorMetrics {

    private static final String TERMINATIONS = "glsmon.session.terminations";
    private static final String STALE_SNAPSHOTS = "glsmon.snapshots.stale";
    /** Markers read before some of their snapshots (see GroupTracking): a sign of a processor catching up. */
    private static final String MARKERS_BEFORE_SNAPSHOTS = "glsmon.cycle.markers.early";
    private static final String DEAD_LETTERS = "glsmon.dead.letter";
    private static final String EXPORT_COMMANDS = "glsmon.export.commands";
    private static final String EXPORT_SUPPRESSED = "glsmon.export.commands.suppressed";
    private static final String EXPORT_FINAL_RESULTS = "glsmon.export.final.results";
    private static final List<String> FINAL_OUTCOMES = List.of("EXPORT_SUCCEEDED", "EXPORT_FAILED", "EXPORT_UNKNOWN");
    private static final String REASON = "reason";
    private static final String RULE = "rule";
    /** The reason label of a termination without a StatusReason. */
    private static final String NO_REASON = "unknown";
    private static final int ERROR_RATIO = 0;
    private static final int UNKNOWN_RATIO = 1;

    private static final Duration[] STARTUP_BUCKETS = {
        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(2),
        Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30)
    };
    /** An export ends when its session does: minutes to an hour or more. */
    private static final Duration[] EXPORT_BUCKETS = {
        Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
        Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(12)};
    private static final Duration[] DURATION_BUCKETS = {
        Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30),
        Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(12),
        Duration.ofHours(24)
    };

    private final MeterRegistry registry;
    private final TerminationCategories categories;
    private final Set<String> locationsSeen = ConcurrentHashMap.newKeySet();
    private final Map<String, Contribution> contributions = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    /** Timers by name and location: registering (a builder, an id, a registry lookup) per event showed in profiles. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<SessionKey, Boolean> sessionGauges = new ConcurrentHashMap<>();
    private final Map<RatioKey, Boolean> ratioGauges = new ConcurrentHashMap<>();
    private final StreamGroupGaugeSet streamGroups;

    /** With the default StatusReason categories. */
    public MicrometerProcessorMetrics(MeterRegistry registry) {
        this(registry, new TerminationCategories(ProcessorConfig.DEFAULT_REASON_CATEGORIES, Set.of()));
    }

    /** @param categories the processor's StatusReason -> category mapping, for the counters registered at 0 */
    public MicrometerProcessorMetrics(MeterRegistry registry, TerminationCategories categories) {
        this.registry = registry;
        this.categories = categories;
        this.streamGroups = new StreamGroupGaugeSet(registry);
        counter(STALE_SNAPSHOTS, 0);
        counter(MARKERS_BEFORE_SNAPSHOTS, 0);
        for (String reason : List.of(DeadLetters.DESERIALIZATION, DeadLetters.INVALID_RECORD, DeadLetters.PROCESSING)) {
            counter(DEAD_LETTERS, 0, REASON, reason);
        }
        for (ExportRule rule : ExportRule.values()) {
            counter(EXPORT_COMMANDS, 0, RULE, rule.name());
            for (String reason : ExportAdmission.REASONS) {
                counter(EXPORT_SUPPRESSED, 0, RULE, rule.name(), REASON, reason);
            }
            for (String outcome : FINAL_OUTCOMES) {
                counter(EXPORT_FINAL_RESULTS, 0, RULE, rule.name(), "outcome", outcome);
            }
        }
    }

    @Override
    public void transition(String from, String to, String location) {
        counter("glsmon.session.transitions", 1, "from", from == null ? "none" : from, "to", to, "location", location);
    }

    @Override
    public void termination(String status, String reason, String category, String location) {
        locationSeen(location);
        terminations(status, reason == null ? NO_REASON : reason, category, location, 1);
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
        counter(EXPORT_COMMANDS, 1, RULE, rule.name());
    }

    @Override
    public void exportRefused(ExportRule rule) {
        counter("glsmon.export.commands.refused", 1, RULE, rule.name());
    }

    @Override
    public void exportFinal(String rule, String outcome, Duration sinceIssued) {
        String ruleLabel = rule == null ? "unknown" : rule;
        counter(EXPORT_FINAL_RESULTS, 1, RULE, ruleLabel, "outcome", outcome);
        if (sinceIssued != null) {
            timer("glsmon.export.time.to.final", "From an export command to its final result", EXPORT_BUCKETS,
                    RULE, ruleLabel).record(sinceIssued);
        }
    }

    @Override
    public void exportSuppressed(String rule, String reason) {
        counter(EXPORT_SUPPRESSED, 1, RULE, rule, REASON, reason);
    }

    @Override
    public void exportFiles(String status) {
        counter("glsmon.export.files", 1, "status", status);
    }

    @Override
    public void staleSnapshot() {
        counter(STALE_SNAPSHOTS, 1);
    }

    @Override
    public void markerBeforeSnapshots() {
        counter(MARKERS_BEFORE_SNAPSHOTS, 1);
    }

    @Override
    public void oddSnapshot(String reason) {
        counter("glsmon.snapshots.odd", 1, REASON, reason);
    }

    @Override
    public void deadLetter(String reason) {
        counter(DEAD_LETTERS, 1, REASON, reason);
    }

    @Override
    public void lateTermination(String window) {
        counter("glsmon.error.rate.late.terminations", 1, "window", window);
    }

    @Override
    public void streamGroupTransition(String scope, String from, String to) {
        counter("glsmon.stream.group.transitions", 1, "scope", scope, "from", from == null ? "none" : from, "to", to);
    }

    @Override
    public StreamGroupGauges streamGroupGauges(String taskId) {
        return streamGroups.task(taskId);
    }

    @Override
    public TaskGauges taskGauges(String taskId) {
        Contribution contribution = new Contribution(taskId);
        contributions.put(taskId, contribution);
        return contribution;
    }

    /**
     * Registers a location's termination counters at 0, once: every known StatusReason, and no reason
     * at all (category UNKNOWN, which the unknown share and its alert read) for each ending status.
     */
    private void locationSeen(String location) {
        if (locationsSeen.add(location)) {
            KnownReasons.BY_STATUS.forEach((status, reasons) -> reasons.forEach(
                    reason -> terminations(status, reason, categories.categoryOf(reason), location, 0)));
            KnownReasons.ENDING_STATUSES.forEach(
                    status -> terminations(status, NO_REASON, categories.categoryOf(null), location, 0));
        }
    }

    private void terminations(String status, String reason, String category, String location, double amount) {
        counter(TERMINATIONS, amount, "status", status, REASON, reason, "category", category, "location", location);
    }

    /** @param amount 0 registers the series without counting an event */
    private void counter(String name, double amount, String... tags) {
        // looked up by name and label values: cheaper than a builder and a registry lookup per event
        String key = tags.length == 0 ? name : name + "\u0000" + String.join("\u0000", tags);
        counters.computeIfAbsent(key, k -> Counter.builder(name).tags(tags).register(registry)).increment(amount);
    }

    private Timer timer(String name, String description, Duration[] buckets, String location) {
        return timer(name, description, buckets, "location", location);
    }

    private Timer timer(String name, String description, Duration[] buckets, String tag, String value) {
        return timers.computeIfAbsent(name + "\u0000" + value, k -> Timer.builder(name)
                .description(description)
                .tags(tag, value)
                .serviceLevelObjectives(buckets)
                .register(registry));
    }

    /**
     * The labels of a session gauge as a plain key: Tags.of sorts and copies on every call, and the
     * gauges change with every status change.
     */
    private record SessionKey(String status, String location, String streamGroup) {
        Tags tags() {
            return Tags.of("status", status, "location", location, "stream_group", streamGroup);
        }
    }

    private double sessions(SessionKey key) {
        return contributions.values().stream()
                .mapToLong(c -> c.sessions.getOrDefault(key, ZERO).get())
                .sum();
    }

    /** The labels of a live-ratio gauge as a plain key (set on every live value a termination changes). */
    private record RatioKey(String location, String window) {
        Tags tags() {
            return Tags.of("location", location, "window", window);
        }
    }

    private double ratio(RatioKey key, int which) {
        return contributions.values().stream()
                .map(c -> c.ratios.get(key))
                .filter(v -> v != null)
                .findFirst()
                .map(v -> v[which])
                .orElse(0.0);
    }

    private static final AtomicLong ZERO = new AtomicLong();

    private final class Contribution implements TaskGauges {
        private final String taskId;
        private final Map<SessionKey, AtomicLong> sessions = new ConcurrentHashMap<>();
        /** (location, window) -> {error ratio, unknown share}, replaced as a whole. */
        private final Map<RatioKey, double[]> ratios = new ConcurrentHashMap<>();

        Contribution(String taskId) {
            this.taskId = taskId;
        }

        @Override
        public void sessions(String status, String location, String streamGroup, long delta) {
            SessionKey key = new SessionKey(status, location, streamGroup == null ? "unknown" : streamGroup);
            AtomicLong count = sessions.get(key);
            if (count != null) {
                count.addAndGet(delta); // every status change comes here twice: the common case is one lookup
                return;
            }
            locationSeen(location);
            sessions.computeIfAbsent(key, k -> new AtomicLong()).addAndGet(delta);
            sessionGauges.computeIfAbsent(key, k -> {
                Gauge.builder("glsmon.sessions", MicrometerProcessorMetrics.this, m -> m.sessions(k))
                        .description("Sessions glsmon tracks that have not ended, by status, location and stream group")
                        .tags(k.tags())
                        .register(registry);
                return Boolean.TRUE;
            });
        }

        @Override
        public void liveRatios(String location, String window, double errorRatio, double unknownRatio) {
            RatioKey key = new RatioKey(location, window);
            ratios.put(key, new double[] {errorRatio, unknownRatio});
            ratioGauges.computeIfAbsent(key, k -> {
                Gauge.builder("glsmon.location.error.ratio", MicrometerProcessorMetrics.this, m -> m.ratio(k, ERROR_RATIO))
                        .description("Live error ratio of the window that covers the latest span, per location: "
                                + "error terminations / terminations of a known category")
                        .tags(k.tags())
                        .register(registry);
                Gauge.builder("glsmon.location.unknown.ratio", MicrometerProcessorMetrics.this,
                                m -> m.ratio(k, UNKNOWN_RATIO))
                        .description("Live unknown share of the window that covers the latest span, per location: "
                                + "UNKNOWN terminations (no reason, or VANISHED) / all terminations")
                        .tags(k.tags())
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
