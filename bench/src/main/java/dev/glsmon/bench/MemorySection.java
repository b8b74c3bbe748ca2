package dev.glsmon.bench;

import dev.glsmon.testbed.KafkaTestSupport;
import dev.glsmon.testbed.ThroughputProbe;
import dev.glsmon.testbed.Workload;
import dev.glsmon.processor.topology.ProcessorTopology;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 5. Memory per tracked session: live sessions loaded through the real topology (two poll cycles,
 * so every session is still ACTIVATING or ACTIVE), then the heap the running processor added
 * (forced GC before and after) and the session store's RocksDB files after close, each against the
 * logical size of what is stored: the key plus the Avro-encoded SessionState.
 */
final class MemorySection implements BenchSection {

    private static final Logger LOG = LoggerFactory.getLogger(MemorySection.class);
    /** Long enough that no session ends within the two cycles but the few that fail to activate. */
    private static final int DWELL = 100;

    @Override
    public String name() {
        return "5. memory";
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws Exception {
        int target = context.size().memorySessions();
        ProcessorRig rig = new ProcessorRig(context, "memory");
        long total = load(rig, target);
        long heapBefore = usedHeapAfterGc();
        long heapAfter;
        ThroughputProbe.StoreContents contents;
        try (Admin admin = KafkaTestSupport.admin(rig.bootstrapServers);
                ProcessorRig.Instance processor = rig.start()) {
            LOG.info("{}: loading {} sessions ({} records)", name(), target, total);
            ThroughputProbe.awaitFirstCommit(admin, rig.config.applicationId(), rig.inputs()).awaitCaughtUp(total);
            heapAfter = usedHeapAfterGc();
            contents = ThroughputProbe.sessionStore(processor.app().streams(), ProcessorTopology.SESSIONS_STORE);
        }
        // closed: RocksDB has flushed its memtables to files
        long rocksDb = ThroughputProbe.directoryBytes(rig.config.stateDir().resolve(rig.config.applicationId()),
                ProcessorTopology.SESSIONS_STORE);
        long sessions = contents.sessions();
        double logical = contents.logicalBytes() / (double) sessions;
        String note = String.format("%,d sessions tracked; heap of the whole JVM (the broker runs in it too)",
                sessions);
        return List.of(
                BenchResult.of(name(), "processor heap per tracked session", (heapAfter - heapBefore) / (double) sessions,
                        "B", "key + Avro SessionState", logical, "lower").withNote(note),
                BenchResult.of(name(), "RocksDB session store per session", rocksDb / (double) sessions, "B",
                        "key + Avro SessionState", logical, "lower")
                        .withNote(String.format("%,d B of files after close, not compacted", rocksDb)));
    }

    /**
     * Writes the workload and returns its record count. A method of its own so that the records are
     * garbage when it returns: a block's local stays reachable from the frame until the slot is reused.
     */
    private static long load(ProcessorRig rig, int sessions) {
        Workload workload = rig.workload(sessions, 2, DWELL);
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(rig.bootstrapServers)) {
            workload.produceAll(producer);
        }
        return ProcessorRig.records(workload);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
