package dev.glsmon.processor.errors;

import dev.glsmon.schemas.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;

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

    /** Kafka's default producer max.request.size. */
    public static final int DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;
    /** Room in a record for everything but the original key and value (names, detail, framing). */
    static final int ENVELOPE_BYTES = 16 * 1024;
    /** Original key and value bytes kept whole in a dead letter under the default max.request.size. */
    public static final int DEFAULT_MAX_ORIGINAL_BYTES = maxOriginalBytes(DEFAULT_MAX_REQUEST_SIZE);

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

    static int maxOriginalBytes(int maxRequestSize) {
        return Math.max(1024, maxRequestSize - ENVELOPE_BYTES);
    }

    /**
     * The original key and value as a dead letter can carry them. A dead letter that could not be
     * produced (larger than max.request.size) would stop the exactly-once task, so beyond
     * {@code maxOriginalBytes} the head is kept and the detail says how long the original was.
     *
     * @param recordKey the key for the dead-letter record itself: the original key, or null when that
     *     key was too long to travel twice (record key and DeadLetter.key)
     */
    public record Bounded(byte[] recordKey, byte[] key, byte[] value, String detail) {}

    public static Bounded bound(byte[] key, byte[] value, String detail, int maxOriginalBytes) {
        byte[] recordKey = key;
        if (key != null && key.length > maxOriginalBytes / 4) {
            detail = "original key truncated from " + key.length + " bytes; " + detail;
            key = Arrays.copyOf(key, maxOriginalBytes / 4);
            recordKey = null;
        }
        int keyBytes = (key == null ? 0 : key.length) + (recordKey == null ? 0 : recordKey.length);
        if (value != null && keyBytes + value.length > maxOriginalBytes) {
            int kept = maxOriginalBytes - keyBytes;
            detail = "original value truncated from " + value.length + " to " + kept + " bytes; " + detail;
            value = Arrays.copyOf(value, kept);
        }
        return new Bounded(recordKey, key, value, detail);
    }

    static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String truncate(String detail) {
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + "...";
    }
}
