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

    @Test
    void stampsADeadLetterWithTheClockTheTopologyWasBuiltWith() {
        try (TopologyFixture fixture = new TopologyFixture()) {
            fixture.at(t(1)).pipeRaw("another-key", snapshot(SESSION, "ACTIVE").setObservedAt(t(1)).build());
            fixture.advance(Duration.ofSeconds(1)).cycle(" ", true);

            assertThat(fixture.deadLetters()).extracting(DeadLetter::getFailedAt)
                    .containsExactly(TopologyFixture.WALL_CLOCK, TopologyFixture.WALL_CLOCK);
        }
    }

    @Test
    void deadLettersSnapshotsWithFieldsLongerThanTheApiSendsInsteadOfCopyingThem() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (TopologyFixture fixture = new TopologyFixture(Map.of(), new MicrometerProcessorMetrics(registry))) {
            String megabyte = "x".repeat(1_000_000);
            fixture.at(t(1));
            fixture.pipe(snapshot("big-reason", "TERMINATED").setStatusReason(megabyte));
            fixture.pipe(snapshot("long-location", "ACTIVE").setLocation("l".repeat(129)));
            fixture.pipe(snapshot("big-description", "ACTIVE").setDescription(megabyte)); // not copied: fine
            fixture.pipe(snapshot("odd-but-short", "HIBERNATING").setLocation("l".repeat(128)));

            assertThat(fixture.compactTransitions()).containsExactly(">ACTIVE#1~", ">HIBERNATING#1~");
            List<DeadLetter> letters = fixture.deadLetters();
            assertThat(letters).extracting(DeadLetter::getReason, DeadLetter::getDetail)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("INVALID_RECORD",
                                    "oversized field statusReason (1000000 chars, at most 128)"),
                            org.assertj.core.groups.Tuple.tuple("INVALID_RECORD",
                                    "oversized field location (129 chars, at most 128)"));
            assertThat(bytes(letters.get(0).getValue())).hasSizeGreaterThan(1_000_000);
        }
    }

    @Test
    void repairsAnObservedAtFarFromTheRecordTimeWithTheRecordTime() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (TopologyFixture fixture = new TopologyFixture(Map.of(), new MicrometerProcessorMetrics(registry))) {
            fixture.at(t(10));
            fixture.pipeRaw(TopologyFixture.arn(SESSION), snapshot(SESSION, "ACTIVE")
                    .setObservedAt(java.time.Instant.ofEpochMilli(Long.MAX_VALUE)).setLastUpdatedAt(null).build());

            assertThat(fixture.transitions()).singleElement().satisfies(tr ->
                    assertThat(tr.getAt()).isEqualTo(t(10)));
            assertThat(registry.get("glsmon.snapshots.odd").tag("reason", "timestamp_out_of_range").counter().count())
                    .isEqualTo(1.0);
        }
    }

    @Test
    void keepsADeadLetterWithinTheProducersRequestSize() {
        byte[] key = "k".getBytes(StandardCharsets.UTF_8);
        byte[] value = new byte[2_000_000];

        var bounded = dev.glsmon.processor.errors.DeadLetters.bound(key, value, "why", 1_000_000);

        assertThat(bounded.value()).hasSize(1_000_000 - 2);
        assertThat(bounded.recordKey()).isEqualTo(key);
        assertThat(bounded.detail()).startsWith("original value truncated from 2000000 to 999998 bytes; why");
        var longKey = dev.glsmon.processor.errors.DeadLetters.bound(new byte[600_000], new byte[10], "why", 1_000_000);
        assertThat(longKey.recordKey()).isNull();
        assertThat(longKey.key()).hasSize(250_000);
        assertThat(longKey.value()).hasSize(10);
        var small = dev.glsmon.processor.errors.DeadLetters.bound(key, new byte[10], "why", 1_000_000);
        assertThat(small.value()).hasSize(10);
        assertThat(small.detail()).isEqualTo("why");
    }
}
