package dev.glsmon.bench;

import dev.glsmon.poller.Coordination;
import dev.glsmon.poller.PollerApp;
import dev.glsmon.poller.PollerConfig;
import dev.glsmon.testbed.SimulatorTestbed;
import dev.glsmon.testbed.KafkaTestSupport;
import dev.glsmon.schemas.PollCycle;
import dev.glsmon.schemas.SessionTransition;
import dev.glsmon.simulator.ScaledClock;
import dev.glsmon.simulator.Simulator;
import dev.glsmon.simulator.StreamGroupView;
import dev.glsmon.simulator.TruthEvent;
import dev.glsmon.simulator.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 4. The whole pipeline live: the simulator plays the demo scenario on a scaled clock, the poller
 * polls it every second (wall time), the processor runs. For every status change in the truth log
 * (virtual time mapped back to wall time: divided by the scale) the transition of that session to
 * that status which the change caused, on the transitions topic, whose timestamp the broker sets on
 * append (LogAppendTime): p50 and p99 of the difference, against the poll interval, which a poller
 * adds on average half of. Run at x2 (the demo's churn halved, as before) and at x60 (the demo's
 * speed in the README and LocalStackIT: 30 times the churn). The note splits the latency into the
 * wait for a poll to list the change and the pipeline behind it, and says how long a cycle took.
 */
final class DetectionLatencySection implements BenchSection {

    private static final Logger LOG = LoggerFactory.getLogger(DetectionLatencySection.class);
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    /** x2 as this section always ran, x60 as the demo runs (README, LocalStackIT). */
    static final List<Double> TIME_SCALES = List.of(2.0, 60.0);
    /** A transition further than this (wall time) after the change is not counted. */
    private static final Duration MATCH_WINDOW = POLL_INTERVAL.multipliedBy(30);
    /** How long the pipeline runs on after the window closes. */
    private static final Duration SETTLE = POLL_INTERVAL.multipliedBy(5);

    @Override
    public String name() {
        return "4. latency";
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws Exception {
        List<BenchResult> results = new ArrayList<>();
        for (double scale : TIME_SCALES) {
            results.addAll(measure(context, scale));
        }
        return results;
    }

    private List<BenchResult> measure(BenchContext context, double scale) throws Exception {
        ProcessorRig rig = new ProcessorRig(context, "latency");
        String transitionsTopic = rig.config.topics().sessionTransitions().name();
        String bootstrap = rig.bootstrapServers;
        stampOnAppend(bootstrap, transitionsTopic);
        Instant start = Instant.now();
        ScaledClock clock = new ScaledClock(start, scale);
        Instant windowStart;
        Instant windowEnd;
        List<TruthEvent> truth;
        try (Simulator sim = Simulator.builder().scenario(Scenario.demo()).seed(42).clock(clock)
                        .requestLogCapacity(0).start();
                ProcessorRig.Instance processor = rig.start()) {
            PollerConfig config = pollerConfig(sim, rig).pollInterval(POLL_INTERVAL).pollerId("bench-latency").build();
            try (PollerApp poller = PollerApp.builder(config).credentialsProvider(SimulatorTestbed.CREDENTIALS).clock(clock)
                    .start()) {
                KafkaTestSupport.await("the processor to run and the poller to complete a cycle", Duration.ofSeconds(120),
                        () -> processor.app().streams().state() == KafkaStreams.State.RUNNING && poller.isReady());
                // sessions the processor first learns of now are not changes: measure from the next cycles on
                windowStart = Instant.now().plus(POLL_INTERVAL.multipliedBy(2));
                LOG.info("{}: pipeline running at x{}, measuring for {} s", name(), (long) scale,
                        context.size().latencySeconds());
                Thread.sleep(Duration.ofSeconds(context.size().latencySeconds()).plus(POLL_INTERVAL.multipliedBy(2))
                        .toMillis());
                windowEnd = Instant.now();
                Thread.sleep(SETTLE.toMillis()); // the window's last changes still get polled and processed
            }
            Thread.sleep(2_000); // the processor's last commit
            truth = sim.truth().statusChanges();
        }
        List<ConsumerRecord<String, SessionTransition>> transitions =
                KafkaTestSupport.readCommitted(bootstrap, transitionsTopic, SessionTransition.class);
        Latencies latencies = latencies(truth, transitions, new WallTime(start, scale), windowStart, windowEnd);
        if (latencies.total().isEmpty()) {
            throw new IllegalStateException(String.format("no status change of the simulator was matched to a"
                    + " transition at x%.0f: %d changes in the window, %d in all, %d transitions", scale,
                    latencies.changes(), truth.size(), transitions.size()));
        }
        List<Duration> cycles = KafkaTestSupport.readCommitted(bootstrap, rig.config.topics().pollCycles().name(),
                        PollCycle.class).stream()
                .filter(r -> r.partition() == 0)
                // stamped with the poller's clock, the scaled one: back to wall time
                .map(r -> Duration.ofNanos(Math.round(
                        Duration.between(r.value().getStartedAt(), r.value().getCompletedAt()).toNanos() / scale)))
                .toList();
        return results(latencies, cycles, scale, context);
    }

    private List<BenchResult> results(Latencies latencies, List<Duration> cycles, double scale, BenchContext context) {
        double interval = POLL_INTERVAL.toMillis() / 1000.0;
        double cycleMillis = cycles.stream().mapToLong(Duration::toMillis).average().orElse(Double.NaN);
        double cycleMax = cycles.stream().mapToLong(Duration::toMillis).max().orElse(0);
        String note = String.format("x%.0f: %,d of %,d changes matched (the rest no poll could see: states undone within a"
                        + " poll interval, and returns to the status the last poll saw, e.g. a disconnect and"
                        + " reconnect between two polls);"
                        + " demo scenario for %d s; target p99 <= poll interval + 0.5 s; of it, until a poll listed"
                        + " the change p50 %.2f s p99 %.2f s, from the listing to the transition on the topic p50 %.2f s"
                        + " p99 %.2f s; a group's poll cycle took %.2f s on average, %.2f s at most (%d cycles)",
                scale, latencies.total().size(), latencies.changes(), context.size().latencySeconds(),
                seconds(latencies.listed(), 0.50), seconds(latencies.listed(), 0.99),
                seconds(latencies.pipeline(), 0.50), seconds(latencies.pipeline(), 0.99),
                cycleMillis / 1000, cycleMax / 1000, cycles.size());
        String at = String.format(", x%.0f", scale);
        return List.of(
                BenchResult.of(name(), "detection latency p50" + at, seconds(latencies.total(), 0.50), "s",
                        "poll interval", interval, "lower").withNote(note),
                BenchResult.of(name(), "detection latency p99" + at, seconds(latencies.total(), 0.99), "s",
                        "poll interval", interval, "lower").withNote(note));
    }

    /** A poller of every stream group of the simulator, publishing to the rig's topics, no exports. */
    static PollerConfig.Builder pollerConfig(Simulator sim, ProcessorRig rig) {
        return PollerConfig.builder()
                .region("us-west-2")
                .endpointUrl(sim.endpoint().toString())
                .bootstrapServers(rig.bootstrapServers)
                .topicPrefix(rig.config.topics().prefix())
                .partitions(ProcessorRig.PARTITIONS)
                .createTopics(false)
                .coordination(Coordination.NONE)
                .exportExecutor(false)
                .streamGroups(sim.control().streamGroups().stream().map(StreamGroupView::id).toList());
    }

    /** The broker stamps the topic's records on append: the processor would give transitions its input's time. */
    static void stampOnAppend(String bootstrap, String topicName) throws Exception {
        try (Admin admin = KafkaTestSupport.admin(bootstrap)) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, topicName);
            admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                    new ConfigEntry("message.timestamp.type", "LogAppendTime"), AlterConfigOp.OpType.SET))))
                    .all().get();
        }
    }

    static double seconds(List<Long> millis, double p) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return sorted.isEmpty() ? Double.NaN : percentile(sorted, p) / 1000.0;
    }

    /**
     * Milliseconds per matched change: from the change to its transition on the topic, split into
     * the wait until a poll listed it (the transition's observedAt) and what followed.
     */
    record Latencies(List<Long> total, List<Long> listed, List<Long> pipeline, int changes) {}

    /** The scaled clock started at {@code start} on both clocks: virtual = start + wall elapsed x scale. */
    record WallTime(Instant start, double scale) {
        long of(Instant virtual) {
            return start.toEpochMilli() + Math.round((virtual.toEpochMilli() - start.toEpochMilli()) / scale);
        }
    }

    /**
     * Truth events in the window, each with the transition it caused: of its session, to its status,
     * saying the status began ({@code at}, the listing's LastUpdatedAt) no earlier than the change
     * and before the session's next change. A change undone before any poll listed it has none, nor
     * has a return to the status the last poll saw (CONNECTED, a disconnect and a reconnect between
     * two polls, CONNECTED: nothing changed for the processor); a later change to the same status is
     * not mistaken for its detection.
     */
    static Latencies latencies(List<TruthEvent> truth, List<ConsumerRecord<String, SessionTransition>> transitions,
            WallTime wall, Instant windowStart, Instant windowEnd) {
        return latencies(truth, transitions, wall, windowStart, windowEnd, null, MATCH_WINDOW);
    }

    /**
     * The same for the changes into one family of statuses that count as one change (an end: into
     * TERMINATING or straight into TERMINATED), each detected by the first transition into any
     * status of the family that says it began no earlier than the change and before the session
     * left the family.
     *
     * @param family null: every change by itself, into its own status
     * @param matchWindow a transition later than this after the change is not its detection
     */
    static Latencies latencies(List<TruthEvent> truth, List<ConsumerRecord<String, SessionTransition>> transitions,
            WallTime wall, Instant windowStart, Instant windowEnd, Set<String> family, Duration matchWindow) {
        Map<String, List<ConsumerRecord<String, SessionTransition>>> bySession = new HashMap<>();
        for (ConsumerRecord<String, SessionTransition> record : transitions) {
            if (record.timestampType() != TimestampType.LOG_APPEND_TIME) {
                throw new IllegalStateException("transitions are not stamped by the broker: " + record.timestampType());
            }
            bySession.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record);
        }
        Map<String, List<TruthEvent>> changesBySession = new HashMap<>();
        for (TruthEvent event : truth) {
            changesBySession.computeIfAbsent(event.sessionArn(), k -> new ArrayList<>()).add(event);
        }
        List<Long> total = new ArrayList<>();
        List<Long> listed = new ArrayList<>();
        List<Long> pipeline = new ArrayList<>();
        int changes = 0;
        for (List<TruthEvent> ofSession : changesBySession.values()) {
            for (int i = 0; i < ofSession.size(); i++) {
                TruthEvent event = ofSession.get(i);
                Set<String> into = family != null ? family : Set.of(event.to());
                if (!into.contains(event.to()) || (event.from() != null && into.contains(event.from()))) {
                    continue; // not a change into the family (or one within it)
                }
                long changedAt = wall.of(event.time());
                if (changedAt < windowStart.toEpochMilli() || changedAt > windowEnd.toEpochMilli()) {
                    continue;
                }
                changes++;
                long from = event.time().toEpochMilli(); // the wire's LastUpdatedAt has milliseconds
                long until = Long.MAX_VALUE;
                for (int j = i + 1; j < ofSession.size(); j++) {
                    if (!into.contains(ofSession.get(j).to())) {
                        until = ofSession.get(j).time().toEpochMilli();
                        break;
                    }
                }
                long leftAt = until;
                Optional<ConsumerRecord<String, SessionTransition>> detected =
                        bySession.getOrDefault(event.sessionArn(), List.of()).stream()
                                .filter(r -> into.contains(r.value().getTo()))
                                .filter(r -> r.value().getAt().toEpochMilli() >= from
                                        && r.value().getAt().toEpochMilli() < leftAt)
                                .filter(r -> r.timestamp() >= changedAt
                                        && r.timestamp() <= changedAt + matchWindow.toMillis())
                                .min((a, b) -> Long.compare(a.timestamp(), b.timestamp()));
                if (detected.isPresent()) {
                    long appended = detected.get().timestamp();
                    long observed = Math.min(appended, Math.max(changedAt, wall.of(detected.get().value().getObservedAt())));
                    total.add(appended - changedAt);
                    listed.add(observed - changedAt);
                    pipeline.add(appended - observed);
                }
            }
        }
        return new Latencies(total, listed, pipeline, changes);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(List<Long> sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
