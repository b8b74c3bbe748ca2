package dev.glsmon.bench.jmh;

import dev.glsmon.schemas.AvroSerde;
import dev.glsmon.schemas.SessionSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Our serde (single-object encoding: header + fingerprint lookup on read) against Avro's own
 * SpecificDatumWriter/Reader on the bare body: the baseline is the cost of Avro itself.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SerdeBenchmark {

    private AvroSerde<SessionSnapshot> serde;
    private SessionSnapshot snapshot;
    private byte[] framed;
    private byte[] bare;
    private SpecificDatumWriter<SessionSnapshot> writer;
    private SpecificDatumReader<SessionSnapshot> reader;
    private ByteArrayOutputStream out;
    private BinaryEncoder encoder;
    private BinaryDecoder decoder;

    @Setup
    public void setUp() throws IOException {
        serde = AvroSerde.of(SessionSnapshot.class);
        snapshot = typicalSnapshot();
        framed = serde.serialize("bench", snapshot);
        bare = Arrays.copyOfRange(framed, 10, framed.length);
        writer = new SpecificDatumWriter<>(SessionSnapshot.class);
        reader = new SpecificDatumReader<>(SessionSnapshot.class);
        out = new ByteArrayOutputStream(1024);
    }

    /** What the poller publishes for a connected session found by ListStreamSessions. */
    public static SessionSnapshot typicalSnapshot() {
        Instant created = Instant.parse("2026-11-23T10:00:00Z");
        return SessionSnapshot.newBuilder()
                .setArn("arn:aws:gameliftstreams:us-west-2:111122223333:streamsession/sg-1AB2C3De4/ABC123def4567")
                .setStreamGroupId("sg-1AB2C3De4")
                .setSessionId("ABC123def4567")
                .setStatus("CONNECTED")
                .setLocation("us-west-2")
                .setApplicationArn("arn:aws:gameliftstreams:us-west-2:111122223333:application/a-9ZY8X7Wv6")
                .setUserId("player-000123")
                .setProtocol("WebRTC")
                .setCreatedAt(created)
                .setLastUpdatedAt(created.plusSeconds(40))
                .setAdditionalLaunchArgs(List.of())
                .setAdditionalEnvironmentVariables(Map.of())
                .setObservedAt(created.plusSeconds(45))
                .setCycleId("sg-1AB2C3De4/1763892045000")
                .setSource("ListStreamSessions")
                .setRegion("us-west-2")
                .build();
    }

    @Benchmark
    public byte[] encodeGlsmonSerde() {
        return serde.serialize("bench", snapshot);
    }

    @Benchmark
    public byte[] encodeAvroBaseline() throws IOException {
        out.reset();
        encoder = EncoderFactory.get().binaryEncoder(out, encoder);
        writer.write(snapshot, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    @Benchmark
    public SessionSnapshot decodeGlsmonSerde() {
        return serde.deserialize("bench", framed);
    }

    @Benchmark
    public SessionSnapshot decodeAvroBaseline() throws IOException {
        decoder = DecoderFactory.get().binaryDecoder(bare, decoder);
        return reader.read(null, decoder);
    }
}
