package dev.glsmon.processor.errors;

import dev.glsmon.processor.metrics.ProcessorMetrics;
import dev.glsmon.schemas.AvroSerde;
import dev.glsmon.schemas.PollCycle;
import dev.glsmon.schemas.SessionSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead letters (INVALID_RECORD) for input a session task reads but cannot use (README "Odd records"):
 * the original bytes again, where they came from and why, stamped with the caller's clock, as a
 * record for the task to forward in its transaction.
 */
public final class InvalidRecords {

    private static final Logger LOG = LoggerFactory.getLogger(InvalidRecords.class);

    private final AvroSerde<SessionSnapshot> snapshotSerde = AvroSerde.of(SessionSnapshot.class);
    private final AvroSerde<PollCycle> cycleSerde = AvroSerde.of(PollCycle.class);
    private final Clock clock;
    private final ProcessorMetrics metrics;

    public InvalidRecords(Clock clock, ProcessorMetrics metrics) {
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * The dead letter to forward for a snapshot or poll-cycle marker, counted.
     *
     * @param source where the input came from, empty when unknown
     * @param time the input's record time, which the dead letter keeps
     */
    public Record<String, SpecificRecord> letter(Optional<RecordMetadata> source, String key, SpecificRecord value,
            String why, long time) {
        String topic = source.map(RecordMetadata::topic).orElse("unknown");
        int partition = source.map(RecordMetadata::partition).orElse(-1);
        long offset = source.map(RecordMetadata::offset).orElse(-1L);
        LOG.warn("dead-lettering record {}-{}@{}: {}", topic, partition, offset, why);
        metrics.deadLetter(DeadLetters.INVALID_RECORD);
        byte[] bytes = value instanceof PollCycle cycle
                ? cycleSerde.serialize(topic, cycle)
                : snapshotSerde.serialize(topic, (SessionSnapshot) value);
        DeadLetters.Bounded bounded = DeadLetters.bound(key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                bytes, why, DeadLetters.DEFAULT_MAX_ORIGINAL_BYTES);
        String recordKey = bounded.recordKey() == null ? null : key;
        return new Record<>(recordKey, DeadLetters.of(topic, partition, offset, bounded.key(), bounded.value(),
                DeadLetters.INVALID_RECORD, bounded.detail(), clock.instant()), time);
    }
}
