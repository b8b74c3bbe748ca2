package dev.glsmon.poller.groups;

import dev.glsmon.poller.kafka.TopicReader;
import dev.glsmon.schemas.StreamGroupAssignment;
import dev.glsmon.schemas.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The whole compacted stream-groups topic as a map: the latest assignment per group, tombstones removed. */
final class StreamGroupTable {

    private StreamGroupTable() {}

    static Map<String, StreamGroupAssignment> read(Map<String, Object> consumerProps,
            Topic<String, StreamGroupAssignment> topic, Duration timeout) {
        Map<String, StreamGroupAssignment> table = new HashMap<>();
        TopicReader.readAll(consumerProps, topic.name(), timeout, record -> {
            if (record.value() == null) {
                table.remove(record.key());
            } else {
                table.put(record.key(), topic.valueSerde().deserializer().deserialize(topic.name(), record.value()));
            }
        });
        return table;
    }
}
