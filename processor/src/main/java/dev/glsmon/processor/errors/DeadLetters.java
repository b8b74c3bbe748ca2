package dev.glsmon.processor.errors;

import dev.glsmon.schemas.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;

/** DeadLetter records as the processor writes them. */
public final class DeadLetters {

    /** Bytes that no glsmon schema decodes. */
    public static final String DESERIALIZATION = "DESERIALIZATION";
    /** A record that decodes but cannot be used (README "Odd records"). */
    public static final String INVALID_RECORD = "INVALID_RECORD";
    /** A record whose processing threw. */
    public static final String PROCESSING = "PROCESSING";
    public static final String COMPONENT = "processor";

    /** Streams settings the dead-letter handlers read (set by {@code StreamsSettings}). */
    public static final String TOPIC_CONFIG = "glsmon.dead-letter.topic";
    public static final String METRICS_CONFIG = "glsmon.processor.metrics";

    private static final int MAX_DETAIL = 2000;

    private DeadLetters() {}

    public static DeadLetter of(String topic, int partition, long offset, byte[] key, byte[] value, String reason,
            String detail, Instant failedAt) {
        return DeadLetter.newBuilder()
                .setTopic(topic == null ? "unknown" : topic)
                .setPartition(partition)
                .setOffset(offset)
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setValue(value == null ? null : ByteBuffer.wrap(value))
                .setReason(reason)
                .setDetail(detail == null ? null : truncate(detail))
                .setComponent(COMPONENT)
                .setFailedAt(failedAt)
                .build();
    }

    static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String truncate(String detail) {
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + "...";
    }
}
