package dev.glsmon.poller.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.poller.PollerConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

    private final PollerConfig config = PollerConfig.builder()
            .bootstrapServers("k:9092")
            .streamGroups(java.util.List.of("sg-1"))
            .pollerId("p1")
            .kafkaProperty("security.protocol", "SSL")
            .kafkaProperty("producer.linger.ms", "50")
            .kafkaProperty("consumer.max.poll.records", "7")
            .build();

    @Test
    void theProducerIsIdempotentAndWaitsOutAnOutage() {
        Map<String, Object> producer = new KafkaSettings(config, Map.of()).producer("x");

        assertThat(producer).containsEntry("enable.idempotence", true)
                .containsEntry("acks", "all")
                .containsEntry("compression.type", "lz4")
                .containsEntry("bootstrap.servers", "k:9092")
                .containsEntry("client.id", "glsmon-poller-p1-x");
        assertThat((Integer) producer.get("max.block.ms")).isGreaterThanOrEqualTo(60_000);
        assertThat((Integer) producer.get("delivery.timeout.ms")).isGreaterThanOrEqualTo(60_000);
    }

    @Test
    void propertiesPassThroughUnchangedWithClientPrefixesRoutedToTheirClient() {
        KafkaSettings settings = new KafkaSettings(config, Map.of("linger.ms", 1));

        Map<String, Object> producer = settings.producer("x");
        Map<String, Object> consumer = settings.consumer("g", "y");
        Map<String, Object> admin = settings.admin("z");

        assertThat(producer).containsEntry("security.protocol", "SSL").containsEntry("linger.ms", 1)
                .doesNotContainKey("max.poll.records").doesNotContainKey("producer.linger.ms");
        assertThat(consumer).containsEntry("security.protocol", "SSL").containsEntry("max.poll.records", "7")
                .containsEntry("group.id", "g").containsEntry("isolation.level", "read_committed")
                .containsEntry("enable.auto.commit", false);
        assertThat(admin).containsEntry("security.protocol", "SSL").doesNotContainKey("max.poll.records");
    }

    @Test
    void programmaticOverridesWinOverConfiguredProperties() {
        assertThat(new KafkaSettings(config, Map.of("producer.linger.ms", 0)).producer("x")).containsEntry("linger.ms", 0);
    }
}
