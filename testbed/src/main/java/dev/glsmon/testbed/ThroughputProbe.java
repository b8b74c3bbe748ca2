package dev.glsmon.testbed;

import dev.glsmon.schemas.AvroSerde;
import dev.glsmon.schemas.SessionState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The measuring parts of the processor's ThroughputIT, shared with bench/:
 * a plain consume -> produce loop as the baseline, records/s of a consumer group from its first
 * commit to its last, and the bytes the session store takes.
 */
public final class ThroughputProbe {

    private ThroughputProbe() {}

    /**
     * Copies every input record to another topic (at-least-once, commit every 100 ms); records/s
     * from the first record polled to the last committed.
     */
    public static double plainLoop(String bootstrap, Set<String> inputs, String output, long total, String group) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        long seen = 0;
        long first = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(bootstrap)) {
            consumer.subscribe(inputs);
            long lastCommit = System.nanoTime();
            long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
            while (seen < total && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (!records.isEmpty() && first == 0) {
                    first = System.nanoTime();
                }
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    producer.send(new ProducerRecord<>(output, record.key(), record.value()));
                    seen++;
                }
                if (System.nanoTime() - lastCommit > 100_000_000L || seen >= total) {
                    producer.flush(); // at-least-once: what is committed has been written
                    consumer.commitSync();
                    lastCommit = System.nanoTime();
                }
            }
        }
        if (seen != total) {
            throw new IllegalStateException("the plain loop copied " + seen + " of " + total + " records in 300 s");
        }
        return seen / ((System.nanoTime() - first) / 1e9);
    }

    /** Offsets a consumer group has committed on these topics, summed; 0 while it has none. */
    public static long committed(Admin admin, String group, Set<String> topics) {
        try {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> topics.contains(e.getKey().topic()))
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            return 0;
        }
    }

    /**
     * Starts timing at a group's first commit, so that start-up and the first rebalance do not
     * count: call {@link #awaitCaughtUp} for records/s from there to the end of the input.
     */
    public static CommitWatch awaitFirstCommit(Admin admin, String group, Set<String> inputs)
            throws InterruptedException {
        KafkaTestSupport.await(group + " to start committing", Duration.ofSeconds(120),
                () -> committed(admin, group, inputs) > 0);
        return new CommitWatch(admin, group, inputs, System.nanoTime(), committed(admin, group, inputs));
    }

    public record CommitWatch(Admin admin, String group, Set<String> inputs, long startNanos, long startOffset) {

        /** Records/s committed from the first commit until every input partition is committed to its end. */
        public double awaitCaughtUp(long total) throws InterruptedException {
            KafkaTestSupport.await(group + " to commit all input", Duration.ofSeconds(300),
                    () -> KafkaTestSupport.caughtUp(admin, group, inputs));
            return (total - startOffset) / seconds();
        }

        public double seconds() {
            return (System.nanoTime() - startNanos) / 1e9;
        }
    }

    /** Sessions in the processor's session store, and their key + Avro value bytes (the logical size). */
    public record StoreContents(long sessions, long logicalBytes) {}

    public static StoreContents sessionStore(KafkaStreams streams, String storeName) {
        ReadOnlyKeyValueStore<String, SessionState> store = streams.store(
                StoreQueryParameters.fromNameAndType(storeName,
                        QueryableStoreTypes.keyValueStore()));
        AvroSerde<SessionState> serde = AvroSerde.of(SessionState.class);
        long sessions = 0;
        long bytes = 0;
        try (KeyValueIterator<String, SessionState> all = store.all()) {
            while (all.hasNext()) {
                var entry = all.next();
                sessions++;
                bytes += entry.key.length() + serde.serialize("t", entry.value).length;
            }
        }
        return new StoreContents(sessions, bytes);
    }

    /** Bytes of every file under the task directories' store of this name. */
    public static long directoryBytes(Path appDir, String store) throws IOException {
        try (Stream<Path> files = Files.walk(appDir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().contains("/rocksdb/" + store + "/"))
                    .mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** Bytes of a topic's log on broker 1 (the embedded broker's node). */
    public static long topicBytes(Admin admin, String topic) throws Exception {
        long bytes = 0;
        Map<Integer, Map<String, LogDirDescription>> dirs = admin.describeLogDirs(List.of(1)).allDescriptions().get();
        for (Map<String, LogDirDescription> byDir : dirs.values()) {
            for (LogDirDescription dir : byDir.values()) {
                for (var entry : dir.replicaInfos().entrySet()) {
                    if (entry.getKey().topic().equals(topic)) {
                        bytes += entry.getValue().size();
                    }
                }
            }
        }
        return bytes;
    }
}
