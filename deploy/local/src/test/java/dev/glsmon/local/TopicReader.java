package dev.glsmon.local;

import dev.glsmon.schemas.AvroSerde;
import dev.glsmon.schemas.ExportCommand;
import dev.glsmon.schemas.ExportResult;
import dev.glsmon.schemas.PollCycle;
import dev.glsmon.schemas.SessionTermination;
import dev.glsmon.schemas.SessionTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What a glsmon topic holds now, read committed from the beginning to its current end: the input of
 * {@link TruthComparison} for the local stack's tests and the fault-injection tests (proof/).
 */
public final class TopicReader {

    private TopicReader() {}

    /** One complete listing of a stream group, as its marker says (the poller's clock). */
    public record Cycle(String streamGroupId, Instant startedAt, Instant completedAt) {}

    /** A record's value and its Kafka timestamp. */
    public record Stamped<T>(T value, Instant timestamp) {}

    /** Every value of the topic, decoded as {@code type}. */
    public static <T extends SpecificRecord> List<T> values(String bootstrapServers, String topic, Class<T> type) {
        return stamped(bootstrapServers, topic, type).stream().map(Stamped::value).toList();
    }

    /** Every value of the topic, decoded as {@code type}, with its record timestamp. */
    public static <T extends SpecificRecord> List<Stamped<T>> stamped(String bootstrapServers, String topic, Class<T> type) {
        AvroSerde<T> serde = AvroSerde.of(type);
        return readAllStamped(bootstrapServers, topic).stream()
                .map(r -> new Stamped<>(serde.deserialize(topic, r.value()), r.timestamp())).toList();
    }

    public static List<SessionTransition> transitions(String bootstrapServers, String topic) {
        return values(bootstrapServers, topic, SessionTransition.class);
    }

    /**
     * The terminations with their record timestamps: the processor stamps its output with the input
     * record's time, i.e. when the poller sent the observation (or the cycle marker) that ended the session.
     */
    public static List<Stamped<SessionTermination>> stampedTerminations(String bootstrapServers, String topic) {
        return stamped(bootstrapServers, topic, SessionTermination.class);
    }

    public static List<ExportResult> exportResults(String bootstrapServers, String topic) {
        return values(bootstrapServers, topic, ExportResult.class);
    }

    public static List<Stamped<ExportCommand>> stampedExportCommands(String bootstrapServers, String topic) {
        return stamped(bootstrapServers, topic, ExportCommand.class);
    }

    /** Every cycle marker (one per partition per cycle). */
    public static List<PollCycle> cycleMarkers(String bootstrapServers, String topic) {
        return values(bootstrapServers, topic, PollCycle.class);
    }

    /** The complete cycles, once each (the poller sends a cycle's marker to every partition). */
    public static List<Cycle> completeCycles(String bootstrapServers, String topic) {
        Map<String, Cycle> byId = new LinkedHashMap<>();
        for (PollCycle cycle : cycleMarkers(bootstrapServers, topic)) {
            if (cycle.getComplete()) {
                byId.putIfAbsent(cycle.getStreamGroupId() + "/" + cycle.getCycleId(), new Cycle(
                        cycle.getStreamGroupId(), cycle.getStartedAt(), cycle.getCompletedAt()));
            }
        }
        return new ArrayList<>(byId.values());
    }

    public static List<Stamped<byte[]>> readAllStamped(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<Stamped<byte[]>> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline
                    && partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(500))
                        .forEach(r -> values.add(new Stamped<>(r.value(), Instant.ofEpochMilli(r.timestamp()))));
            }
        }
        return values;
    }
}
