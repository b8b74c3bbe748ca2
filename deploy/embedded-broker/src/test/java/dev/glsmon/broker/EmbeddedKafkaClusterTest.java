package dev.glsmon.broker;

import static dev.glsmon.broker.EmbeddedKafkaBrokerTest.admin;
import static dev.glsmon.broker.EmbeddedKafkaBrokerTest.consume;
import static dev.glsmon.broker.EmbeddedKafkaBrokerTest.produce;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaClusterTest {

    @Test
    void threeNodesKeepEveryRecordOfAReplicatedTopicWhenItsLeaderIsKilledAndRestarted(@TempDir Path dir)
            throws Exception {
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(3, dir)) {
            String topic = "replicated";
            try (Admin admin = admin(cluster)) {
                assertThat(admin.describeCluster().nodes().get()).hasSize(3);
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 3)
                        .configs(Map.of("min.insync.replicas", "2")))).all().get();
            }
            produce(cluster, topic, 500);
            int leader = leader(cluster, topic).leader().id();

            cluster.kill(leader);
            assertThat(cluster.isRunning(leader)).isFalse();
            produce(cluster, topic, 500); // acks=all with min ISR 2: two nodes are enough
            TopicPartitionInfo afterKill = leader(cluster, topic);
            assertThat(afterKill.leader().id()).isNotEqualTo(leader);

            cluster.start(leader);
            cluster.awaitFullyReplicated(Duration.ofSeconds(60));
            assertThat(leader(cluster, topic).isr()).hasSize(3);
            List<ConsumerRecord<String, String>> records = consume(cluster, topic, "all", 1000);
            assertThat(records).hasSize(1000);
        }
    }

    private static TopicPartitionInfo leader(KafkaBroker cluster, String topic) throws Exception {
        try (Admin admin = admin(cluster)) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().get(0);
        }
    }
}
