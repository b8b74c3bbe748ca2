package dev.glsmon.schemas;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * One topic of the contract: its name, how its keys and values are encoded, and the settings it
 * is created with. The topology, the poller and their tests use the same object.
 */
public record Topic<K, V>(
        String name,
        Serde<K> keySerde,
        Serde<V> valueSerde,
        int partitions,
        String cleanupPolicy,
        Duration retention) {

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

    /** The topic-level configs glsmon sets at creation and checks on existing topics. */
    public Map<String, String> configs() {
        if (retention == null) {
            return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy);
        }
        return Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
    }

    @Override
    public String toString() {
        return name;
    }
}
