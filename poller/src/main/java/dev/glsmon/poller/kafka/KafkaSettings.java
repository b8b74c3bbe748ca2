package dev.glsmon.poller.kafka;

import dev.glsmon.poller.PollerConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka client settings: glsmon's defaults, then the operator's properties passed through unchanged
 * (a key without prefix goes to every client; {@code producer.}, {@code consumer.} and {@code admin.}
 * keys go to that client only, prefix removed), then programmatic overrides (embedding, tests).
 */
public final class KafkaSettings {

    private final PollerConfig config;
    private final Map<String, Object> overrides;

    public KafkaSettings(PollerConfig config, Map<String, ?> overrides) {
        this.config = config;
        this.overrides = Map.copyOf(overrides == null ? Map.of() : overrides);
    }

    /**
     * Idempotent, acks=all, lz4, a little linger. {@code max.block.ms} and {@code delivery.timeout.ms}
     * are long so that a broker outage blocks the poll cycle in flight and its records are delivered
     * when the broker is back, instead of failing them.
     */
    public Map<String, Object> producer(String clientIdSuffix) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10 * 60_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10 * 60_000);
        // one request in flight per broker: a retried batch can never be overtaken by a later one of the
        // same partition (seen with 5 right after topic creation: OutOfOrderSequence, a 10-minute stall);
        // the poller's volume (a few thousand records/s) does not need pipelining
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return finish(props, "producer.", clientIdSuffix);
    }

    /** A consumer reading committed records only (the processor writes export commands in transactions). */
    public Map<String, Object> consumer(String groupId, String clientIdSuffix) {
        Map<String, Object> props = new HashMap<>();
        if (groupId != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return finish(props, "consumer.", clientIdSuffix);
    }

    public Map<String, Object> admin(String clientIdSuffix) {
        return finish(new HashMap<>(), "admin.", clientIdSuffix);
    }

    private Map<String, Object> finish(Map<String, Object> props, String clientPrefix, String clientIdSuffix) {
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, "glsmon-poller-" + config.pollerId() + "-" + clientIdSuffix);
        apply(props, config.kafkaProperties(), clientPrefix);
        apply(props, overrides, clientPrefix);
        return props;
    }

    private static void apply(Map<String, Object> props, Map<String, ?> source, String clientPrefix) {
        source.forEach((key, value) -> {
            if (key.startsWith(clientPrefix)) {
                props.put(key.substring(clientPrefix.length()), value);
            } else if (!isOtherClientKey(key)) {
                props.put(key, value);
            }
        });
    }

    private static boolean isOtherClientKey(String key) {
        return key.startsWith("producer.") || key.startsWith("consumer.") || key.startsWith("admin.");
    }
}
