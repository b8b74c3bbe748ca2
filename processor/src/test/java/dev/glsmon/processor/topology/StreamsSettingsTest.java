package dev.glsmon.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.processor.config.ProcessorConfig;
import dev.glsmon.processor.metrics.ProcessorMetrics;
import dev.glsmon.schemas.Replication;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {

    @Test
    void replicatesStreamsOwnTopicsLikeGlsmons() {
        Properties props = StreamsSettings.withReplication(settings(Map.of()), Replication.forBrokers(3));

        StreamsConfig streams = new StreamsConfig(props);
        assertThat(streams.getInt(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo(3);
        assertThat(streams.originalsWithPrefix(StreamsConfig.TOPIC_PREFIX)).containsEntry("min.insync.replicas", "2");
    }

    @Test
    void leavesTheOperatorsReplicationSettingsAlone() {
        Properties props = settings(Map.of("kafka.replication.factor", "5", "kafka.topic.min.insync.replicas", "3"));

        StreamsSettings.withReplication(props, Replication.forBrokers(3));

        assertThat(new StreamsConfig(props).getInt(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo(5);
        assertThat(props.get("topic.min.insync.replicas")).isEqualTo("3");
    }

    private static Properties settings(Map<String, String> kafka) {
        Map<String, String> settings = new HashMap<>(kafka);
        settings.put("bootstrap-servers", "localhost:9092");
        ProcessorConfig config = ProcessorConfig.from(settings);
        return StreamsSettings.of(config, ProcessorMetrics.NONE, new Properties());
    }
}
