package dev.glsmon.processor;

import static dev.glsmon.processor.Steps.SESSION;
import static dev.glsmon.processor.TopologyFixture.snapshot;
import static dev.glsmon.processor.TopologyFixture.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.processor.metrics.MicrometerProcessorMetrics;
import dev.glsmon.schemas.AvroSerde;
import dev.glsmon.schemas.DeadLetter;
import dev.glsmon.schemas.PollCycle;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** Records that cannot be used go to the dead-letter topic, are counted, and processing goes on. */
class DeadLettersTest {

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }

    /**
     * TopologyTestDriver loses the records a deserialization handler hands back while it runs with
     * exactly-once (they never leave its mock transaction), so this spec runs at-least-once; the
     * end-to-end IT checks dead letters under exactly-once on a real broker.
     */
    private static Properties atLeastOnce() {
        Properties props = new Properties();
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        return props;
    }

    @Test
    void deadLettersUndecodableBytesOnBothInputTopicsAndProcessesTheRecordsAround() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (TopologyFixture fixture = new TopologyFixture(Map.of(), new MicrometerProcessorMetrics(registry),
                atLeastOnce())) {
            byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);
            fixture.at(t(1)).pipe(snapshot(SESSION, "ACTIVE"));
            fixture.pipeBytes(fixture.topics.sessionSnapshots().name(), "some-key", garbage);
            fixture.pipeBytes(fixture.topics.pollCycles().name(), "sg-x", new byte[] {(byte) 0xC3, 0x01, 1, 2});
            // a well-formed record of the wrong type: a PollCycle on the snapshot topic
            PollCycle cycle = PollCycle.newBuilder().setStreamGroupId("sg").setCycleId("c").setCycleNumber(1)
                    .setComplete(true).setSessionCount(0).setStartedAt(t(0)).setCompletedAt(t(0))
                    .setSource("ListStreamSessions").build();
            fixture.pipeBytes(fixture.topics.sessionSnapshots().name(), "k2",
                    AvroSerde.of(PollCycle.class).serialize("t", cycle));
            fixture.advance(Duration.ofSeconds(1)).pipe(snapshot(SESSION, "CONNECTED").setLastUpdatedAt(t(1)));

            assertThat(fixture.compactTransitions()).containsExactly(">ACTIVE#1~", "ACTIVE>CONNECTED#2");
            List<DeadLetter> letters = fixture.deadLetters();
            assertThat(letters).hasSize(3);
            DeadLetter first = letters.get(0);
            assertThat(first.getTopic()).isEqualTo(fixture.topics.sessionSnapshots().name());
            assertThat(first.getOffset()).isEqualTo(1);
            assertThat(first.getReason()).isEqualTo("DESERIALIZATION");
            assertThat(first.getComponent()).isEqualTo("processor");
            assertThat(bytes(first.getValue())).isEqualTo(garbage);
            assertThat(new String(bytes(first.getKey()), StandardCharsets.UTF_8)).isEqualTo("some-key");
            assertThat(first.getDetail()).contains("not Avro single-object encoding");
            assertThat(letters.get(1).getTopic()).isEqualTo(fixture.topics.pollCycles().name());
            assertThat(letters.get(2).getReason()).isEqualTo("DESERIALIZATION");
            assertThat(registry.get("glsmon.dead.letter").tag("reason", "DESERIALIZATION").counter().count())
                    .isEqualTo(3.0);
        }
    }

    @Test
    void deadLettersDecodableRecordsThatCannotBeUsed() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (TopologyFixture fixture = new TopologyFixture(Map.of(), new MicrometerProcessorMetrics(registry))) {
            fixture.at(t(1));
            fixture.pipeRaw("another-key", snapshot(SESSION, "ACTIVE").setObservedAt(t(1)).build());
            fixture.pipeRaw(TopologyFixture.arn(SESSION), snapshot(SESSION, " ").setObservedAt(t(1)).build());
            fixture.pipe(snapshot(SESSION, "CONNECTED"));

            assertThat(fixture.compactTransitions()).containsExactly(">CONNECTED#1~");
            assertThat(fixture.deadLetters()).extracting(DeadLetter::getReason, DeadLetter::getOffset)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("INVALID_RECORD", 0L),
                            org.assertj.core.groups.Tuple.tuple("INVALID_RECORD", 1L));
            assertThat(registry.get("glsmon.dead.letter").tag("reason", "INVALID_RECORD").counter().count())
                    .isEqualTo(2.0);
        }
    }
}
