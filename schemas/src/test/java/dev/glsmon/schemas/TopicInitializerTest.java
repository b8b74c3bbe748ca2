package dev.glsmon.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.broker.KafkaBroker;
import dev.glsmon.broker.KafkaBrokerExtension;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class TopicInitializerTest {

    @Test
    void createsMissingTopicsWithTheirSettings(KafkaBroker broker) throws Exception {
        Topics topics = Topics.of("t" + UUID.randomUUID().toString().substring(0, 8) + ".", 3);
        try (Admin admin = admin(broker)) {
            TopicInitializer.Report report = new TopicInitializer(admin, Optional.empty()).ensure(topics.all());

            assertThat(report.created()).hasSize(topics.all().size()).hasSize(11);
            assertThat(report.differences()).isEmpty();
            var description = admin.describeTopics(List.of(topics.sessionTransitions().name())).allTopicNames().get();
            assertThat(description.get(topics.sessionTransitions().name()).partitions()).hasSize(3);
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, topics.locationErrorRates().name());
            var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
            // one broker: one copy, and a write needs only it
            assertThat(report.replication()).isEqualTo(new Replication((short) 1, 1));
            assertThat(config.get("min.insync.replicas").value()).isEqualTo("1");
        }
    }

    @Test
    void isIdempotent(KafkaBroker broker) throws Exception {
        Topics topics = Topics.of("t" + UUID.randomUUID().toString().substring(0, 8) + ".", 2);
        try (Admin admin = admin(broker)) {
            new TopicInitializer(admin, Optional.empty()).ensure(topics.all());

            TopicInitializer.Report again = new TopicInitializer(admin, Optional.empty()).ensure(topics.all());

            assertThat(again.created()).isEmpty();
            assertThat(again.existing()).hasSize(topics.all().size());
            assertThat(again.differences()).isEmpty();
        }
    }

    @Test
    void reportsButDoesNotOverwriteADifferingTopic(KafkaBroker broker) throws Exception {
        Topics topics = Topics.of("t" + UUID.randomUUID().toString().substring(0, 8) + ".", 2);
        String name = topics.sessionTransitions().name();
        try (Admin admin = admin(broker)) {
            admin.createTopics(List.of(new NewTopic(name, 4, (short) 1).configs(Map.of("retention.ms", "1000")))).all().get();

            TopicInitializer.Report report = new TopicInitializer(admin, Optional.empty()).ensure(topics.all());

            assertThat(report.differences()).containsExactlyInAnyOrder(
                    new TopicInitializer.Difference(name, "partitions", "2", "4"),
                    new TopicInitializer.Difference(name, "retention.ms", "604800000", "1000"));
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
            assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource).get("retention.ms").value())
                    .isEqualTo("1000");
        }
    }

    @Test
    void reportsASnapshotTopicLeftFromBeforeTheChangeLog(KafkaBroker broker) throws Exception {
        Topics topics = Topics.of("t" + UUID.randomUUID().toString().substring(0, 8) + ".", 2);
        String name = topics.sessionSnapshots().name();
        try (Admin admin = admin(broker)) {
            admin.createTopics(List.of(new NewTopic(name, 2, (short) 1).configs(
                    Map.of("cleanup.policy", "delete", "retention.ms", "86400000")))).all().get();

            TopicInitializer.Report report = new TopicInitializer(admin, Optional.empty()).ensure(topics.all());

            assertThat(report.differences()).contains(
                    new TopicInitializer.Difference(name, "cleanup.policy", "compact,delete", "delete"));
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
            assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource).get("cleanup.policy").value())
                    .isEqualTo("delete");
        }
    }

    private static Admin admin(KafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }
}
