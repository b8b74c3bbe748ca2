package dev.glsmon.bench;

import dev.glsmon.processor.KafkaTestSupport;
import dev.glsmon.processor.ThroughputProbe;
import dev.glsmon.processor.Workload;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 1. The processor (exactly_once_v2) against a plain consume -> produce loop (at-least-once) over
 * the same pre-loaded input on the same broker; the loop runs before and after, and counts as
 * their mean. Both as snapshots/s: input records/s times the snapshots' share of the input.
 */
final class ProcessorThroughputSection implements BenchSection {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorThroughputSection.class);

    @Override
    public String name() {
        return "1. processor";
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws Exception {
        Size size = context.size();
        ProcessorRig rig = new ProcessorRig(context, "eos");
        Workload workload = rig.workload(size.processorSessions(), size.processorCycles(), ProcessorRig.DWELL);
        long total = ProcessorRig.records(workload);
        Set<String> inputs = rig.inputs();
        String copy = rig.config.topics().prefix() + "plain-copy";
        String bootstrap = rig.bootstrapServers;
        double eos;
        double plainBefore;
        double plainAfter;
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(bootstrap);
                Admin admin = KafkaTestSupport.admin(bootstrap)) {
            workload.produceAll(producer);
            admin.createTopics(List.of(new NewTopic(copy, ProcessorRig.PARTITIONS, (short) 1))).all().get();
            LOG.info("{}: {} snapshots + {} markers loaded; plain loop", name(), workload.snapshotCount(),
                    total - workload.snapshotCount());
            plainBefore = ThroughputProbe.plainLoop(bootstrap, inputs, copy, total, context.unique("plain-a-"));
            LOG.info("{}: processor", name());
            try (ProcessorRig.Instance processor = rig.start()) {
                eos = ThroughputProbe.awaitFirstCommit(admin, rig.config.applicationId(), inputs).awaitCaughtUp(total);
            }
            plainAfter = ThroughputProbe.plainLoop(bootstrap, inputs, copy, total, context.unique("plain-b-"));
        }
        double snapshotShare = workload.snapshotCount() / (double) total;
        double plain = (plainBefore + plainAfter) / 2;
        return List.of(BenchResult.of(name(), "EOS processor throughput", eos * snapshotShare, "snapshots/s",
                        "plain consume-produce loop (at-least-once)", plain * snapshotShare, "higher")
                .withNote(String.format("%,d snapshots + %,d markers, %d sessions, %d partitions; loop before/after:"
                                + " %,.0f / %,.0f snapshots/s", workload.snapshotCount(),
                        total - workload.snapshotCount(), size.processorSessions(), ProcessorRig.PARTITIONS,
                        plainBefore * snapshotShare, plainAfter * snapshotShare)));
    }
}
