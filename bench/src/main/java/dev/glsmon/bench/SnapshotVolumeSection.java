package dev.glsmon.bench;

import dev.glsmon.poller.Coordination;
import dev.glsmon.poller.PollerApp;
import dev.glsmon.poller.PollerConfig;
import dev.glsmon.testbed.SimulatorTestbed;
import dev.glsmon.poller.cycle.CycleReport;
import dev.glsmon.testbed.KafkaTestSupport;
import dev.glsmon.schemas.Topics;
import dev.glsmon.simulator.ManualClock;
import dev.glsmon.simulator.Simulator;
import dev.glsmon.simulator.StreamGroupView;
import dev.glsmon.simulator.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 8. What the snapshot topic carries in a day at 100,000 sessions with the demo scenario's churn:
 * the real poller, publishing changes plus its full refresh (default interval), against the simulator
 * playing the demo scenario on a manual clock, one cycle per sweep of a 100,000-session fleet (its
 * pages at the default ListStreamSessions budget); next to a poller that publishes every listed
 * session every cycle (the sessions the same cycles listed, at the mean size of a listed snapshot).
 * Both scaled from the demo's population to 100,000 sessions per session: the churn per session is
 * the demo's.
 */
final class SnapshotVolumeSection implements BenchSection {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotVolumeSection.class);
    static final int FLEET = 100_000;
    /** A sweep of the fleet: its pages (100 sessions each) at the default 16 ListStreamSessions/s. */
    static final Duration SWEEP = Duration.ofMillis(Math.round(FLEET / 100.0
            / PollerConfig.Builder.defaultRateLimits().get(dev.glsmon.poller.aws.ApiOperations.LIST_STREAM_SESSIONS)
            * 1000));
    private static final double DAY_SECONDS = 86_400;

    @Override
    public String name() {
        return "8. snapshot volume";
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws Exception {
        String bootstrap = context.bootstrapServers();
        Topics topics = Topics.of(context.unique("b-volume-") + ".", ProcessorRig.PARTITIONS);
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
        Duration span = Duration.ofMinutes(context.size().volumeMinutes());
        long listed = 0;
        int cycles = 0;
        try (Simulator sim = Simulator.builder().scenario(Scenario.demo()).seed(42).clock(clock)
                .requestLogCapacity(0).start()) {
            PollerConfig config = PollerConfig.builder()
                    .region("us-west-2")
                    .endpointUrl(sim.endpoint().toString())
                    .bootstrapServers(bootstrap)
                    .topicPrefix(topics.prefix())
                    .partitions(ProcessorRig.PARTITIONS)
                    .coordination(Coordination.NONE)
                    .exportExecutor(false)
                    .streamGroups(sim.control().streamGroups().stream().map(StreamGroupView::id).toList())
                    .pollerId("bench-volume")
                    .build();
            try (PollerApp poller = PollerApp.builder(config).credentialsProvider(SimulatorTestbed.CREDENTIALS).clock(clock)
                    .scheduled(false).start()) {
                LOG.info("{}: demo scenario, one cycle per {} of virtual time for {}", name(), SWEEP, span);
                Instant end = clock.instant().plus(span);
                while (clock.instant().isBefore(end)) {
                    CycleReport report = poller.poller().pollOnce();
                    if (!report.allComplete()) {
                        throw new IllegalStateException("a cycle was not complete: " + report);
                    }
                    poller.poller().awaitEnrichment(Duration.ofMinutes(1));
                    listed += report.sessions();
                    cycles++;
                    clock.advance(SWEEP);
                }
            }
        }
        List<ConsumerRecord<byte[], byte[]>> published =
                KafkaTestSupport.readBytes(bootstrap, topics.sessionSnapshots().name(), "read_uncommitted");
        long bytes = published.stream().mapToLong(SnapshotVolumeSection::size).sum();
        double meanSize = bytes / (double) published.size();
        double population = listed / (double) cycles;
        double perDay = DAY_SECONDS / (cycles * (SWEEP.toMillis() / 1000.0)) * FLEET / population;
        double records = published.size() * perDay;
        double everyCycle = listed * perDay;
        String method = String.format("demo scenario (mean %,.0f sessions listed) for %d cycles of %.1f s virtual"
                        + " (%s), full refresh every %s; scaled per session to %,d sessions; mean snapshot %,.0f"
                        + " bytes (key + value)", population, cycles, SWEEP.toMillis() / 1000.0, span,
                PollerConfig.DEFAULT_FULL_REFRESH_INTERVAL, FLEET, meanSize);
        return List.of(
                BenchResult.of(name(), "snapshot records/day, 100,000 sessions", records, "records",
                        "every session every cycle", everyCycle, "lower").withNote(method),
                BenchResult.of(name(), "snapshot bytes/day, 100,000 sessions", records * meanSize, "bytes",
                        "every session every cycle", everyCycle * meanSize, "lower").withNote(String.format(
                                "%,.1f GB/day against %,.1f GB/day, before replication", records * meanSize / 1e9,
                                everyCycle * meanSize / 1e9)));
    }

    private static long size(ConsumerRecord<byte[], byte[]> record) {
        return (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
    }
}
