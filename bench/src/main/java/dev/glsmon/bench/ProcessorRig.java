package dev.glsmon.bench;

import dev.glsmon.common.Metrics;
import dev.glsmon.testbed.KafkaTestSupport;
import dev.glsmon.processor.ProcessorApp;
import dev.glsmon.testbed.Workload;
import dev.glsmon.processor.config.ProcessorConfig;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;

/**
 * The processor as the sections run it: its own topic prefix and application id on the run's
 * broker, 6 partitions, the product's settings otherwise; and the workload of its tests.
 */
final class ProcessorRig {

    static final int PARTITIONS = 6;
    static final int GROUPS = 6;
    /** Sessions stay ACTIVE/CONNECTED 8x longer than in the unit tests: most snapshots repeat the state. */
    static final int DWELL = 8;

    final ProcessorConfig config;
    final String bootstrapServers;

    ProcessorRig(BenchContext context, String name) throws Exception {
        String run = context.unique("");
        this.bootstrapServers = context.bootstrapServers();
        this.config = ProcessorConfig.from(settings(bootstrapServers, "glsmon-bench-" + name + "-" + run,
                "b-" + name + "-" + run + ".", context.directory("state-" + name + "-" + run)));
        KafkaTestSupport.createTopics(bootstrapServers, config.topics().all()); // and waits for their leaders
        keepInput(bootstrapServers, List.of(config.topics().sessionSnapshots().name(), config.topics().pollCycles().name()));
    }

    /**
     * The workload's records carry fixed timestamps days in the past: under the contract's one-day
     * retention (and the snapshot topic's compaction, hourly segments judged by record time) the
     * broker would delete and compact the pre-loaded input before a side read it. The input is the
     * same for every side, so it is kept whole: delete-only, no retention.
     */
    private static void keepInput(String bootstrap, List<String> topics) throws Exception {
        try (Admin admin = KafkaTestSupport.admin(bootstrap)) {
            Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
            for (String topic : topics) {
                changes.put(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(
                        new AlterConfigOp(new ConfigEntry("cleanup.policy", "delete"), AlterConfigOp.OpType.SET),
                        new AlterConfigOp(new ConfigEntry("retention.ms", "-1"), AlterConfigOp.OpType.SET)));
            }
            admin.incrementalAlterConfigs(changes).all().get();
        }
    }

    private static Map<String, String> settings(String bootstrap, String applicationId, String prefix, Path stateDir) {
        return Map.of(
                "bootstrap-servers", bootstrap,
                "application-id", applicationId,
                "topic-prefix", prefix,
                "partitions", Integer.toString(PARTITIONS),
                "state-dir", stateDir.toString(),
                "http-bind", "127.0.0.1",
                "http-port", "0");
    }

    Workload workload(int sessions, int cycles, int dwell) {
        return Workload.generate(config.topics(), PARTITIONS, sessions, GROUPS, cycles, 11, dwell);
    }

    /** The same sessions as a changes-only poller publishes them: every snapshot a change. */
    Workload changes(int sessions, int cycles, int dwell) {
        return Workload.changes(config.topics(), PARTITIONS, sessions, GROUPS, cycles, 11, dwell);
    }

    /** Input records of a workload: its snapshots plus a marker per group, cycle and partition. */
    static long records(Workload workload) {
        return workload.snapshotCount() + (long) workload.cycleCount() * GROUPS * PARTITIONS;
    }

    Set<String> inputs() {
        return Set.of(config.topics().sessionSnapshots().name(), config.topics().pollCycles().name());
    }

    /** One more instance of the same application, with a state directory of its own. */
    Instance start(Path stateDir) throws Exception {
        return startAs(config.applicationId(), stateDir);
    }

    /** An instance of another application on the same topics (its own consumer group, state and internal topics). */
    Instance startAs(String applicationId, Path stateDir) throws Exception {
        Metrics metrics = Metrics.create("processor");
        return new Instance(metrics, ProcessorApp.start(
                ProcessorConfig.from(settings(bootstrapServers, applicationId, config.topics().prefix(), stateDir)),
                new Properties(),
                metrics.registry()));
    }

    Instance start() throws Exception {
        return start(config.stateDir());
    }

    record Instance(Metrics metrics, ProcessorApp app) implements AutoCloseable {
        @Override
        public void close() {
            app.close();
            metrics.close();
        }
    }

    static void closeAll(List<Instance> instances) {
        instances.forEach(Instance::close);
    }
}
