package dev.glsmon.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBrokerExtension.class)
class EmbeddedKafkaBrokerTest {

    @Test
    void producesAndConsumesTenThousandRecords(KafkaBroker broker) throws Exception {
        String topic = "ten-thousand-" + UUID.randomUUID();
        createTopic(broker, topic, 3);
        produce(broker, topic, 10_000);

        List<ConsumerRecord<String, String>> records = consume(broker, topic, "g-" + UUID.randomUUID(), 10_000);

        assertThat(records).hasSize(10_000);
        assertThat(records).extracting(ConsumerRecord::key).doesNotHaveDuplicates();
    }

    @Test
    void keepsRecordsAndCommittedOffsetsAcrossRestart(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dir).build().start()) {
            String topic = "restart";
            createTopic(broker, topic, 1);
            produce(broker, topic, 100);
            consume(broker, topic, "restart-group", 40, true);
            String before = broker.bootstrapServers();

            broker.restart();

            assertThat(broker.bootstrapServers()).isEqualTo(before);
            assertThat(consume(broker, topic, "fresh-group", 100)).hasSize(100);
            try (Admin admin = admin(broker)) {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("restart-group")
                        .partitionsToOffsetAndMetadata().get();
                assertThat(offsets.get(new TopicPartition(topic, 0)).offset()).isEqualTo(40);
            }
        }
    }

    @Test
    void resumesFromAKeptDataDirectoryInANewInstance(@TempDir Path dir) throws Exception {
        String clusterId;
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.builder().dataDir(dir).build().start()) {
            createTopic(first, "kept", 1);
            produce(first, "kept", 10);
            clusterId = first.clusterId();
        }
        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.builder().dataDir(dir).build().start()) {
            assertThat(second.clusterId()).isEqualTo(clusterId);
            assertThat(consume(second, "kept", "g", 10)).hasSize(10);
        }
    }

    @Test
    void refusesATakenPortWithAClearMessageInsteadOfHaltingTheJvm() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(taken.getLocalPort()).build();
            assertThatThrownBy(broker::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " is already in use");
            broker.close();
        }
    }

    static void createTopic(KafkaBroker broker, String topic, int partitions) throws Exception {
        try (Admin admin = admin(broker)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
    }

    static Admin admin(KafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    static void produce(KafkaBroker broker, String topic, int count) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i));
            }
            producer.flush();
        }
    }

    static List<ConsumerRecord<String, String>> consume(KafkaBroker broker, String topic, String group, int expected) {
        return consume(broker, topic, group, expected, false);
    }

    static List<ConsumerRecord<String, String>> consume(
            KafkaBroker broker, String topic, String group, int expected, boolean commit) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(1, expected));
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (records.size() < expected) {
                        records.add(record);
                        if (commit) {
                            consumer.commitSync(Map.of(
                                    new TopicPartition(record.topic(), record.partition()),
                                    new OffsetAndMetadata(record.offset() + 1)));
                        }
                    }
                }
            }
        }
        return records;
    }
}
