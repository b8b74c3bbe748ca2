package dev.glsmon.processor.errors;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

    private DeadLetterWriter writer;

    @Override
    public void configure(Map<String, ?> configs) {
        writer = DeadLetterWriter.configured(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        String detail = DeadLetters.describe(exception);
        LOG.warn("dead-lettering undecodable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                detail);
        return Response.resume(writer.records(record.topic(), record.partition(), record.offset(), record.timestamp(),
                record.key(), record.value(), DeadLetters.DESERIALIZATION, detail));
    }
}
