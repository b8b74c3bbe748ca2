package dev.glsmon.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroSerdeTest {

    static Iterable<SpecificRecord> everyType() {
        return Samples.oneOfEach();
    }

    @ParameterizedTest
    @MethodSource("everyType")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void roundTripsEveryType(SpecificRecord record) {
        AvroSerde serde = AvroSerde.of(record.getClass());

        byte[] bytes = serde.serialize("t", record);

        assertThat(serde.deserialize("t", bytes)).isEqualTo(record);
    }

    @Test
    void coversEveryTypeOfTheContract() {
        assertThat(Samples.oneOfEach()).extracting(r -> r.getClass().getSimpleName())
                .containsExactlyInAnyOrderElementsOf(GlsmonSchemas.recordNames());
    }

    @ParameterizedTest
    @MethodSource("everyType")
    void writesAvroSingleObjectEncodingThatAPlainGenericReaderDecodesFromTheAvscAlone(SpecificRecord record)
            throws Exception {
        String name = record.getClass().getSimpleName();
        Schema fromFile;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("glsmon/avro/" + name + ".avsc")) {
            fromFile = new Schema.Parser().parse(in);
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        byte[] bytes = ((AvroSerde) AvroSerde.of(record.getClass())).serialize("t", record);

        // the spec's header: C3 01 + little-endian CRC-64-AVRO fingerprint of the writer schema
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(AvroSerde.fingerprintOf(fromFile));
        GenericRecord decoded = new GenericDatumReader<GenericRecord>(fromFile)
                .read(null, DecoderFactory.get().binaryDecoder(Arrays.copyOfRange(bytes, 10, bytes.length), null));
        assertThat(decoded.get(fromFile.getFields().get(0).name()).toString())
                .isEqualTo(record.get(0).toString());
    }

    @Test
    void readsASnapshotWrittenByTheFirstSchemaVersion() throws Exception {
        Schema v1 = SchemaHistory.ofContract().versions("SessionSnapshot").get(0);
        assertThat(v1.getField("notFound")).as("v1 predates notFound").isNull();
        GenericRecord old = new GenericData.Record(v1);
        for (Schema.Field field : v1.getFields()) {
            old.put(field.name(), field.hasDefaultValue() ? GenericData.get().getDefaultValue(field) : null);
        }
        old.put("arn", Samples.ARN);
        old.put("streamGroupId", "sg-1AB2C3De4");
        old.put("sessionId", "ABC123def4567");
        old.put("status", "ACTIVE");
        old.put("observedAt", Samples.T0.toEpochMilli());
        old.put("cycleId", "c1");
        old.put("source", "ListStreamSessions");
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old).array();

        SessionSnapshot read = AvroSerde.of(SessionSnapshot.class).deserialize("t", bytes);

        assertThat(read.getArn()).isEqualTo(Samples.ARN);
        assertThat(read.getStatus()).isEqualTo("ACTIVE");
        assertThat(read.getObservedAt()).isEqualTo(Samples.T0);
        assertThat(read.getNotFound()).isFalse();
        assertThat(read.getRegion()).isNull();
    }

    @Test
    void readsALocationErrorRateWrittenBeforeTheUnknownShareAsNoUnknownEnds() throws Exception {
        Schema v1 = SchemaHistory.ofContract().versions("LocationErrorRate").get(0);
        assertThat(v1.getField("unknown")).as("v1 predates unknown").isNull();
        GenericRecord old = new GenericData.Record(v1);
        old.put("location", "us-west-2");
        old.put("window", "5m");
        old.put("windowStart", Samples.T0.toEpochMilli());
        old.put("windowEnd", Samples.T0.plusSeconds(300).toEpochMilli());
        old.put("terminations", 10L);
        old.put("errors", 4L);
        old.put("errorRatio", 0.4);
        old.put("countsByCategory", java.util.Map.of("NORMAL", 6L, "UNKNOWN", 4L));
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old).array();

        LocationErrorRate read = AvroSerde.of(LocationErrorRate.class).deserialize("t", bytes);

        assertThat(read.getTerminations()).isEqualTo(10);
        assertThat(read.getErrorRatio()).isEqualTo(0.4);
        assertThat(read.getUnknown()).isZero();
        assertThat(read.getUnknownRatio()).isZero();
    }

    @Test
    void carriesAnUnknownStatusFromANewerApiUnchanged() {
        SessionSnapshot snapshot = SessionSnapshot.newBuilder(Samples.snapshot())
                .setStatus("HIBERNATING").setStatusReason("someFutureReason").build();
        AvroSerde<SessionSnapshot> serde = AvroSerde.of(SessionSnapshot.class);

        SessionSnapshot read = serde.deserialize("t", serde.serialize("t", snapshot));

        assertThat(read.getStatus()).isEqualTo("HIBERNATING");
        assertThat(read.getStatusReason()).isEqualTo("someFutureReason");
    }

    @Test
    void passesTombstonesThrough() {
        AvroSerde<SessionSnapshot> serde = AvroSerde.of(SessionSnapshot.class);
        assertThat(serde.serialize("t", null)).isNull();
        assertThat(serde.deserialize("t", null)).isNull();
    }

    @Test
    void rejectsGarbageBytesAsABadHeader() {
        assertThatThrownBy(() -> AvroSerde.of(SessionSnapshot.class).deserialize("snap", "hello, world".getBytes()))
                .isInstanceOf(AvroDecodingException.class)
                .hasMessageContaining("SessionSnapshot from topic snap")
                .hasMessageContaining("not Avro single-object encoding")
                .satisfies(e -> assertThat(((AvroDecodingException) e).kind()).isEqualTo(AvroDecodingException.Kind.BAD_HEADER));
    }

    @Test
    void rejectsAnEmptyValueAsABadHeader() {
        assertThatThrownBy(() -> AvroSerde.of(PollCycle.class).deserialize("t", new byte[0]))
                .isInstanceOf(AvroDecodingException.class)
                .satisfies(e -> assertThat(((AvroDecodingException) e).kind()).isEqualTo(AvroDecodingException.Kind.BAD_HEADER));
    }

    @Test
    void rejectsAWrongHeader() {
        byte[] bytes = AvroSerde.of(SessionSnapshot.class).serialize("t", Samples.snapshot());
        bytes[1] = 0x02; // a future single-object encoding version

        assertThatThrownBy(() -> AvroSerde.of(SessionSnapshot.class).deserialize("t", bytes))
                .isInstanceOf(AvroDecodingException.class)
                .satisfies(e -> assertThat(((AvroDecodingException) e).kind()).isEqualTo(AvroDecodingException.Kind.BAD_HEADER));
    }

    @Test
    void rejectsAnUnknownFingerprintNamingIt() {
        byte[] bytes = AvroSerde.of(SessionSnapshot.class).serialize("t", Samples.snapshot());
        ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(0x1234_5678_9abc_def0L);

        assertThatThrownBy(() -> AvroSerde.of(SessionSnapshot.class).deserialize("t", bytes))
                .isInstanceOf(AvroDecodingException.class)
                .hasMessageContaining("123456789abcdef0")
                .hasMessageContaining("not a known version")
                .satisfies(e -> assertThat(((AvroDecodingException) e).kind()).isEqualTo(AvroDecodingException.Kind.UNKNOWN_SCHEMA));
    }

    @Test
    void rejectsATruncatedBody() {
        byte[] bytes = AvroSerde.of(SessionSnapshot.class).serialize("t", Samples.snapshot());
        byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);

        assertThatThrownBy(() -> AvroSerde.of(SessionSnapshot.class).deserialize("t", truncated))
                .isInstanceOf(AvroDecodingException.class)
                .satisfies(e -> assertThat(((AvroDecodingException) e).kind()).isEqualTo(AvroDecodingException.Kind.CORRUPT_BODY));
    }

    @Test
    void rejectsARecordOfAnotherTypeAsUnknownToThisReaderOrCorrupt() {
        byte[] cycle = AvroSerde.of(PollCycle.class).serialize("t", (PollCycle) Samples.oneOfEach().get(1));

        assertThatThrownBy(() -> AvroSerde.of(SessionSnapshot.class).deserialize("t", cycle))
                .isInstanceOf(AvroDecodingException.class);
    }

    @Test
    void refusesToEncodeARecordMissingARequiredField() {
        SessionSnapshot broken = Samples.snapshot();
        broken.put("status", null);

        assertThatThrownBy(() -> AvroSerde.of(SessionSnapshot.class).serialize("t", broken))
                .isInstanceOf(AvroDecodingException.class)
                .hasMessageContaining("cannot encode SessionSnapshot")
                .satisfies(e -> assertThat(((AvroDecodingException) e).kind()).isEqualTo(AvroDecodingException.Kind.NOT_ENCODABLE));
    }
}
