package dev.glsmon.processor.errors;

import dev.glsmon.processor.metrics.ProcessorMetrics;
import dev.glsmon.schemas.AvroSerde;
import dev.glsmon.schemas.DeadLetter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What both dead-letter handlers do once they decided a record goes: count it, wrap its original
 * bytes in a DeadLetter, and hand Kafka Streams the record to produce (in the task's transaction).
 */
final class DeadLetterWriter {

    private final AvroSerde<DeadLetter> serde = AvroSerde.of(DeadLetter.class);
    private final Clock clock = Clock.systemUTC();
    private final String topic;
    private final ProcessorMetrics metrics;
    private final int maxOriginalBytes;

    private DeadLetterWriter(String topic, ProcessorMetrics metrics, int maxRequestSize) {
        this.topic = topic;
        this.metrics = metrics;
        this.maxOriginalBytes = DeadLetters.maxOriginalBytes(maxRequestSize);
    }

    /** From the handler's Streams configs: {@link DeadLetters#TOPIC_CONFIG} and, optionally, the metrics. */
    static DeadLetterWriter configured(Map<String, ?> configs) {
        Object configured = configs.get(DeadLetters.TOPIC_CONFIG);
        if (!(configured instanceof String name) || name.isBlank()) {
            throw new IllegalArgumentException(DeadLetters.TOPIC_CONFIG + " must name the dead-letter topic");
        }
        ProcessorMetrics metrics = configs.get(DeadLetters.METRICS_CONFIG) instanceof ProcessorMetrics m
                ? m
                : ProcessorMetrics.NONE;
        return new DeadLetterWriter(name, metrics, maxRequestSize(configs));
    }

    /** The producer's max.request.size as Streams will give it, else Kafka's default. */
    private static int maxRequestSize(Map<String, ?> configs) {
        Object value = configs.get(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        if (value == null) {
            value = configs.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        }
        return value == null ? DeadLetters.DEFAULT_MAX_REQUEST_SIZE : Integer.parseInt(value.toString().trim());
    }

    List<ProducerRecord<byte[], byte[]>> records(String sourceTopic, int partition, long offset, long timestamp,
            byte[] key, byte[] value, String reason, String detail) {
        metrics.deadLetter(reason);
        DeadLetters.Bounded bounded = DeadLetters.bound(key, value, detail, maxOriginalBytes);
        DeadLetter letter = DeadLetters.of(sourceTopic, partition, offset, bounded.key(), bounded.value(), reason,
                bounded.detail(), clock.instant());
        return List.of(new ProducerRecord<>(topic, null, timestamp, bounded.recordKey(), serde.serialize(topic, letter)));
    }
}
