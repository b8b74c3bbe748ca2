package dev.glsmon.processor;

import dev.glsmon.testbed.Workload;
import dev.glsmon.testbed.KafkaTestSupport;
import static dev.glsmon.testbed.KafkaTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.glsmon.broker.KafkaBroker;
import dev.glsmon.broker.KafkaBrokerExtension;
import dev.glsmon.common.Metrics;
import dev.glsmon.processor.FuzzedInput.Expect;
import dev.glsmon.processor.FuzzedInput.Fuzzed;
import dev.glsmon.processor.config.ProcessorConfig;
import dev.glsmon.processor.metrics.ProcessorMetrics;
import dev.glsmon.schemas.DeadLetter;
import dev.glsmon.schemas.SessionTransition;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * 10,000 seeded bad records interleaved with a good workload on both input topics, through the real
 * application with exactly-once on a real broker: Kafka Streams never leaves RUNNING, exactly the
 * undecodable and unusable records are dead letters (reason, original bytes, topic, partition,
 * offset), the odd-but-decodable ones do what processor/README.md "Odd records" says, and the good
 * sessions' transitions are exactly those of the good records alone.
 */
@ExtendWith(KafkaBrokerExtension.class)
class BadInputIT {

    private static final long SEED = 20261123L;
    private static final int FUZZED = 10_000;
    private static final int MEGABYTE_RECORDS = 12;
    private static final int PARTITIONS = 3;

    @Test
    void keepsRunningThroughTenThousandBadRecordsAndHandlesEachByTheDocumentedRule(KafkaBroker broker,
            @TempDir Path stateDir) throws Exception {
        String prefix = KafkaTestSupport.unique("bad-input-") + ".";
        String appId = KafkaTestSupport.unique("glsmon-bad-input-");
        ProcessorConfig config = ProcessorConfig.from(Map.of(
                "bootstrap-servers", broker.bootstrapServers(), "application-id", appId, "topic-prefix", prefix,
                "partitions", Integer.toString(PARTITIONS), "state-dir", stateDir.toString(),
                "http-bind", "127.0.0.1", "http-port", "0", "kafka.commit.interval.ms", "100"));
        List<ProducerRecord<byte[], byte[]>> good = Workload.generate(config.topics(), PARTITIONS, 60, 2, 24, 11)
                .records();
        long[] times = new long[FUZZED];
        for (int i = 0; i < FUZZED; i++) {
            times[i] = good.get((int) ((long) i * good.size() / FUZZED)).timestamp();
        }
        List<Fuzzed> fuzzed = FuzzedInput.generate(config.topics(), PARTITIONS, SEED, times, MEGABYTE_RECORDS);
        Map<String, List<String>> expectedGood = transitionsOfTheGoodRecordsAlone(good);

        ListAppender<ILoggingEvent> streamsStates = new ListAppender<>();
        Logger appLogger = (Logger) LoggerFactory.getLogger(ProcessorApp.class);
        streamsStates.start();
        appLogger.addAppender(streamsStates);
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(broker.bootstrapServers());
                Admin admin = KafkaTestSupport.admin(broker.bootstrapServers())) {
            KafkaTestSupport.createTopics(broker.bootstrapServers(), config.topics().all());
            // everything is written before the processor starts, so it reads in timestamp order as the oracle did
            int next = 0;
            for (int i = 0; i < good.size(); i++) {
                producer.send(good.get(i));
                // the fuzzed records whose place in the stream is after this good record
                while (next < FUZZED && (long) next * good.size() / FUZZED <= i) {
                    Fuzzed f = fuzzed.get(next++);
                    sent.add(producer.send(new ProducerRecord<>(f.topic(), f.partition(), f.timestamp(),
                            f.key().getBytes(StandardCharsets.UTF_8), f.value())));
                }
            }
            producer.flush();

            try (Metrics metrics = Metrics.create("processor");
                    ProcessorApp app = ProcessorApp.start(config, new Properties(), metrics.registry())) {
                await("the processor to commit all input", Duration.ofSeconds(120), () -> KafkaTestSupport.caughtUp(
                        admin, appId, Set.of(config.topics().sessionSnapshots().name(),
                                config.topics().pollCycles().name())) || app.terminated().toCompletableFuture().isDone());

                assertThat(app.terminated().toCompletableFuture().isDone()).as("Kafka Streams stopped").isFalse();
                assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
                assertThat(app.streams().metadataForLocalThreads()).extracting(t -> t.threadName())
                        .as("the first stream thread, never replaced").singleElement().asString().endsWith("-1");
            }
        } finally {
            appLogger.detachAppender(streamsStates);
        }
        List<String> stateChanges = streamsStates.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith("Kafka Streams ")).toList();
        int running = stateChanges.indexOf("Kafka Streams REBALANCING -> RUNNING");
        assertThat(running).as("state changes %s", stateChanges).isNotNegative();
        assertThat(stateChanges.subList(running + 1, stateChanges.size()))
                .as("after RUNNING only the close at the end").containsExactly("Kafka Streams RUNNING -> PENDING_SHUTDOWN",
                        "Kafka Streams PENDING_SHUTDOWN -> NOT_RUNNING");
        assertThat(streamsStates.list).noneMatch(e -> e.getFormattedMessage().contains("stream thread failed"));

        KafkaTestSupport.awaitSettled(broker.bootstrapServers(), config.topics().sessionTransitions().name(),
                config.topics().deadLetter().name());
        List<SessionTransition> transitions = KafkaTestSupport.readCommitted(broker.bootstrapServers(),
                config.topics().sessionTransitions().name(), SessionTransition.class).stream()
                .map(ConsumerRecord::value).toList();
        List<DeadLetter> letters = KafkaTestSupport.readCommitted(broker.bootstrapServers(),
                config.topics().deadLetter().name(), DeadLetter.class).stream().map(ConsumerRecord::value).toList();

        // dead letters: exactly the undecodable and unusable fuzzed records, each whole, with where it was
        Map<String, Fuzzed> expectedLetters = new HashMap<>();
        for (int i = 0; i < FUZZED; i++) {
            Fuzzed f = fuzzed.get(i);
            if (f.expect() == Expect.DESERIALIZATION || f.expect() == Expect.INVALID_RECORD) {
                RecordMetadata where = sent.get(i).get();
                expectedLetters.put(where.topic() + "-" + where.partition() + "@" + where.offset(), f);
            }
        }
        assertThat(letters).hasSize(expectedLetters.size());
        for (DeadLetter letter : letters) {
            Fuzzed f = expectedLetters.get(letter.getTopic() + "-" + letter.getPartition() + "@" + letter.getOffset());
            assertThat(f).as("dead letter of %s-%d@%d", letter.getTopic(), letter.getPartition(), letter.getOffset())
                    .isNotNull();
            assertThat(letter.getReason()).as(f.kind()).isEqualTo(f.expect().name());
            assertThat(letter.getDetail()).as(f.kind()).isNotBlank();
            assertThat(bytes(letter.getValue())).as(f.kind()).isEqualTo(f.value());
            assertThat(bytes(letter.getKey())).as(f.kind()).isEqualTo(f.key().getBytes(StandardCharsets.UTF_8));
        }
        assertThat(letters).filteredOn(l -> l.getDetail().startsWith("oversized field"))
                .hasSize(MEGABYTE_RECORDS / 2);

        // odd but decodable: exactly one first-seen transition each, at the time the rule gives
        Map<String, List<SessionTransition>> byArn = transitions.stream()
                .collect(Collectors.groupingBy(SessionTransition::getArn));
        List<Fuzzed> odd = fuzzed.stream().filter(f -> f.expect() == Expect.ONE_TRANSITION).toList();
        for (Fuzzed f : odd) {
            assertThat(byArn.get(f.arn())).as(f.kind() + " " + f.arn()).singleElement().satisfies(t -> {
                assertThat(t.getFrom()).isNull();
                assertThat(t.getTo()).isEqualTo(f.status());
                assertThat(t.getAt()).isEqualTo(f.at());
                assertThat(t.getSequence()).isEqualTo(1);
            });
        }

        // good sessions: exactly what the good records alone produce; nothing for any other session
        Map<String, List<String>> actualGood = new HashMap<>();
        byArn.forEach((arn, list) -> {
            if (!arn.contains("/" + FuzzedInput.FUZZ_GROUP + "/")) {
                actualGood.put(arn, list.stream().map(TopologyFixture::compact).toList());
            }
        });
        assertThat(actualGood).isEqualTo(expectedGood);
        assertThat(byArn.keySet()).hasSize(expectedGood.size() + odd.size());
        System.out.printf("BadInputIT: %d good records, %d fuzzed (%d dead letters, %d odd sessions), %d transitions%n",
                good.size(), FUZZED, letters.size(), odd.size(), transitions.size());
    }

    /**
     * The oracle: the good records alone through TopologyTestDriver, in the same order and times, one
     * partition (so one copy of each marker). Transitions per session, compact.
     */
    private static Map<String, List<String>> transitionsOfTheGoodRecordsAlone(List<ProducerRecord<byte[], byte[]>> good) {
        Properties atLeastOnce = new Properties();
        atLeastOnce.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        try (TopologyFixture fixture = new TopologyFixture(Map.of(), ProcessorMetrics.NONE, atLeastOnce)) {
            Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
            String cyclesSuffix = "poll-cycles";
            for (ProducerRecord<byte[], byte[]> record : good) {
                boolean marker = record.topic().endsWith(cyclesSuffix);
                if (marker && record.partition() != 0) {
                    continue;
                }
                String topic = marker ? fixture.topics.pollCycles().name() : fixture.topics.sessionSnapshots().name();
                inputs.computeIfAbsent(topic, t -> fixture.driver.createInputTopic(t, new ByteArraySerializer(),
                        new ByteArraySerializer())).pipeInput(record.key(), record.value(), record.timestamp());
            }
            return fixture.transitions().stream().collect(Collectors.groupingBy(SessionTransition::getArn,
                    Collectors.mapping(TopologyFixture::compact, Collectors.toList())));
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }
}
