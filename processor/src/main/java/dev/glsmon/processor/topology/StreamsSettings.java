package dev.glsmon.processor.topology;

import dev.glsmon.processor.config.ProcessorConfig;
import dev.glsmon.processor.errors.DeadLetterDeserializationHandler;
import dev.glsmon.processor.errors.DeadLetterProcessingHandler;
import dev.glsmon.processor.errors.DeadLetters;
import dev.glsmon.processor.metrics.ProcessorMetrics;
import dev.glsmon.schemas.Replication;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams settings the processor runs with; the application and the tests use the same ones. */
public final class StreamsSettings {

    /**
     * Lets the processing-exception handler cover the global store too. Deprecated in 4.x only because
     * it becomes the default in 5.0; until then it must be set (and the constant would warn).
     */
    static final String GLOBAL_PROCESSING_HANDLER = "processing.exception.handler.global.enabled";

    private StreamsSettings() {}

    /**
     * Exactly-once v2, a tuned producer (shared/notes/kafka-limits.md: Streams' producer defaults cost
     * 20-40%), the dead-letter handlers; then the configured {@code kafka.*} settings and the given
     * overrides, which win.
     */
    public static Properties of(ProcessorConfig config, ProcessorMetrics metrics, Properties overrides) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 131072);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 10);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        props.put(GLOBAL_PROCESSING_HANDLER, true);
        // every internal topic and store must carry the name the topology gives it (STYLE.md rule 2)
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        props.put(DeadLetters.TOPIC_CONFIG, config.topics().deadLetter().name());
        props.put(DeadLetters.METRICS_CONFIG, metrics);
        config.kafkaProperties().forEach(props::put);
        props.putAll(overrides);
        return props;
    }

    /**
     * Kafka Streams' own topics (changelogs, repartition topics) replicated like glsmon's, unless the
     * operator set {@code replication.factor} or {@code topic.min.insync.replicas}: Streams' default
     * (-1, the broker's default.replication.factor, 1 unless a broker says otherwise) would leave a
     * store's only changelog copy on one broker, and a task without its changelog cannot restore.
     */
    public static Properties withReplication(Properties props, Replication replication) {
        props.putIfAbsent(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replication.factor());
        props.putIfAbsent(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG),
                Integer.toString(replication.minInsyncReplicas()));
        return props;
    }
}
