package dev.glsmon.schemas;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The one exception a glsmon serde throws for bytes it cannot turn into a record (garbage, a wrong
 * header, an unknown schema fingerprint, a truncated body) or a record it cannot encode. It is a
 * Kafka {@link SerializationException}, so Kafka's deserialization handlers see it as such.
 */
public final class AvroDecodingException extends SerializationException {

    private static final long serialVersionUID = 1L;

    private final Kind kind;

    public enum Kind {
        /** Fewer bytes than a header, or not the 0xC3 0x01 single-object marker. */
        BAD_HEADER,
        /** A well-formed header whose schema fingerprint no glsmon version ever used. */
        UNKNOWN_SCHEMA,
        /** A known schema but a body that does not decode with it. */
        CORRUPT_BODY,
        /** A record that cannot be written (a required field is missing). */
        NOT_ENCODABLE
    }

    public AvroDecodingException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
