package dev.glsmon.proof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.broker.KafkaBroker;
import dev.glsmon.broker.KafkaBrokerExtension;
import dev.glsmon.poller.Coordination;
import dev.glsmon.poller.PollerApp;
import dev.glsmon.poller.PollerConfig;
import dev.glsmon.poller.streamgroup.StreamGroupWatch;
import dev.glsmon.processor.config.ProcessorConfig;
import dev.glsmon.processor.metrics.ProcessorMetrics;
import dev.glsmon.processor.topology.ProcessorTopology;
import dev.glsmon.processor.topology.StreamsSettings;
import dev.glsmon.schemas.StreamGroupSnapshot;
import dev.glsmon.schemas.StreamGroupTransition;
import dev.glsmon.schemas.Topics;
import dev.glsmon.simulator.ManualClock;
import dev.glsmon.simulator.Simulator;
import dev.glsmon.simulator.TruthEvent;
import dev.glsmon.simulator.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Issue 18's acceptance: every stream-group or location status change in the simulator's truth is
 * reported once, and nothing else is, judged at the stream-group interval. The poller's watch polls
 * the simulator over HTTP every 30 s of virtual time and publishes to a real broker; the processor's
 * real topology turns what was published into transitions.
 */
@ExtendWith(KafkaBrokerExtension.class)
class StreamGroupTruthIT {

    private static final Duration INTERVAL = Duration.ofSeconds(30);
    private static final Duration RUN = Duration.ofHours(4);
    /**
     * Overlapping ERROR incidents on ALFA's two locations (the group goes ACTIVE_WITH_ERRORS, ERROR,
     * and its reason changes alone), a short one on BRAV, and a capacity drop on CHAR that changes
     * capacity only: no status change may be reported for it.
     */
    private static final String SCENARIO = """
            {"name": "stream-group truth",
             "streamGroups": [
               {"id": "sg-ALFA0test", "locations": [{"name": "us-east-1", "capacity": 50, "arrivalsPerMinute": 1},
                                                      {"name": "eu-central-1", "capacity": 30, "arrivalsPerMinute": 1}]},
               {"id": "sg-BRAV0test", "locations": [{"name": "ap-northeast-1", "capacity": 20, "arrivalsPerMinute": 0.5}]},
               {"id": "sg-CHAR0test", "locations": [{"name": "us-west-2", "capacity": 40, "arrivalsPerMinute": 1}]}],
             "incidents": [
               {"name": "ALFA us-east-1 down", "location": "us-east-1", "streamGroup": "sg-ALFA0test",
                "start": "PT10M", "duration": "PT20M", "repeatEvery": "PT60M",
                "locationStatus": "ERROR", "statusReason": "noAvailableInstances"},
               {"name": "eu-central-1 down", "location": "eu-central-1", "start": "PT20M", "duration": "PT25M",
                "repeatEvery": "PT70M", "locationStatus": "ERROR", "statusReason": "internalError"},
               {"name": "BRAV blip", "streamGroup": "sg-BRAV0test", "start": "PT5M", "duration": "PT3M",
                "repeatEvery": "PT40M", "locationStatus": "ERROR"},
               {"name": "CHAR capacity drop", "streamGroup": "sg-CHAR0test", "start": "PT15M", "duration": "PT30M",
                "repeatEvery": "PT50M", "capacityFactor": 0.3}]}
            """;

    /** A status change, as the truth and the transitions both state it. */
    record Change(String group, String location, String from, String to, String reason) {}

    @Test
    void everyStatusChangeInTheTruthIsReportedOnceAndNothingElse(KafkaBroker broker, @TempDir Path stateDir)
            throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
        String prefix = "sgt" + UUID.randomUUID().toString().substring(0, 8) + ".";
        Topics topics = Topics.of(prefix, 3);
        List<StreamGroupSnapshot> published;
        List<TruthEvent> truth;
        try (Simulator sim = Simulator.builder().scenario(Scenario.parse(SCENARIO)).clock(clock).seed(18).start()) {
            PollerConfig.Builder config = PollerConfig.builder().region("us-west-2").endpointUrl(sim.endpoint().toString())
                    .bootstrapServers(broker.bootstrapServers()).topicPrefix(prefix).partitions(3)
                    .coordination(Coordination.NONE).exportExecutor(false).pollerId("truth-poller")
                    .streamGroups(List.of("sg-ALFA0test", "sg-BRAV0test", "sg-CHAR0test"))
                    .streamGroupInterval(INTERVAL);
            for (String operation : PollerConfig.Builder.defaultRateLimits().keySet()) {
                config.rateLimit(operation, 2_000);
            }
            try (PollerApp app = PollerApp.builder(config.build()).clock(clock).scheduled(false)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "x")))
                    .start()) {
                StreamGroupWatch watch = app.streamGroupWatch().orElseThrow();
                for (Duration at = Duration.ZERO; at.compareTo(RUN) <= 0; at = at.plus(INTERVAL)) {
                    watch.pollOnce();
                    clock.advance(INTERVAL);
                }
            }
            truth = sim.truth().events();
            published = read(broker.bootstrapServers(), topics);
        }
        List<StreamGroupTransition> reported = transitions(topics, published, stateDir);

        List<TruthEvent> statusEvents = truth.stream()
                .filter(e -> e.kind() == TruthEvent.Kind.GROUP_STATUS || e.kind() == TruthEvent.Kind.LOCATION_STATUS)
                .toList();
        List<Change> truthChanges = statusEvents.stream()
                .map(e -> new Change(e.streamGroupId(), e.location(), e.from(), e.to(), e.reason()))
                .toList();
        List<StreamGroupTransition> changes = reported.stream().filter(t -> t.getFrom() != null).toList();
        List<Change> reportedChanges = changes.stream()
                .map(t -> new Change(t.getStreamGroupId(), t.getLocation(), t.getFrom(), t.getTo(), t.getReason()))
                .toList();
        System.out.printf("stream-group truth: %d status changes in the truth over %s, %d reported (%d first-seen"
                        + " transitions besides), %d snapshots published for %d GetStreamGroup rounds per group%n",
                truthChanges.size(), RUN, reportedChanges.size(), reported.size() - changes.size(), published.size(),
                RUN.dividedBy(INTERVAL) + 1);
        assertThat(truthChanges).as("the scenario changes statuses").hasSizeGreaterThan(20);
        assertThat(reportedChanges).as("each truth change reported once, nothing else")
                .containsExactlyInAnyOrderElementsOf(truthChanges);
        Map<Change, Long> late = new HashMap<>();
        for (StreamGroupTransition t : changes) {
            Change c = new Change(t.getStreamGroupId(), t.getLocation(), t.getFrom(), t.getTo(), t.getReason());
            Instant happened = statusEvents.stream().filter(e -> e.streamGroupId().equals(c.group())
                            && java.util.Objects.equals(e.location(), c.location()) && e.to().equals(c.to())
                            && !e.time().isAfter(t.getObservedAt()))
                    .map(TruthEvent::time).max(Comparator.naturalOrder()).orElseThrow();
            if (Duration.between(happened, t.getObservedAt()).compareTo(INTERVAL) > 0) {
                late.merge(c, 1L, Long::sum);
            }
        }
        System.out.printf("stream-group truth: %d of %d reported later than %s after the change%n", late.size(),
                changes.size(), INTERVAL);
        assertThat(late).as("reported within one stream-group interval").isEmpty();
        assertThat(reported.size() - changes.size()).as("first seen: 3 groups and 4 locations").isEqualTo(7);
    }

    private static List<StreamGroupSnapshot> read(String bootstrap, Topics topics) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrap);
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", ByteArrayDeserializer.class.getName());
        String name = topics.streamGroupSnapshots().name();
        List<StreamGroupSnapshot> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(name).stream()
                    .map(p -> new TopicPartition(name, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!end.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(topics.streamGroupSnapshots().valueSerde().deserializer().deserialize(name, r.value()));
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
        }
        // per group in publishing order (one partition per key keeps it); across groups by observation
        out.sort(Comparator.comparing(StreamGroupSnapshot::getObservedAt));
        return out;
    }

    private static List<StreamGroupTransition> transitions(Topics topics, List<StreamGroupSnapshot> snapshots,
            Path stateDir) throws Exception {
        ProcessorConfig config = ProcessorConfig.from(Map.of("state-dir", Files.createDirectories(stateDir).toString(),
                "topic-prefix", topics.prefix(), "partitions", "3"));
        Properties props = StreamsSettings.of(config, ProcessorMetrics.NONE, new Properties());
        try (TopologyTestDriver driver = new TopologyTestDriver(
                ProcessorTopology.build(config, Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC)), props)) {
            TestInputTopic<String, StreamGroupSnapshot> in = driver.createInputTopic(topics.streamGroupSnapshots().name(),
                    new StringSerializer(), topics.streamGroupSnapshots().valueSerde().serializer());
            TestOutputTopic<String, StreamGroupTransition> out = driver.createOutputTopic(
                    topics.streamGroupTransitions().name(), new StringDeserializer(),
                    topics.streamGroupTransitions().valueSerde().deserializer());
            for (StreamGroupSnapshot s : snapshots) {
                in.pipeInput(s.getStreamGroupId(), s, s.getObservedAt());
            }
            return out.readValuesToList();
        }
    }
}
