package dev.glsmon.bench;

import dev.glsmon.testbed.KafkaTestSupport;
import dev.glsmon.testbed.ThroughputProbe;
import dev.glsmon.testbed.Workload;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 1. The processor (exactly_once_v2) on a change stream, what the poller publishes since issue 17
 * (every snapshot a change), against two baselines over the same pre-loaded input on the same
 * broker: Kafka Streams doing one get and one put on a persistent store per record with the
 * processor's settings (the per-record state ceiling), and a plain consume -> produce loop
 * (at-least-once). Each baseline runs before and after the processor and counts as their mean. The
 * processor runs once unmeasured first, under another application id, as the baselines' first runs
 * warm the code they share: measured alone, its 2-3 s run was mostly its own code's first calls
 * (class loading and JIT in the profile). All as snapshots/s: input records/s times the snapshots'
 * share of the input.
 */
final class ProcessorThroughputSection implements BenchSection {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorThroughputSection.class);

    @Override
    public String name() {
        return "1. processor";
    }

    private static double streamsBaseline(BenchContext context, ProcessorRig rig, Admin admin, Set<String> inputs,
            String output, long total) throws Exception {
        return StreamsGetPutBaseline.run(rig.config, admin, inputs, output, total, context.unique("streams-get-put-"),
                context.directory(context.unique("state-streams-")));
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws Exception {
        Size size = context.size();
        ProcessorRig rig = new ProcessorRig(context, "eos");
        Workload workload = rig.changes(size.processorSessions(), size.processorCycles(), ProcessorRig.DWELL);
        long total = ProcessorRig.records(workload);
        Set<String> inputs = rig.inputs();
        String copy = rig.config.topics().prefix() + "plain-copy";
        String streamsCopy = rig.config.topics().prefix() + "streams-copy";
        String bootstrap = rig.bootstrapServers;
        double eos;
        double[] plain = new double[2];
        double[] streams = new double[2];
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(bootstrap);
                Admin admin = KafkaTestSupport.admin(bootstrap)) {
            workload.produceAll(producer);
            admin.createTopics(List.of(new NewTopic(copy, ProcessorRig.PARTITIONS, (short) 1),
                    new NewTopic(streamsCopy, ProcessorRig.PARTITIONS, (short) 1))).all().get();
            LOG.info("{}: {} changes + {} markers loaded; baselines before", name(), workload.snapshotCount(),
                    total - workload.snapshotCount());
            plain[0] = ThroughputProbe.plainLoop(bootstrap, inputs, copy, total, context.unique("plain-"));
            streams[0] = streamsBaseline(context, rig, admin, inputs, streamsCopy, total);
            LOG.info("{}: processor, a run to warm up, then the measured one", name());
            String warmUp = rig.config.applicationId() + "-warm-up";
            try (ProcessorRig.Instance processor = rig.startAs(warmUp, context.directory(context.unique("state-warm-")))) {
                ThroughputProbe.awaitFirstCommit(admin, warmUp, inputs).awaitCaughtUp(total);
            }
            try (ProcessorRig.Instance processor = rig.start()) {
                eos = ThroughputProbe.awaitFirstCommit(admin, rig.config.applicationId(), inputs).awaitCaughtUp(total);
            }
            LOG.info("{}: baselines after", name());
            streams[1] = streamsBaseline(context, rig, admin, inputs, streamsCopy, total);
            plain[1] = ThroughputProbe.plainLoop(bootstrap, inputs, copy, total, context.unique("plain-"));
        }
        double share = workload.snapshotCount() / (double) total;
        String input = String.format("%,d changes + %,d markers (%d sessions, %d partitions)",
                workload.snapshotCount(), total - workload.snapshotCount(), size.processorSessions(),
                ProcessorRig.PARTITIONS);
        return List.of(
                BenchResult.of(name(), "EOS processor throughput, change stream", eos * share, "snapshots/s",
                                "Kafka Streams get+put per record (same settings)",
                                (streams[0] + streams[1]) / 2 * share, "higher")
                        .withNote(String.format("%s; Streams get+put before/after: %,.0f / %,.0f snapshots/s", input,
                                streams[0] * share, streams[1] * share)),
                BenchResult.of(name(), "EOS processor throughput, change stream", eos * share, "snapshots/s",
                                "plain consume-produce loop (at-least-once)", (plain[0] + plain[1]) / 2 * share,
                                "higher")
                        .withNote(String.format("%s; loop before/after: %,.0f / %,.0f snapshots/s", input,
                                plain[0] * share, plain[1] * share)));
    }
}
