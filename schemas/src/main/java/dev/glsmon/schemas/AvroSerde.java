package dev.glsmon.schemas;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a glsmon record type in Avro single-object encoding (0xC3 0x01, the 8-byte
 * CRC-64-AVRO fingerprint of the writer schema, then the binary body). Any Avro reader holding the
 * .avsc files decodes it without a registry; readers resolve older writer schemas through the
 * {@link GlsmonSchemaStore}.
 *
 * <p>Thread-safe: Avro's message encoder and decoder keep their buffers per thread.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    static final int HEADER_LENGTH = 10;

    private final Class<T> type;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;
    private final SchemaStore store;
    /** The current schema's fingerprint and a reader for it: records written with it skip the message decoder. */
    private final long currentFingerprint;
    private final SpecificDatumReader<T> currentReader;
    /** Per thread: a decoder over the record's bytes (the message decoder reads a stream byte by byte). */
    private static final ThreadLocal<BinaryDecoder> DECODERS = new ThreadLocal<>();

    private AvroSerde(Class<T> type, SchemaStore store) {
        this.type = Objects.requireNonNull(type, "type");
        this.store = store;
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        // no copy inside the encoder: serialize copies the per-thread buffer out at once
        this.encoder = new BinaryMessageEncoder<>(model, schema, false);
        this.decoder = new BinaryMessageDecoder<>(model, schema, store);
        this.currentFingerprint = fingerprintOf(schema);
        this.currentReader = new SpecificDatumReader<>(schema, schema, model);
    }

    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        return new AvroSerde<>(type, GlsmonSchemaStore.instance());
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        try {
            ByteBuffer buffer = encoder.encode(data);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException | RuntimeException e) {
            throw new AvroDecodingException(
                    AvroDecodingException.Kind.NOT_ENCODABLE,
                    "cannot encode " + type.getSimpleName() + " for topic " + topic + ": " + describe(e),
                    e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null; // a tombstone stays a tombstone
        }
        return decode(topic, data);
    }

    /** Decodes, or throws {@link AvroDecodingException}, whatever the bytes. */
    public T decode(String topic, byte[] data) {
        try {
            if (data.length >= HEADER_LENGTH && data[0] == (byte) 0xC3 && data[1] == (byte) 0x01
                    && fingerprint(data) == currentFingerprint) {
                BinaryDecoder body = DecoderFactory.get().binaryDecoder(data, HEADER_LENGTH,
                        data.length - HEADER_LENGTH, DECODERS.get());
                DECODERS.set(body);
                return currentReader.read(null, body);
            }
            return decoder.decode(data); // another version's schema, or not ours: resolved, or refused
        } catch (BadHeaderException e) {
            String what = what(topic, data);
            throw new AvroDecodingException(
                    AvroDecodingException.Kind.BAD_HEADER,
                    "cannot decode " + what + ": not Avro single-object encoding (" + e.getMessage() + ")",
                    e);
        } catch (MissingSchemaException e) {
            String what = what(topic, data);
            throw new AvroDecodingException(
                    AvroDecodingException.Kind.UNKNOWN_SCHEMA,
                    "cannot decode " + what + ": writer schema fingerprint " + fingerprintHex(data)
                            + " is not a known version of any glsmon schema",
                    e);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            String what = what(topic, data);
            throw new AvroDecodingException(
                    AvroDecodingException.Kind.CORRUPT_BODY,
                    "cannot decode " + what + ": body does not match its schema (" + describe(e) + ")",
                    e);
        }
    }

    /** What failed to decode, for the message: built only then (decoding runs for every record). */
    private String what(String topic, byte[] data) {
        return type.getSimpleName() + " from topic " + topic + " (" + data.length + " bytes)";
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        // nothing to configure: the type and the schema store are fixed at construction
    }

    @Override
    public void close() {
        // nothing to release: the encoder and decoder hold only per-thread buffers
    }

    /** The writer schema of an encoded record, or null if the header is not ours. */
    public Schema writerSchema(byte[] data) {
        if (data == null || data.length < HEADER_LENGTH || data[0] != (byte) 0xC3 || data[1] != (byte) 0x01) {
            return null;
        }
        return store.findByFingerprint(fingerprint(data));
    }

    static long fingerprint(byte[] data) {
        return ByteBuffer.wrap(data, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static String fingerprintHex(byte[] data) {
        return data.length >= HEADER_LENGTH ? String.format("%016x", fingerprint(data)) : "?";
    }

    /** The 64-bit fingerprint Avro single-object encoding uses for this schema. */
    public static long fingerprintOf(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (e instanceof AvroRuntimeException && e.getCause() != null && message == null) {
            message = e.getCause().getMessage();
        }
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
