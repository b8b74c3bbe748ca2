package dev.glsmon.poller.groups;

import dev.glsmon.schemas.StreamGroupAssignment;
import dev.glsmon.schemas.Topic;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream groups of the stream-groups topic partitions Kafka assigns to this instance. All
 * poller instances join one consumer group on that topic; Kafka's group protocol spreads the
 * partitions, so adding or stopping an instance moves polling work with no coordinator of ours.
 *
 * <p>On assignment every assigned partition is read from its beginning to its end; its groups
 * count only once it is fully read. On revocation the partition's groups leave the set first, then
 * the revocation waits (bounded) for their running cycles to end, so that the next owner does not
 * poll a group while this instance still does. Nothing is committed: the table is rebuilt from the
 * compacted topic on every assignment.
 *
 * <p>The instance's {@link #share()} of the API budget is the fraction of the topic's partitions it
 * is assigned. Kafka assigns every partition to exactly one member of the group, so the shares of
 * all instances add up to exactly 1 without any coordination of ours, and they follow every
 * rebalance. Partitions, not stream groups: the groups of a partition are only known once it is
 * read, and counting them would make the shares disagree while instances read at different speeds.
 */
public final class StreamGroupDirectory implements StreamGroupSource, AutoCloseable {

    /** Called when groups are taken from this instance; returns once their cycles have ended. */
    @FunctionalInterface
    public interface RevocationHandler {
        void groupsRevoked(Set<String> streamGroupIds) throws InterruptedException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(StreamGroupDirectory.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Topic<String, StreamGroupAssignment> topic;
    private final RevocationHandler revocationHandler;
    private final Map<TopicPartition, Map<String, StreamGroupAssignment>> tables = new HashMap<>();
    private final Map<TopicPartition, Long> loadingUntil = new HashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch firstAssignmentLoaded = new CountDownLatch(1);
    private final Thread thread;
    private volatile Set<String> current = Set.of();
    private final PartitionShare share = new PartitionShare();
    private volatile boolean failed;

    public StreamGroupDirectory(Map<String, Object> consumerProps, Topic<String, StreamGroupAssignment> topic,
            RevocationHandler revocationHandler) {
        this.consumer = new KafkaConsumer<>(consumerProps);
        this.topic = topic;
        this.revocationHandler = revocationHandler;
        this.thread = new Thread(this::run, "glsmon-stream-group-assignment");
        this.thread.setDaemon(true);
    }

    public StreamGroupDirectory start() {
        thread.start();
        return this;
    }

    @Override
    public Set<String> current() {
        return current;
    }

    /** True once the first assignment was read to its end (an instance with no partition is ready too). */
    @Override
    public boolean isReady() {
        return firstAssignmentLoaded.getCount() == 0 && !failed;
    }

    /**
     * Assigned partitions / partitions of the stream-groups topic. During a rebalance that took
     * every partition away the last non-zero share stays: the instance polls nothing meanwhile and
     * usually gets a similar part back; a completed assignment with no partition is a share of 0.
     */
    @Override
    public double share() {
        return share.value();
    }

    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return firstAssignmentLoaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** False once the consumer failed: the instance then polls nothing and should be restarted. */
    public boolean isHealthy() {
        return !failed;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic.name()), new Listener());
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    apply(record);
                }
                finishLoading();
            }
        } catch (WakeupException e) {
            if (running.get()) {
                failed = true;
                LOG.error("stream group assignment consumer woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            failed = true;
            LOG.error("stream group assignment consumer failed: this instance polls nothing more", e);
            current = Set.of();
        } finally {
            // leaving the group hands the partitions to the other instances at once
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(10)));
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Map<String, StreamGroupAssignment> table = tables.computeIfAbsent(partition, p -> new HashMap<>());
        if (record.value() == null) {
            table.remove(record.key());
        } else {
            try {
                table.put(record.key(), topic.valueSerde().deserializer().deserialize(record.topic(), record.value()));
            } catch (RuntimeException e) {
                LOG.warn("ignoring an undecodable stream group record at {}-{}@{}: {}", record.topic(),
                        record.partition(), record.offset(), e.getMessage());
            }
        }
        if (!loadingUntil.containsKey(partition)) {
            publish(); // a live change (new group discovered, group removed)
        }
    }

    private void finishLoading() {
        if (loadingUntil.isEmpty()) {
            return;
        }
        boolean changed = loadingUntil.entrySet().removeIf(entry -> consumer.position(entry.getKey()) >= entry.getValue());
        if (changed) {
            publish();
        }
        if (loadingUntil.isEmpty()) {
            firstAssignmentLoaded.countDown();
        }
    }

    private void publish() {
        Set<String> groups = new HashSet<>();
        tables.forEach((partition, table) -> {
            if (!loadingUntil.containsKey(partition)) {
                groups.addAll(table.keySet());
            }
        });
        Set<String> old = current;
        current = Set.copyOf(groups);
        if (!old.equals(current)) {
            LOG.info("polling {} stream groups from partitions {}", current.size(), tables.keySet());
        }
    }

    private Set<String> drop(Collection<TopicPartition> partitions) {
        Set<String> removed = new HashSet<>();
        for (TopicPartition partition : partitions) {
            Map<String, StreamGroupAssignment> table = tables.remove(partition);
            loadingUntil.remove(partition);
            if (table != null) {
                removed.addAll(table.keySet());
            }
        }
        publish();
        return removed;
    }

    /**
     * @param assignmentComplete false while partitions are being taken away (see {@link PartitionShare})
     */
    private void updateShare(boolean assignmentComplete) {
        List<PartitionInfo> partitions;
        try {
            partitions = consumer.partitionsFor(topic.name());
        } catch (KafkaException e) {
            LOG.warn("cannot count the partitions of {}: keeping the share {} ({})", topic.name(), share.value(),
                    e.getMessage());
            return;
        }
        if (partitions == null || partitions.isEmpty()) {
            return; // no metadata yet: keep the share we had
        }
        if (assignmentComplete) {
            share.assigned(tables.size(), partitions.size());
        } else {
            share.revoked(tables.size(), partitions.size());
        }
    }

    private final class Listener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                updateShare(true);
                finishLoading();
                if (loadingUntil.isEmpty()) {
                    firstAssignmentLoaded.countDown();
                }
                return;
            }
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            for (TopicPartition partition : partitions) {
                tables.put(partition, new HashMap<>());
                loadingUntil.put(partition, ends.getOrDefault(partition, 0L));
            }
            updateShare(true);
            LOG.info("assigned stream group partitions {}: share {} of the API budget", partitions, share.value());
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Set<String> removed = drop(partitions);
            updateShare(false);
            if (removed.isEmpty()) {
                return;
            }
            LOG.info("stream group partitions {} revoked: handing over {} groups", partitions, removed.size());
            try {
                revocationHandler.groupsRevoked(removed);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            Set<String> removed = drop(partitions);
            updateShare(false);
            LOG.warn("stream group partitions {} lost ({} groups): another instance may already poll them",
                    partitions, removed.size());
        }
    }

    @Override
    public void close() {
        if (running.compareAndSet(true, false)) {
            if (!thread.isAlive() && thread.getState() == Thread.State.NEW) {
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(10)));
                return;
            }
            consumer.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
