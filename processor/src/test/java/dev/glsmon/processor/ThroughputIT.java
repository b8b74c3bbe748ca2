package dev.glsmon.processor;

import dev.glsmon.testbed.ThroughputProbe;
import dev.glsmon.testbed.Workload;
import dev.glsmon.testbed.KafkaTestSupport;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.broker.KafkaBroker;
import dev.glsmon.broker.KafkaBrokerExtension;
import dev.glsmon.common.Metrics;
import dev.glsmon.processor.config.ProcessorConfig;
import dev.glsmon.processor.topology.ProcessorTopology;
import dev.glsmon.schemas.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import dev.glsmon.processor.topology.StreamsSettings;
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

            double plainBefore = ThroughputProbe.plainLoop(broker.bootstrapServers(), inputs, copy, total, "plain-a-" + run);

            double processor;
            double threadCpu;
            String threadShape;
            long sessions;
            long storeBytes;
            long logicalBytes;
            Properties overrides = new Properties();
            // -Dglsmon.throughput.overrides=commit.interval.ms=1000,... tries Kafka settings
            if (System.getProperty("glsmon.throughput.overrides") != null) {
                for (String kv : System.getProperty("glsmon.throughput.overrides").split(",")) {
                    overrides.put(kv.split("=")[0], kv.split("=")[1]);
                }
            }
            try (Metrics metrics = Metrics.create("processor");
                    ProcessorApp app = ProcessorApp.start(config, overrides, metrics.registry())) {
                ThroughputProbe.CommitWatch watch = ThroughputProbe.awaitFirstCommit(admin, appId, inputs);
                java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
                long cpu0 = streamThreadCpu(mx);
                processor = watch.awaitCaughtUp(total);
                double seconds = watch.seconds();
                double processRatio = threadMetric(app, "process-ratio");
                double commitRatio = threadMetric(app, "commit-ratio");
                threadCpu = (streamThreadCpu(mx) - cpu0) / 1e9;
                threadShape = String.format("stream thread: %.1f s CPU in %.1f s; process-ratio %.2f, commit-ratio %.2f",
                        threadCpu, seconds, processRatio, commitRatio);
                ThroughputProbe.StoreContents contents = ThroughputProbe.sessionStore(app.streams(), ProcessorTopology.SESSIONS_STORE);
                sessions = contents.sessions();
                logicalBytes = contents.logicalBytes();
            }
            // closed: RocksDB flushed its memtables to files
            storeBytes = ThroughputProbe.directoryBytes(stateDir.resolve(appId), ProcessorTopology.SESSIONS_STORE);
            long changelogBytes = ThroughputProbe.topicBytes(admin, appId + "-" + ProcessorTopology.SESSIONS_STORE + "-changelog");

            double passThrough = streamsPassThrough(broker, inputs, copy, total, "glsmon-passthrough-" + run,
                    stateDir.resolve("passthrough"));
            int transitions = KafkaTestSupport.readBytes(broker.bootstrapServers(),
                    config.topics().sessionTransitions().name(), "read_committed").size();
            double plainAfter = ThroughputProbe.plainLoop(broker.bootstrapServers(), inputs, copy, total, "plain-b-" + run);
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
            return ThroughputProbe.awaitFirstCommit(admin, appId, inputs).awaitCaughtUp(total);
        }
    }

    private static double threadMetric(ProcessorApp app, String name) {
        return app.streams().metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals("stream-thread-metrics") && e.getKey().name().equals(name))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).findFirst().orElse(Double.NaN);
    }
}
