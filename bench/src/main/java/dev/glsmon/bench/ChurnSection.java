package dev.glsmon.bench;

import dev.glsmon.poller.Coordination;
import dev.glsmon.poller.PollerApp;
import dev.glsmon.poller.PollerConfig;
import dev.glsmon.testbed.SimulatorTestbed;
import dev.glsmon.poller.aws.ApiOperations;
import dev.glsmon.schemas.PollCycle;
import dev.glsmon.schemas.SessionSnapshot;
import dev.glsmon.schemas.Topics;
import dev.glsmon.simulator.ApiOperation;
import dev.glsmon.simulator.NewSession;
import dev.glsmon.simulator.OperationFaults;
import dev.glsmon.common.session.SessionStatus;
import dev.glsmon.simulator.SessionView;
import dev.glsmon.simulator.Simulator;
import dev.glsmon.simulator.StatusReason;
import dev.glsmon.simulator.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 7. The highest churn at which ended sessions keep their StatusReason. A fixed population in 20
 * stream groups on the simulator (the service's rate limits enforced, 30 ms per call, ended sessions
 * listed for the default retention); a driver ends sessions at a target rate with known statuses and
 * reasons (each replaced by a new live session in its place) while the poller runs at its default
 * settings, scheduled by itself as in production. After the driver stops, a complete cycle that
 * started after the last end (seen on the poll-cycles topic) and the Gets asked by then; then an end
 * counts as kept if any snapshot of its session on the snapshot topic shows the truth's status and
 * reason. The row reports the highest step with at least 99% kept, against the Get-per-end ceiling:
 * the GetStreamSession budget per second, what a poller that asks a Get per end can enrich.
 */
final class ChurnSection implements BenchSection {

    private static final Logger LOG = LoggerFactory.getLogger(ChurnSection.class);
    static final int GROUPS = 20;
    static final int PARTITIONS = 3;
    static final double TARGET = 0.99;
    private static final long TICK_MILLIS = 10;
    /** At most this long for the Gets still queued after the last cycle (none are expected). */
    private static final Duration GET_WAIT = Duration.ofSeconds(60);

    @Override
    public String name() {
        return "7. churn";
    }

    /** One end the driver made: the truth the snapshot topic is checked against. */
    record End(String arn, String status, String reason, long wallMillis) {}

    record Step(int rate, double achieved, int seconds, int ends, int kept, int statusOnly, List<Long> reasonMillis,
            long gets, long throttled, int cycles, double longestCycle, int mostListed, boolean drained) {
        double keptShare() {
            return ends == 0 ? 0 : (double) kept / ends;
        }
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws Exception {
        Map<String, Double> budget = PollerConfig.Builder.defaultRateLimits(); // the product's, not the tests'
        double listRate = budget.get(ApiOperations.LIST_STREAM_SESSIONS);
        double getRate = budget.get(ApiOperations.GET_STREAM_SESSION);
        Duration retention = Scenario.empty().retention();
        int sessions = context.size().churnSessions();
        List<Step> steps = new ArrayList<>();
        for (int rate : context.size().churnRates()) {
            steps.add(step(context, sessions, rate, context.size().churnSeconds()));
        }

        List<BenchResult> results = new ArrayList<>();
        int highest = 0;
        Integer firstMiss = null;
        for (Step step : steps) {
            if (step.keptShare() >= TARGET && firstMiss == null) {
                highest = step.rate();
            } else if (step.keptShare() < TARGET && firstMiss == null) {
                firstMiss = step.rate();
            }
            results.add(BenchResult.of(name(), String.format("StatusReason kept, %,d ends/s", step.rate()),
                    100.0 * step.keptShare(), "%", "target", 100 * TARGET, "higher").withNote(String.format(
                            "%,d ends at %.0f/s over %d s, population %,d in %d groups; %,d with status and reason on"
                                    + " the topic, %,d with the status only; the reason on the topic %.1f s (p50), %.1f s"
                                    + " (p99) after the end; cycles from the first end on: %d, the longest %.1f s, up to %,d sessions listed;"
                                    + " %,d GetStreamSession calls, %,d calls answered 429%s",
                            step.ends(), step.achieved(), step.seconds(), sessions, GROUPS, step.kept(),
                            step.statusOnly(), seconds(step.reasonMillis(), 0.50), seconds(step.reasonMillis(), 0.99),
                            step.cycles(), step.longestCycle(), step.mostListed(), step.gets(), step.throttled(),
                            step.drained() ? "" : "; Gets still queued after " + GET_WAIT.toSeconds() + " s")));
        }
        // an end stays listed for the retention: it keeps its reason while a sweep of the whole listing
        // (population + rate x retention sessions, page size per call at the list budget) fits in it
        double steadyBound = PollerConfig.MAX_PAGE_SIZE * listRate - sessions / (double) retention.toSeconds();
        String outcome = firstMiss == null
                ? String.format("every step kept >= %.0f%%: the ceiling lies above %,d ends/s", 100 * TARGET, highest)
                : String.format("first step below %.0f%%: %,d ends/s", 100 * TARGET, firstMiss);
        results.add(BenchResult.of(name(), "highest churn with >= 99% of StatusReasons kept", highest, "ends/s",
                "Get-per-end ceiling: GetStreamSession budget", getRate, "higher").withNote(String.format(
                        "%s; poller at its defaults (ListStreamSessions and GetStreamSession budgets %.0f/s each),"
                                + " simulator enforcing 20/s, %d ms per call; ended sessions stay listed for %d min (the"
                                + " simulator's default retention, standing for the service's); reasons come with the"
                                + " listing, so an end keeps its reason if a sweep lists it within the retention: at"
                                + " steady state (population + churn x retention listed, %d per page at %.0f pages/s)"
                                + " up to %,.0f ends/s, a listing the %d s steps do not grow to",
                        outcome, listRate, PollerSection.LATENCY_MILLIS, retention.toMinutes(),
                        PollerConfig.MAX_PAGE_SIZE, listRate, steadyBound, context.size().churnSeconds())));
        return results;
    }

    private Step step(BenchContext context, int sessions, int rate, int seconds) throws Exception {
        String bootstrap = context.bootstrapServers();
        try (Simulator sim = Simulator.builder().scenario(Scenario.empty()).seed(11).requestLogCapacity(0).start()) {
            List<String> groups = sim.control().populate(sessions, GROUPS);
            sim.faults().enforceRateLimits(true);
            sim.faults().setDefault(OperationFaults.NONE.withLatencyMillis(PollerSection.LATENCY_MILLIS));
            String prefix = context.unique("b-churn-") + ".";
            Topics topics = Topics.of(prefix, PARTITIONS);
            PollerConfig config = PollerConfig.builder()
                    .region("us-west-2")
                    .endpointUrl(sim.endpoint().toString())
                    .bootstrapServers(bootstrap)
                    .topicPrefix(prefix)
                    .partitions(PARTITIONS)
                    .coordination(Coordination.NONE)
                    .exportExecutor(false)
                    .streamGroups(groups)
                    .pollerId("bench-churn")
                    .build();
            List<End> ends;
            long gets;
            long throttled;
            boolean drained;
            double achieved;
            Markers.Cycles cycles;
            // scheduled as in production: its default poll interval, its own cadence
            try (PollerApp app = PollerApp.builder(config).credentialsProvider(SimulatorTestbed.CREDENTIALS).start();
                    Markers markers = new Markers(bootstrap, topics, groups)) {
                markers.awaitCompleteCycleSince(Instant.EPOCH, Duration.ofMinutes(5));
                long getsBefore = sim.requests().count(ApiOperation.GET_STREAM_SESSION);
                long throttledBefore = throttled(sim);
                LOG.info("{}: {} ends/s for {} s over {} sessions", name(), rate, seconds, sessions);
                Instant driveStart = Instant.now();
                long begin = System.nanoTime();
                ends = drive(sim, rate, seconds);
                // the last end falls due at (n - 1) / rate: over n / rate seconds, n ends
                achieved = ends.size() / Math.max(seconds, (System.nanoTime() - begin) / 1e9 + 1.0 / rate);
                // a complete cycle that started after the last end, and the Gets asked until then
                Instant lastEnd = Instant.ofEpochMilli(ends.get(ends.size() - 1).wallMillis() + 1);
                markers.awaitCompleteCycleSince(lastEnd, Duration.ofMinutes(10));
                drained = app.poller().awaitEnrichment(GET_WAIT);
                gets = sim.requests().count(ApiOperation.GET_STREAM_SESSION) - getsBefore;
                throttled = throttled(sim) - throttledBefore;
                cycles = markers.cyclesSince(driveStart);
            }
            Kept kept = kept(bootstrap, topics, ends);
            return new Step(rate, achieved, seconds, ends.size(), kept.kept(), kept.statusOnly(), kept.reasonMillis(),
                    gets, throttled, cycles.count(), cycles.longestSeconds(), cycles.mostListed(), drained);
        }
    }

    private static long throttled(Simulator sim) {
        return sim.requests().count(ApiOperation.LIST_STREAM_SESSIONS, 429)
                + sim.requests().count(ApiOperation.GET_STREAM_SESSION, 429);
    }

    /**
     * Ends {@code rate} sessions a second for {@code seconds}, in turn over the groups, cycling
     * through every StatusReason (so through ERROR and TERMINATED); each is replaced by a new
     * CONNECTED session in the same stream group and location.
     */
    private static List<End> drive(Simulator sim, int rate, int seconds) throws InterruptedException {
        List<SessionView> live = new ArrayList<>(sim.control().sessions());
        Collections.shuffle(live, new Random(7)); // spread over the groups
        ArrayDeque<SessionView> queue = new ArrayDeque<>(live);
        StatusReason[] reasons = StatusReason.values();
        long total = (long) rate * seconds;
        List<End> ends = new ArrayList<>((int) total);
        long begin = System.nanoTime();
        while (ends.size() < total) {
            long due = Math.min(total, (long) Math.floor((System.nanoTime() - begin) / 1e9 * rate) + 1);
            while (ends.size() < due) {
                SessionView victim = queue.poll();
                StatusReason reason = reasons[ends.size() % reasons.length];
                sim.control().transition(victim.arn(), reason.status(), reason);
                ends.add(new End(victim.arn(), reason.status().name(), reason.wire(), System.currentTimeMillis()));
                queue.add(sim.control().createSession(NewSession.in(victim.streamGroupId(), victim.location())
                        .withStatus(SessionStatus.CONNECTED)));
            }
            Thread.sleep(TICK_MILLIS);
        }
        return ends;
    }

    /**
     * The poller's cycle markers (partition 0 of the poll-cycles topic: every partition gets every
     * marker), read as they come: when a complete cycle of every group started after a moment, and
     * what the cycles since a moment took.
     */
    private static final class Markers implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final Deserializer<PollCycle> decode;
        private final String topic;
        private final List<String> groups;
        private final List<PollCycle> seen = new ArrayList<>();

        Markers(String bootstrap, Topics topics, List<String> groups) {
            this.topic = topics.pollCycles().name();
            this.decode = topics.pollCycles().valueSerde().deserializer();
            this.groups = groups;
            this.consumer = new KafkaConsumer<>(consumerProps(bootstrap));
            TopicPartition first = new TopicPartition(topic, 0);
            consumer.assign(List.of(first));
            consumer.seekToBeginning(List.of(first));
        }

        void awaitCompleteCycleSince(Instant after, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!completeSince(after)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no complete cycle of every group started after " + after
                            + " within " + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(decode.deserialize(topic, record.value()));
                }
            }
        }

        private boolean completeSince(Instant after) {
            return seen.stream().filter(m -> m.getComplete() && !m.getStartedAt().isBefore(after))
                    .map(PollCycle::getStreamGroupId).distinct().count() == groups.size();
        }

        record Cycles(int count, double longestSeconds, int mostListed) {}

        /** The cycles (one start for all groups) that started since the moment. */
        Cycles cyclesSince(Instant since) {
            Map<Instant, List<PollCycle>> byStart = new HashMap<>();
            seen.stream().filter(m -> !m.getStartedAt().isBefore(since))
                    .forEach(m -> byStart.computeIfAbsent(m.getStartedAt(), k -> new ArrayList<>()).add(m));
            double longest = 0;
            int most = 0;
            for (Map.Entry<Instant, List<PollCycle>> cycle : byStart.entrySet()) {
                Instant completed = cycle.getValue().stream().map(PollCycle::getCompletedAt).max(Instant::compareTo)
                        .orElse(cycle.getKey());
                longest = Math.max(longest, Duration.between(cycle.getKey(), completed).toMillis() / 1000.0);
                most = Math.max(most, cycle.getValue().stream().mapToInt(PollCycle::getSessionCount).sum());
            }
            return new Cycles(byStart.size(), longest, most);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    private static Map<String, Object> consumerProps(String bootstrap) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrap);
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", ByteArrayDeserializer.class.getName());
        props.put("enable.auto.commit", false);
        props.put("max.poll.records", 5_000);
        return props;
    }

    record Kept(int kept, int statusOnly, List<Long> reasonMillis) {}

    /**
     * Reads the snapshot topic from the start: an end is kept if any snapshot of its session shows
     * its status and reason; the time from the end to the first such record (its producer timestamp).
     */
    private static Kept kept(String bootstrap, Topics topics, List<End> ends) {
        Map<String, End> byArn = new HashMap<>();
        ends.forEach(end -> byArn.put(end.arn(), end));
        Map<String, Long> keptAt = new HashMap<>();
        Map<String, Boolean> statusSeen = new HashMap<>();
        String topic = topics.sessionSnapshots().name();
        Deserializer<SessionSnapshot> decode = topics.sessionSnapshots().valueSerde().deserializer();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps(bootstrap))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (!end.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the snapshot topic was not read within 5 minutes");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    End truth = byArn.get(record.key());
                    if (truth == null || record.value() == null) {
                        continue;
                    }
                    SessionSnapshot snapshot = decode.deserialize(topic, record.value());
                    if (!truth.status().equals(snapshot.getStatus())) {
                        continue;
                    }
                    statusSeen.put(truth.arn(), true);
                    if (truth.reason().equals(snapshot.getStatusReason())) {
                        keptAt.merge(truth.arn(), record.timestamp(), Math::min);
                    }
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
        }
        List<Long> reasonMillis = new ArrayList<>();
        keptAt.forEach((arn, at) -> reasonMillis.add(Math.max(0, at - byArn.get(arn).wallMillis())));
        return new Kept(keptAt.size(), statusSeen.size() - keptAt.size(), reasonMillis);
    }

    private static double seconds(List<Long> millis, double p) {
        if (millis.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return DetectionLatencySection.percentile(sorted, p) / 1000.0;
    }
}
