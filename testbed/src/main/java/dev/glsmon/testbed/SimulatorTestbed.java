package dev.glsmon.testbed;

import dev.glsmon.schemas.Topic;
import dev.glsmon.schemas.Topics;
import dev.glsmon.simulator.ManualClock;
import dev.glsmon.simulator.Simulator;
import dev.glsmon.simulator.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.gameliftstreams.GameLiftStreamsClient;

/**
 * A simulator on a manual clock and a topic prefix of its own on the given broker: what the
 * poller's integration tests and benchmarks start from (the poller's tests add its configuration).
 */
public class SimulatorTestbed implements AutoCloseable {

    public static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret"));
    public static final int PARTITIONS = 3;

    public final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
    public final Simulator sim;
    public final String bootstrapServers;
    public final String prefix;
    public final Topics topics;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    public SimulatorTestbed(String bootstrapServers) {
        this(bootstrapServers, Scenario.empty());
    }

    public SimulatorTestbed(String bootstrapServers, Scenario scenario) {
        this.bootstrapServers = bootstrapServers;
        this.sim = Simulator.builder().scenario(scenario).clock(clock).seed(7).start();
        this.prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
        this.topics = Topics.of(prefix, PARTITIONS);
    }

    /**
     * The settings (by the poller's names) of a poller pointed at this testbed: quick retries and a
     * request budget that never binds; tests and benchmarks change what they exercise. Names only,
     * so that this module needs no poller: the poller refuses a name it does not know.
     */
    public Map<String, String> pollerSettings(String pollerId) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "region", "us-west-2",
                "endpoint-url", sim.endpoint().toString(),
                "bootstrap-servers", bootstrapServers,
                "topic-prefix", prefix,
                "partitions", String.valueOf(PARTITIONS),
                "coordination", "none",
                "export-executor", "false",
                "page-size", "100",
                "poller-id", pollerId));
        settings.putAll(Map.of("retry-base-delay", "5ms", "throttling-base-delay", "10ms", "retry-max-backoff", "200ms"));
        for (String operation : List.of("ListStreamSessions", "ListStreamSessionsByAccount", "GetStreamSession",
                "ExportStreamSessionFiles", "ListStreamGroups", "GetStreamGroup")) {
            settings.put("rate" + operation.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT), "2000");
        }
        return settings;
    }

    public <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    /** A plain SDK client on the simulator, for test set-up (e.g. requesting an export). */
    public GameLiftStreamsClient sdkClient() {
        return track(GameLiftStreamsClient.builder()
                .endpointOverride(sim.endpoint())
                .region(Region.US_WEST_2)
                .credentialsProvider(CREDENTIALS)
                .build());
    }

    public <V> List<V> values(Topic<String, V> topic) {
        return read(topic).stream().map(Located::value).toList();
    }

    public record Located<V>(int partition, long offset, String key, V value) {}

    /** Every record of the topic, from the beginning to the current end of each partition. */
    public <V> List<Located<V>> read(Topic<String, V> topic) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", ByteArrayDeserializer.class.getName());
        props.put("enable.auto.commit", false);
        List<Located<V>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(topic.name(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!end.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    V value = record.value() == null ? null
                            : topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
                    records.add(new Located<>(record.partition(), record.offset(), record.key(), value));
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
        }
        return records;
    }

    /** Writes records as the processor would (for export commands). */
    public <V> void produce(Topic<String, V> topic, String key, V value) throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(topic.name(), key,
                    value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value))).get();
        }
    }

    public void produceRaw(String topic, String key, byte[] value) throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** Waits (polling) until the condition holds; fails after the timeout. Never asserts on time itself. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        KafkaTestSupport.await(what, timeout, condition);
    }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                // the next test must still run: report, don't mask its failure
                System.err.println("closing " + closeables.get(i) + " failed: " + e);
            }
        }
        sim.close();
    }
}
