package dev.glsmon.schemas;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * One topic of the contract: its name, how its keys and values are encoded, and the settings it
 * is created with. The topology, the poller and their tests use the same object.
 *
 * @param segment how often a partition rolls a new segment, or null for the broker's default: the
 *     log cleaner compacts and deletes closed segments only, so a compacted topic with a retention
 *     needs segments much shorter than the broker's default week
 */
public record Topic<K, V>(
        String name,
        Serde<K> keySerde,
        Serde<V> valueSerde,
        int partitions,
        String cleanupPolicy,
        Duration retention,
        Duration segment) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
        Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be >= 1, was " + partitions);
        }
        if (TopicConfig.CLEANUP_POLICY_DELETE.equals(cleanupPolicy) && retention == null) {
            throw new IllegalArgumentException("topic " + name + ": a delete topic needs a retention");
        }
    }

    /** A topic whose segments roll at the broker's default. */
    public Topic(String name, Serde<K> keySerde, Serde<V> valueSerde, int partitions, String cleanupPolicy,
            Duration retention) {
        this(name, keySerde, valueSerde, partitions, cleanupPolicy, retention, null);
    }

    /** The topic-level configs glsmon sets at creation and checks on existing topics. */
    public Map<String, String> configs() {
        Map<String, String> configs = new TreeMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy);
        if (retention != null) {
            configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
        }
        if (segment != null) {
            configs.put(TopicConfig.SEGMENT_MS_CONFIG, Long.toString(segment.toMillis()));
        }
        return Map.copyOf(configs);
    }

    @Override
    public String toString() {
        return name;
    }
}
