package dev.glsmon.bench;

import dev.glsmon.poller.Coordination;
import dev.glsmon.poller.PollerApp;
import dev.glsmon.poller.PollerConfig;
import dev.glsmon.testbed.SimulatorTestbed;
import dev.glsmon.poller.cycle.CycleReport;
import dev.glsmon.testbed.KafkaTestSupport;
import dev.glsmon.testbed.Workload;
import dev.glsmon.simulator.OperationFaults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 6. One and two instances of the processor (same application id) and of the poller (one consumer
 * group on the stream-groups topic). On a 2-core machine shared by everything in the run, the point
 * is that the work splits: every instance gets a share, and together they do all of it.
 *
 * <p>Processor: the instances run and hold their tasks before the workload is written, so no
 * rebalance falls into the timing; records/s from the first record written to the last committed.
 * Poller: 30 ms per call and no rate limits (the service's limits are per account, so instances
 * share one budget; here each call's latency is what splits); one warm-up cycle, then one measured
 * cycle run by every instance at once.
 */
final class ScalingSection implements BenchSection {

    private static final Logger LOG = LoggerFactory.getLogger(ScalingSection.class);
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int MIN_GROUPS = 12;

    @Override
    public String name() {
        return "6. scaling";
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws Exception {
        Split one = processor(context, 1);
        Split two = processor(context, 2);
        PollerSplit alone = poller(context, 1);
        PollerSplit pair = poller(context, 2);
        return List.of(
                BenchResult.of(name(), "processor throughput, 2 instances", two.rate, "snapshots/s",
                        "1 instance", one.rate, "higher").withNote("tasks per instance: " + two.shares),
                BenchResult.of(name(), "poller cycle time, 2 instances", pair.seconds, "s", "1 instance",
                        alone.seconds, "lower").withNote(String.format("%,d sessions; groups per instance: %s",
                                context.size().scalingPollerSessions(), pair.shares)));
    }

    private record Split(double rate, List<Integer> shares) {}

    private Split processor(BenchContext context, int count) throws Exception {
        ProcessorRig rig = new ProcessorRig(context, "scale" + count);
        List<ProcessorRig.Instance> instances = new ArrayList<>();
        try (Admin admin = KafkaTestSupport.admin(rig.bootstrapServers);
                KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(rig.bootstrapServers)) {
            for (int i = 0; i < count; i++) {
                instances.add(rig.start(context.directory(rig.config.applicationId() + "-" + i)));
            }
            KafkaTestSupport.await(count + " processor instances to run with tasks of their own", WAIT,
                    () -> instances.stream().allMatch(i -> i.app().streams().state() == KafkaStreams.State.RUNNING
                            && activeTasks(i) > 0));
            List<Integer> shares = instances.stream().map(ScalingSection::activeTasks).toList();
            Workload workload = rig.workload(context.size().processorSessions(), context.size().processorCycles(),
                    ProcessorRig.DWELL);
            long total = ProcessorRig.records(workload);
            LOG.info("{}: {} processor instance(s), tasks {}", name(), count, shares);
            long start = System.nanoTime();
            workload.produceAll(producer);
            KafkaTestSupport.await("the processor instances to commit all input", Duration.ofSeconds(300),
                    () -> KafkaTestSupport.caughtUp(admin, rig.config.applicationId(), rig.inputs()));
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Split(workload.snapshotCount() / seconds, shares);
        } finally {
            ProcessorRig.closeAll(instances);
        }
    }

    private static int activeTasks(ProcessorRig.Instance instance) {
        return instance.app().streams().metadataForLocalThreads().stream()
                .mapToInt(thread -> thread.activeTasks().size()).sum();
    }

    private record PollerSplit(double seconds, List<Integer> shares) {}

    private PollerSplit poller(BenchContext context, int count) throws Exception {
        int sessions = context.size().scalingPollerSessions();
        try (PollerBed bed = new PollerBed(context.bootstrapServers())) {
            // enough groups that each of the stream-groups topic's partitions holds some
            List<String> groups = bed.sim.control().populate(sessions,
                    Math.max(MIN_GROUPS, sessions / PollerSection.SESSIONS_PER_GROUP));
            bed.sim.faults().setDefault(OperationFaults.NONE.withLatencyMillis(PollerSection.LATENCY_MILLIS));
            List<PollerApp> apps = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                PollerConfig config = bed.config().streamGroups(groups).coordination(Coordination.KAFKA)
                        .groupId("bench-pollers-" + bed.prefix).pollerId("bench-poller-" + i).build();
                apps.add(bed.manualApp(config));
            }
            PollerBed.await(count + " pollers to split the stream groups", WAIT, () -> split(apps, groups));
            List<Integer> shares = apps.stream().map(a -> a.streamGroups().current().size()).toList();
            LOG.info("{}: {} poller instance(s), groups {}", name(), count, shares);
            cycleTogether(apps); // warm-up: every session is new to the poller
            long start = System.nanoTime();
            List<CycleReport> reports = cycleTogether(apps);
            double seconds = (System.nanoTime() - start) / 1e9;
            int polled = reports.stream().mapToInt(CycleReport::sessions).sum();
            if (polled != sessions || !reports.stream().allMatch(CycleReport::allComplete)) {
                throw new IllegalStateException("the instances polled " + polled + " of " + sessions + ": " + reports);
            }
            return new PollerSplit(seconds, shares);
        }
    }

    /** Every instance has groups, none shares one, and together they have all. */
    private static boolean split(List<PollerApp> apps, List<String> groups) {
        Set<String> union = new HashSet<>();
        int sum = 0;
        for (PollerApp app : apps) {
            Set<String> current = app.streamGroups().current();
            if (current.isEmpty()) {
                return false;
            }
            union.addAll(current);
            sum += current.size();
        }
        return sum == groups.size() && union.containsAll(groups);
    }

    private static List<CycleReport> cycleTogether(List<PollerApp> apps) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(apps.size());
        try {
            List<Future<CycleReport>> cycles = new ArrayList<>();
            for (PollerApp app : apps) {
                cycles.add(threads.submit(() -> app.poller().pollOnce()));
            }
            List<CycleReport> reports = new ArrayList<>();
            for (Future<CycleReport> cycle : cycles) {
                reports.add(cycle.get());
            }
            return reports;
        } finally {
            threads.shutdownNow();
        }
    }
}
