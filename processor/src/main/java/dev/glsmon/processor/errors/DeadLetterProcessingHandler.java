package dev.glsmon.processor.errors;

import java.util.Map;
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

    private DeadLetterWriter writer;

    @Override
    public void configure(Map<String, ?> configs) {
        writer = DeadLetterWriter.configured(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        String detail = "in " + context.processorNodeId() + ": " + DeadLetters.describe(exception);
        LOG.error("dead-lettering record {}-{}@{} whose processing failed: {}", context.topic(), context.partition(),
                context.offset(), detail, exception);
        return Response.resume(writer.records(context.topic(), context.partition(), context.offset(),
                context.timestamp(), context.sourceRawKey(), context.sourceRawValue(), DeadLetters.PROCESSING, detail));
    }
}
