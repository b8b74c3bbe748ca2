package dev.glsmon.processor.errors;

import dev.glsmon.processor.metrics.ProcessorMetrics;
import dev.glsmon.schemas.AvroSerde;
import dev.glsmon.schemas.DeadLetter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What both dead-letter handlers do once they decided a record goes: count it, wrap its original
 * bytes in a DeadLetter, and hand Kafka Streams the record to produce (in the task's transaction).
 */
final class DeadLetterWriter {

    private final AvroSerde<DeadLetter> serde = AvroSerde.of(DeadLetter.class);
    private final Clock clock = Clock.systemUTC();
    private final String topic;
    private final ProcessorMetrics metrics;

    private DeadLetterWriter(String topic, ProcessorMetrics metrics) {
        this.topic = topic;
        this.metrics = metrics;
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
        return new DeadLetterWriter(name, metrics);
    }

    List<ProducerRecord<byte[], byte[]>> records(String sourceTopic, int partition, long offset, long timestamp,
            byte[] key, byte[] value, String reason, String detail) {
        metrics.deadLetter(reason);
        DeadLetter letter = DeadLetters.of(sourceTopic, partition, offset, key, value, reason, detail, clock.instant());
        return List.of(new ProducerRecord<>(topic, null, timestamp, key, serde.serialize(topic, letter)));
    }
}
