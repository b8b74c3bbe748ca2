package dev.glsmon.bench;

import dev.glsmon.common.Metrics;
import dev.glsmon.testbed.ThroughputProbe;
import dev.glsmon.processor.config.ProcessorConfig;
import dev.glsmon.processor.metrics.MicrometerProcessorMetrics;
import dev.glsmon.processor.topology.StreamsSettings;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Kafka Streams' per-record state ceiling, the baseline of section 1: the same input topics, one
 * get and one put on a persistent (RocksDB) store per record and one output record per input, under
 * the processor's own Streams settings (exactly_once_v2, its producer tuning), so that the only
 * difference left is what the processor does with a record.
 */
final class StreamsGetPutBaseline {

    static final String STORE = "baseline-store";

    private StreamsGetPutBaseline() {}

    static Topology topology(Set<String> inputs, String output) {
        Topology topology = new Topology();
        topology.addSource("baseline-source", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(),
                inputs.toArray(String[]::new));
        topology.addProcessor("baseline-get-put", GetPut::new, "baseline-source");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE),
                Serdes.ByteArray(), Serdes.ByteArray()), "baseline-get-put");
        topology.addSink("baseline-sink", output, Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer(),
                "baseline-get-put");
        return topology;
    }

    /**
     * Records/s from the baseline's first commit until it committed all {@code total} input records.
     *
     * @param config the processor's configuration: its Streams settings, with an application id and
     *     state directory of the baseline's own
     */
    static double run(ProcessorConfig config, Admin admin, Set<String> inputs, String output, long total,
            String applicationId, Path stateDir) throws Exception {
        Properties overrides = new Properties();
        overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        overrides.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (Metrics metrics = Metrics.create("baseline");
                KafkaStreams streams = new KafkaStreams(topology(inputs, output), StreamsSettings.of(config,
                        new MicrometerProcessorMetrics(metrics.registry()), overrides))) {
            streams.start();
            return ThroughputProbe.awaitFirstCommit(admin, applicationId, inputs).awaitCaughtUp(total);
        }
    }

    private static final class GetPut implements Processor<byte[], byte[], byte[], byte[]> {
        private ProcessorContext<byte[], byte[]> context;
        private KeyValueStore<byte[], byte[]> store;

        @Override
        public void init(ProcessorContext<byte[], byte[]> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            store.get(record.key()); // the processor reads the session's state for every change
            store.put(record.key(), record.value());
            context.forward(record);
        }
    }
}
