package dev.glsmon.processor.topology;

import dev.glsmon.schemas.AvroSerde;
import dev.glsmon.schemas.PollCycle;
import dev.glsmon.schemas.SessionSnapshot;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Values of the session processor's one source, which reads both the snapshot and the poll-cycle
 * topics: the topic a record came from decides its type. One source keeps the two topics' partitions
 * in one task without a merge step.
 */
final class SessionInputSerde implements Serde<SpecificRecord>, Deserializer<SpecificRecord>, Serializer<SpecificRecord> {

    private final String snapshotsTopic;
    private final String cyclesTopic;
    private final AvroSerde<SessionSnapshot> snapshots = AvroSerde.of(SessionSnapshot.class);
    private final AvroSerde<PollCycle> cycles = AvroSerde.of(PollCycle.class);

    SessionInputSerde(String snapshotsTopic, String cyclesTopic) {
        this.snapshotsTopic = snapshotsTopic;
        this.cyclesTopic = cyclesTopic;
    }

    @Override
    public SpecificRecord deserialize(String topic, byte[] data) {
        if (snapshotsTopic.equals(topic)) {
            return snapshots.deserialize(topic, data);
        }
        if (cyclesTopic.equals(topic)) {
            return cycles.deserialize(topic, data);
        }
        throw new IllegalArgumentException("the session processor does not read topic " + topic);
    }

    @Override
    public byte[] serialize(String topic, SpecificRecord data) {
        if (data instanceof SessionSnapshot snapshot) {
            return snapshots.serialize(topic, snapshot);
        }
        if (data instanceof PollCycle cycle) {
            return cycles.serialize(topic, cycle);
        }
        throw new IllegalArgumentException("not a session input: " + (data == null ? null : data.getClass()));
    }

    @Override
    public Serializer<SpecificRecord> serializer() {
        return this;
    }

    @Override
    public Deserializer<SpecificRecord> deserializer() {
        return this;
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {}

    @Override
    public void close() {}
}
