package dev.glsmon.poller.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads partitions of a topic from the beginning to the end they had when reading started, with a
 * consumer of no group (nothing committed): how the poller rebuilds a compacted table or the set of
 * executed export commands or the snapshots it published.
 */
public final class TopicReader {

    private TopicReader() {}

    /** All partitions of {@code topic}. */
    public static void readAll(Map<String, Object> consumerProps, String topic, Duration timeout,
            Consumer<ConsumerRecord<String, byte[]>> handler) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(withoutGroup(consumerProps))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            read(consumer, partitions, timeout, handler);
        }
    }

    /** The given partitions only. */
    public static void read(Map<String, Object> consumerProps, Collection<TopicPartition> partitions, Duration timeout,
            Consumer<ConsumerRecord<String, byte[]>> handler) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(withoutGroup(consumerProps))) {
            read(consumer, partitions, timeout, handler);
        }
    }

    private static void read(KafkaConsumer<String, byte[]> consumer, Collection<TopicPartition> partitions,
            Duration timeout, Consumer<ConsumerRecord<String, byte[]>> handler) {
        if (partitions.isEmpty()) {
            return;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        drain(consumer, partitions, timeout, handler);
    }

    private static void drain(KafkaConsumer<String, byte[]> consumer, Collection<TopicPartition> partitions,
            Duration timeout, Consumer<ConsumerRecord<String, byte[]>> handler) {
        Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reached(consumer, end)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("reading " + partitions + " did not reach the end within " + timeout);
            }
            try {
                consumer.poll(Duration.ofMillis(200)).forEach(handler);
            } catch (WakeupException e) {
                throw new IllegalStateException("reading " + partitions + " was interrupted", e);
            }
        }
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        end.entrySet().removeIf(entry -> consumer.position(entry.getKey()) >= entry.getValue());
        return end.isEmpty();
    }

    private static Map<String, Object> withoutGroup(Map<String, Object> props) {
        Map<String, Object> copy = new HashMap<>(props);
        copy.remove("group.id");
        copy.remove("group.instance.id");
        copy.put("enable.auto.commit", false);
        return copy;
    }
}
