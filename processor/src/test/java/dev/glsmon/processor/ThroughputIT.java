package dev.glsmon.processor;

import static dev.glsmon.processor.KafkaTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.broker.KafkaBroker;
import dev.glsmon.broker.KafkaBrokerExtension;
import dev.glsmon.common.Metrics;
import dev.glsmon.processor.config.ProcessorConfig;
import dev.glsmon.processor.topology.ProcessorTopology;
import dev.glsmon.schemas.Topic;
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
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import dev.glsmon.processor.topology.StreamsSettings;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A measurement, not a timing assertion (shared/notes/kafka-limits.md: compare only within one run):
 * the exactly-once processor against a plain consume -> produce loop (at-least-once, commit every
 * 100 ms) on the same broker and the same pre-loaded input, and the state-store bytes per tracked
 * session. Results go to the log and to target/throughput-results.txt.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ThroughputIT {

    private static final Logger LOG = LoggerFactory.getLogger(ThroughputIT.class);
    private static final int PARTITIONS = 6;
    private static final int SESSIONS = 6_000;
    private static final int GROUPS = 6;
    private static final int CYCLES = 80;
    /** Sessions stay ACTIVE/CONNECTED 8x longer than in the other tests: most snapshots repeat the state. */
    private static final int DWELL = 8;

    @Test
    void measuresTheProcessorAgainstAPlainLoopAndTheStoreBytesPerSession(KafkaBroker broker, @TempDir Path stateDir)
            throws Exception {
        String run = KafkaTestSupport.unique("");
        String appId = "glsmon-throughput-" + run;
        ProcessorConfig config = ProcessorConfig.from(Map.of(
                "bootstrap-servers", broker.bootstrapServers(), "application-id", appId,
                "topic-prefix", "tp-" + run + ".", "partitions", Integer.toString(PARTITIONS),
                "state-dir", stateDir.toString(), "http-bind", "127.0.0.1", "http-port", "0"));
        List<Topic<?, ?>> topics = config.topics().all();
        KafkaTestSupport.createTopics(broker.bootstrapServers(), topics);
        Workload workload = Workload.generate(config.topics(), PARTITIONS, SESSIONS, GROUPS, CYCLES, 11, DWELL);
        long markers = (long) CYCLES * GROUPS * PARTITIONS;
        long total = workload.snapshotCount() + markers;
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(broker.bootstrapServers());
                Admin admin = KafkaTestSupport.admin(broker.bootstrapServers())) {
            workload.produceAll(producer);
            Set<String> inputs = Set.of(config.topics().sessionSnapshots().name(), config.topics().pollCycles().name());
            String copy = "tp-" + run + ".plain-copy";
            admin.createTopics(List.of(new NewTopic(copy, PARTITIONS, (short) 1))).all().get();
            LOG.info("input: {} snapshots + {} markers, {} sessions, {} partitions", workload.snapshotCount(), markers,
                    SESSIONS, PARTITIONS);

            double plainBefore = plainLoop(broker, inputs, copy, total, "plain-a-" + run);

            double processor;
            double threadCpu;
            String threadShape;
            long sessions;
            long storeBytes;
            long logicalBytes = 0;
            Properties overrides = new Properties();
            // -Dglsmon.throughput.overrides=commit.interval.ms=1000,... tries Kafka settings
            if (System.getProperty("glsmon.throughput.overrides") != null) {
                for (String kv : System.getProperty("glsmon.throughput.overrides").split(",")) {
                    overrides.put(kv.split("=")[0], kv.split("=")[1]);
                }
            }
            try (Metrics metrics = Metrics.create("processor");
                    ProcessorApp app = ProcessorApp.start(config, overrides, metrics.registry())) {
                await("the processor to start committing", Duration.ofSeconds(120),
                        () -> committed(admin, appId, inputs) > 0);
                long first = System.nanoTime();
                long startOffset = committed(admin, appId, inputs);
                java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
                long cpu0 = streamThreadCpu(mx);
                await("the processor to commit all input", Duration.ofSeconds(300),
                        () -> KafkaTestSupport.caughtUp(admin, appId, inputs));
                double seconds = (System.nanoTime() - first) / 1e9;
                double processRatio = threadMetric(app, "process-ratio");
                double commitRatio = threadMetric(app, "commit-ratio");
                threadCpu = (streamThreadCpu(mx) - cpu0) / 1e9;
                threadShape = String.format("stream thread: %.1f s CPU in %.1f s; process-ratio %.2f, commit-ratio %.2f",
                        threadCpu, seconds, processRatio, commitRatio);
                processor = (total - startOffset) / seconds;
                ReadOnlyKeyValueStore<String, dev.glsmon.schemas.SessionState> store = app.streams().store(
                        StoreQueryParameters.fromNameAndType(ProcessorTopology.SESSIONS_STORE,
                                QueryableStoreTypes.keyValueStore()));
                sessions = 0;
                var serde = dev.glsmon.schemas.AvroSerde.of(dev.glsmon.schemas.SessionState.class);
                try (KeyValueIterator<String, dev.glsmon.schemas.SessionState> all = store.all()) {
                    while (all.hasNext()) {
                        var entry = all.next();
                        sessions++;
                        logicalBytes += entry.key.length() + serde.serialize("t", entry.value).length;
                    }
                }
            }
            // closed: RocksDB flushed its memtables to files
            storeBytes = directoryBytes(stateDir.resolve(appId), ProcessorTopology.SESSIONS_STORE);
            long changelogBytes = topicBytes(admin, appId + "-" + ProcessorTopology.SESSIONS_STORE + "-changelog");

            double passThrough = streamsPassThrough(broker, inputs, copy, total, "glsmon-passthrough-" + run,
                    stateDir.resolve("passthrough"));
            int transitions = KafkaTestSupport.readBytes(broker.bootstrapServers(),
                    config.topics().sessionTransitions().name(), "read_committed").size();
            double plainAfter = plainLoop(broker, inputs, copy, total, "plain-b-" + run);
            double plain = (plainBefore + plainAfter) / 2;

            double snapshotShare = workload.snapshotCount() / (double) total;
            String report = String.format(
                    "processor throughput (exactly_once_v2, tuned producer), %d records: %d snapshots + %d markers,"
                            + " %d transitions (%.0f%% of snapshots changed a session), %d partitions:%n"
                            + "  processor             %,10.0f records/s = %,8.0f snapshots/s%n"
                            + "  plain loop (ALOS)     %,10.0f records/s = %,8.0f snapshots/s  (runs before/after: %,.0f / %,.0f)%n"
                            + "  Streams pass-through  %,10.0f records/s  (stream(in).to(out), same EOS settings)%n"
                            + "  ratio processor/plain %10.2f   processor/pass-through %.2f   pass-through/plain %.2f%n"
                            + "  %s (%s)%n"
                            + "state per tracked session (%d sessions in the store at the end):%n"
                            + "  key + Avro value        %,8.0f B%n"
                            + "  RocksDB files           %,8.0f B  (%,d B in total, after close, not compacted)%n"
                            + "  changelog on the broker %,8.0f B  (%,d B: every change, before compaction)%n",
                    total, workload.snapshotCount(), markers, transitions,
                    100.0 * transitions / workload.snapshotCount(), PARTITIONS,
                    processor, processor * snapshotShare, plain, plain * snapshotShare, plainBefore, plainAfter,
                    passThrough, processor / plain, processor / passThrough, passThrough / plain, threadShape,
                    overrides.isEmpty() ? "default settings" : overrides, sessions, logicalBytes / (double) sessions,
                    storeBytes / (double) sessions, storeBytes, changelogBytes / (double) sessions, changelogBytes);
            LOG.info("\n{}", report);
            Files.writeString(Path.of("target", "throughput-results.txt"), report);

            assertThat(sessions).isPositive();
            assertThat(processor).isPositive();
            assertThat(plain).isPositive();
            assertThat(passThrough).isPositive();
        }
    }

    /** Copies every input record to another topic; records/s from the first record polled to the last committed. */
    private static double plainLoop(KafkaBroker broker, Set<String> inputs, String output, long total, String group) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        long seen = 0;
        long first = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(broker.bootstrapServers())) {
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
        assertThat(seen).isEqualTo(total);
        return seen / ((System.nanoTime() - first) / 1e9);
    }

    private static long streamThreadCpu(java.lang.management.ThreadMXBean mx) {
        long sum = 0;
        for (var info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("StreamThread")) {
                sum += mx.getThreadCpuTime(info.getThreadId());
            }
        }
        return sum;
    }

    /** The same input through a topology that does nothing but copy, with the processor's Streams settings. */
    private static double streamsPassThrough(KafkaBroker broker, Set<String> inputs, String output, long total,
            String appId, Path stateDir) throws Exception {
        ProcessorConfig config = ProcessorConfig.from(Map.of("bootstrap-servers", broker.bootstrapServers(),
                "application-id", appId, "state-dir", stateDir.toString()));
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(inputs, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        Properties props = StreamsSettings.of(config, dev.glsmon.processor.metrics.ProcessorMetrics.NONE, new Properties());
        try (Admin admin = KafkaTestSupport.admin(broker.bootstrapServers());
                KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            await("the pass-through to start committing", Duration.ofSeconds(120),
                    () -> committed(admin, appId, inputs) > 0);
            long first = System.nanoTime();
            long startOffset = committed(admin, appId, inputs);
            await("the pass-through to commit all input", Duration.ofSeconds(300),
                    () -> KafkaTestSupport.caughtUp(admin, appId, inputs));
            return (total - startOffset) / ((System.nanoTime() - first) / 1e9);
        }
    }

    private static double threadMetric(ProcessorApp app, String name) {
        return app.streams().metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals("stream-thread-metrics") && e.getKey().name().equals(name))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).findFirst().orElse(Double.NaN);
    }

    private static long committed(Admin admin, String group, Set<String> topics) {
        try {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> topics.contains(e.getKey().topic()))
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (Exception e) {
            return 0;
        }
    }

    /** Bytes of every file under the task directories' store of this name. */
    private static long directoryBytes(Path appDir, String store) throws IOException {
        try (Stream<Path> files = Files.walk(appDir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().contains("/rocksdb/" + store + "/"))
                    .mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static long topicBytes(Admin admin, String topic) throws Exception {
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
