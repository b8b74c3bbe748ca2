package dev.glsmon.testbed;

import dev.glsmon.schemas.AvroSerde;
import dev.glsmon.schemas.Topic;
import dev.glsmon.schemas.TopicInitializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Plain Kafka clients for the integration tests: topics, producing, reading committed output, waiting. */
public final class KafkaTestSupport {

    private KafkaTestSupport() {}

    public static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** Creates the topics and waits until every partition's leader serves it ({@link #awaitLeaders}). */
    public static void createTopics(String bootstrap, Collection<Topic<?, ?>> topics) throws InterruptedException {
        try (Admin admin = admin(bootstrap)) {
            new TopicInitializer(admin, Optional.empty()).ensure(topics);
            awaitLeaders(admin, topics.stream().map(Topic::name).toList());
        }
    }

    /**
     * Waits until every partition's leader answers as leader (ListOffsets). A producer that writes to
     * a fresh partition before that gets NOT_LEADER_OR_FOLLOWER on its first batch while later batches
     * get in, and the idempotent producer then retries the first one into OUT_OF_ORDER_SEQUENCE_NUMBER
     * until its records expire (ExactlyOnceRestartIT, "a workload record was not written"; bench
     * section 1 lost its workload so).
     */
    public static void awaitLeaders(Admin admin, Collection<String> topics) throws InterruptedException {
        await("the leaders of " + topics.size() + " topics", Duration.ofSeconds(60), () -> {
            try {
                Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
                admin.describeTopics(topics).allTopicNames().get().forEach((name, description) ->
                        description.partitions().forEach(p ->
                                latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
                admin.listOffsets(latest).all().get();
                return true;
            } catch (java.util.concurrent.ExecutionException e) {
                return false; // no leader yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    public static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 131072);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Every committed record of a topic (isolation read_committed), from the beginning to its end now. */
    public static <T extends SpecificRecord> List<ConsumerRecord<String, T>> readCommitted(String bootstrap, String topic,
            Class<T> type) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        List<ConsumerRecord<String, T>> records = new ArrayList<>();
        try (KafkaConsumer<String, T> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), AvroSerde.of(type))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions); // the LSO under read_committed
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!reached(consumer, end) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /** Records of a topic as raw bytes; read_uncommitted also shows what aborted transactions wrote. */
    public static List<ConsumerRecord<byte[], byte[]>> readBytes(String bootstrap, String topic, String isolation) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!reached(consumer, end) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** True when the consumer group has committed every input partition up to its end offset. */
    public static boolean caughtUp(Admin admin, String group, Set<String> topics) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Set<TopicPartition> partitions = admin.describeTopics(topics).allTopicNames().get().values().stream()
                    .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                    .collect(Collectors.toSet());
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                    partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get();
            for (TopicPartition partition : partitions) {
                long end = ends.get(partition).offset();
                OffsetAndMetadata offset = committed.get(partition);
                if (end > 0 && (offset == null || offset.offset() < end)) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            return false;
        }
    }

    /**
     * Waits until no transaction is open or still being completed on these topics (the last stable
     * offset has reached the high watermark everywhere). A consumer group's offsets can show a
     * transaction committed a moment before its markers reach every output partition.
     */
    public static void awaitSettled(String bootstrap, String... topics) throws InterruptedException {
        await("transactions on " + String.join(", ", topics) + " to settle", Duration.ofSeconds(60), () -> {
            Map<TopicPartition, Long> committed = endOffsets(bootstrap, "read_committed", topics);
            Map<TopicPartition, Long> written = endOffsets(bootstrap, "read_uncommitted", topics);
            return committed.equals(written);
        });
    }

    private static Map<TopicPartition, Long> endOffsets(String bootstrap, String isolation, String... topics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            return consumer.endOffsets(partitions);
        }
    }

    /** Polls a condition every 100 ms up to a limit; a wait, not a timing assertion. */
    public static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what + " after " + limit + "\n" + kafkaThreads());
            }
            Thread.sleep(100);
        }
    }

    /** Where every Kafka Streams and client thread stands: what a stalled wait needs to be explained. */
    static String kafkaThreads() {
        StringBuilder dump = new StringBuilder("threads of Kafka Streams and its clients:\n");
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            String name = thread.getName();
            if (name.contains("StreamThread") || name.contains("kafka-producer") || name.contains("StateUpdater")
                    || name.contains("GlobalStreamThread")) {
                dump.append('"').append(name).append("\" ").append(thread.getState()).append('\n');
                for (StackTraceElement frame : stack) {
                    dump.append("    at ").append(frame).append('\n');
                }
            }
        });
        return dump.toString();
    }
}
