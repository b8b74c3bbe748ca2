package dev.glsmon.processor.errors;

import dev.glsmon.processor.metrics.ProcessorMetrics;
import dev.glsmon.schemas.AvroSerde;
import dev.glsmon.schemas.DeadLetter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record whose processing throws goes to the dead-letter topic (reason PROCESSING, with the source
 * record's original bytes) and processing goes on: one poison record must not stop every session's
 * monitoring, and failing would only crash-loop on the same record after every restart.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

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
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        String detail = "in " + context.processorNodeId() + ": " + DeadLetters.describe(exception);
        LOG.error("dead-lettering record {}-{}@{} whose processing failed: {}", context.topic(), context.partition(),
                context.offset(), detail, exception);
        metrics.deadLetter(DeadLetters.PROCESSING);
        DeadLetter letter = DeadLetters.of(context.topic(), context.partition(), context.offset(),
                context.sourceRawKey(), context.sourceRawValue(), DeadLetters.PROCESSING, detail, clock.instant());
        return Response.resume(List.of(new ProducerRecord<>(topic, null, context.timestamp(), context.sourceRawKey(),
                serde.serialize(topic, letter))));
    }
}
