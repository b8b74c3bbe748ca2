package dev.glsmon.processor.errors;

import dev.glsmon.processor.metrics.ProcessorMetrics;
import dev.glsmon.schemas.AvroSerde;
import dev.glsmon.schemas.DeadLetter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bytes that do not decode go to the dead-letter topic as a DeadLetter record (original key and
 * value, topic, partition, offset, reason DESERIALIZATION, the error) and processing goes on.
 *
 * <p>The record is handed back to Kafka Streams ({@code Response.resume(records)}, Kafka 4.x), which
 * produces it itself, inside the task's exactly-once transaction: no side producer, no dead letter
 * without the offset commit that skips the record. Kafka's built-in
 * {@code errors.dead.letter.queue.topic.name} would write the raw bytes with error headers instead of
 * our Avro DeadLetter, which is why this handler exists.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private final AvroSerde<DeadLetter> serde = AvroSerde.of(DeadLetter.class);
    private final Clock clock = Clock.systemUTC();
    private String topic;
    private ProcessorMetrics metrics = ProcessorMetrics.NONE;

    @Override
    public void configure(Map<String, ?> configs) {
        Object configured = configs.get(DeadLetters.TOPIC_CONFIG);
        if (!(configured instanceof String name) || name.isBlank()) {
            throw new IllegalArgumentException(DeadLetters.TOPIC_CONFIG + " must name the dead-letter topic");
        }
        topic = name;
        if (configs.get(DeadLetters.METRICS_CONFIG) instanceof ProcessorMetrics m) {
            metrics = m;
        }
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        String detail = DeadLetters.describe(exception);
        LOG.warn("dead-lettering undecodable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                detail);
        metrics.deadLetter(DeadLetters.DESERIALIZATION);
        DeadLetter letter = DeadLetters.of(record.topic(), record.partition(), record.offset(), record.key(),
                record.value(), DeadLetters.DESERIALIZATION, detail, clock.instant());
        return Response.resume(List.of(
                new ProducerRecord<>(topic, null, record.timestamp(), record.key(), serde.serialize(topic, letter))));
    }
}
