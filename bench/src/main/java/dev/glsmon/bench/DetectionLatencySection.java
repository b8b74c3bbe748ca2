package dev.glsmon.bench;

import dev.glsmon.poller.Coordination;
import dev.glsmon.poller.PollerApp;
import dev.glsmon.poller.PollerConfig;
import dev.glsmon.poller.Testbed;
import dev.glsmon.processor.KafkaTestSupport;
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
 * (virtual time mapped back to wall time) the first transition to that status of that session on
 * the transitions topic, whose timestamp the broker sets on append (LogAppendTime): p50 and p99 of
 * the difference, against the poll interval, which a poller adds on average half of. The note says
 * how long a poll cycle took, which the latency also contains.
 */
final class DetectionLatencySection implements BenchSection {

    private static final Logger LOG = LoggerFactory.getLogger(DetectionLatencySection.class);
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    /** Twice real time: the demo's churn stays within what the poller's default rate limits can enrich. */
    static final double TIME_SCALE = 2;
    /** A transition further than this after the change belongs to a later change of the same kind. */
    private static final Duration MATCH_WINDOW = POLL_INTERVAL.multipliedBy(30);
    /** How long the pipeline runs on after the window closes. */
    private static final Duration SETTLE = POLL_INTERVAL.multipliedBy(5);

    @Override
    public String name() {
        return "4. latency";
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws Exception {
        ProcessorRig rig = new ProcessorRig(context, "latency");
        String transitionsTopic = rig.config.topics().sessionTransitions().name();
        String bootstrap = rig.bootstrapServers;
        try (Admin admin = KafkaTestSupport.admin(bootstrap)) {
            // stamped by the broker on append: the processor would give transitions its input's time
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, transitionsTopic);
            admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                    new ConfigEntry("message.timestamp.type", "LogAppendTime"), AlterConfigOp.OpType.SET))))
                    .all().get();
        }
        Instant start = Instant.now();
        ScaledClock clock = new ScaledClock(start, TIME_SCALE);
        Instant windowStart;
        Instant windowEnd;
        List<TruthEvent> truth;
        try (Simulator sim = Simulator.builder().scenario(Scenario.demo()).seed(42).clock(clock)
                        .requestLogCapacity(0).start();
                ProcessorRig.Instance processor = rig.start()) {
            PollerConfig config = PollerConfig.builder()
                    .region("us-west-2")
                    .endpointUrl(sim.endpoint().toString())
                    .bootstrapServers(bootstrap)
                    .topicPrefix(rig.config.topics().prefix())
                    .partitions(ProcessorRig.PARTITIONS)
                    .createTopics(false)
                    .coordination(Coordination.NONE)
                    .exportExecutor(false)
                    .streamGroups(sim.control().streamGroups().stream().map(StreamGroupView::id).toList())
                    .pollInterval(POLL_INTERVAL)
                    .pollerId("bench-latency")
                    .build();
            try (PollerApp poller = PollerApp.builder(config).credentialsProvider(Testbed.CREDENTIALS).clock(clock)
                    .start()) {
                KafkaTestSupport.await("the processor to run and the poller to complete a cycle", Duration.ofSeconds(120),
                        () -> processor.app().streams().state() == KafkaStreams.State.RUNNING && poller.isReady());
                // sessions the processor first learns of now are not changes: measure from the next cycles on
                windowStart = Instant.now().plus(POLL_INTERVAL.multipliedBy(2));
                LOG.info("{}: pipeline running, measuring for {} s", name(), context.size().latencySeconds());
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
        Latencies latencies = latencies(truth, transitions, start, windowStart, windowEnd);
        if (latencies.millis.isEmpty()) {
            throw new IllegalStateException(String.format("no status change of the simulator was matched to a"
                    + " transition: %d changes in the window, %d in all, %d transitions", latencies.changes,
                    truth.size(), transitions.size()));
        }
        List<Duration> cycles = KafkaTestSupport.readCommitted(bootstrap, rig.config.topics().pollCycles().name(),
                        PollCycle.class).stream()
                .filter(r -> r.partition() == 0)
                // stamped with the poller's clock, the scaled one: back to wall time
                .map(r -> Duration.between(r.value().getStartedAt(), r.value().getCompletedAt()).dividedBy((long) TIME_SCALE))
                .toList();
        return results(latencies, cycles, context);
    }

    private List<BenchResult> results(Latencies latencies, List<Duration> cycles, BenchContext context) {
        List<Long> sorted = new ArrayList<>(latencies.millis);
        Collections.sort(sorted);
        double interval = POLL_INTERVAL.toMillis() / 1000.0;
        double cycleMillis = cycles.stream().mapToLong(Duration::toMillis).average().orElse(Double.NaN);
        String note = String.format("%,d of %,d changes matched (the rest: undone before a poll saw them, or later than"
                        + " %d s); demo scenario at x%.0f for %d s; a group's poll cycle took %.2f s on average (%d)",
                sorted.size(), latencies.changes, MATCH_WINDOW.toSeconds(), TIME_SCALE,
                context.size().latencySeconds(), cycleMillis / 1000, cycles.size());
        return List.of(
                BenchResult.of(name(), "detection latency p50", percentile(sorted, 0.50) / 1000.0, "s",
                        "poll interval", interval, "lower").withNote(note),
                BenchResult.of(name(), "detection latency p99", percentile(sorted, 0.99) / 1000.0, "s",
                        "poll interval", interval, "lower").withNote(note));
    }

    record Latencies(List<Long> millis, int changes) {}

    /** Truth events in the window, each with the first transition of its session to its status after it. */
    static Latencies latencies(List<TruthEvent> truth, List<ConsumerRecord<String, SessionTransition>> transitions,
            Instant start, Instant windowStart, Instant windowEnd) {
        Map<String, List<ConsumerRecord<String, SessionTransition>>> bySession = new HashMap<>();
        for (ConsumerRecord<String, SessionTransition> record : transitions) {
            if (record.timestampType() != TimestampType.LOG_APPEND_TIME) {
                throw new IllegalStateException("transitions are not stamped by the broker: " + record.timestampType());
            }
            bySession.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record);
        }
        List<Long> millis = new ArrayList<>();
        int changes = 0;
        for (TruthEvent event : truth) {
            long wall = toWall(event.time(), start);
            if (wall < windowStart.toEpochMilli() || wall > windowEnd.toEpochMilli()) {
                continue;
            }
            changes++;
            Optional<Long> detected = bySession.getOrDefault(event.sessionArn(), List.of()).stream()
                    .filter(r -> r.value().getTo().equals(event.to()))
                    .map(ConsumerRecord::timestamp)
                    .filter(t -> t >= wall && t <= wall + MATCH_WINDOW.toMillis())
                    .min(Long::compare);
            detected.ifPresent(t -> millis.add(t - wall));
        }
        return new Latencies(millis, changes);
    }

    /** The ScaledClock started at {@code start} on both clocks: virtual = start + wall elapsed x scale. */
    static long toWall(Instant virtual, Instant start) {
        return start.toEpochMilli() + Math.round((virtual.toEpochMilli() - start.toEpochMilli()) / TIME_SCALE);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(List<Long> sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
