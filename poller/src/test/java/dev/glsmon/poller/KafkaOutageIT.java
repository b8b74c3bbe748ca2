package dev.glsmon.poller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.broker.EmbeddedKafkaBroker;
import dev.glsmon.poller.cycle.CycleListener;
import dev.glsmon.poller.cycle.CycleReport;
import dev.glsmon.poller.cycle.GroupCycleReport;
import dev.glsmon.schemas.PollCycle;
import dev.glsmon.schemas.SessionSnapshot;
import dev.glsmon.simulator.SessionView;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A broker of its own, stopped and restarted while a cycle is running. */
class KafkaOutageIT {

    private EmbeddedKafkaBroker broker;
    private Testbed bed;

    @BeforeEach
    void start() {
        broker = EmbeddedKafkaBroker.builder().build().start();
        bed = new Testbed(broker.bootstrapServers());
    }

    @AfterEach
    void stop() {
        bed.close();
        broker.close();
    }

    @Test
    void aKafkaOutageMidCycleLosesNoSnapshotOfTheCycleInFlight() throws Exception {
        List<String> groups = bed.sim.control().populate(3_000, 3); // 10 pages per group
        AtomicReference<Thread> restart = new AtomicReference<>();
        // down after page 4 of the first group; back a few seconds later, whatever the cycle is doing then
        // (it may be blocked in send: an outage blocks the cycle, it must not lose or duplicate anything)
        CycleListener outage = new CycleListener() {
            @Override
            public void pageDone(String cycleId, int pageNumber, int sessionsSoFar) {
                if (pageNumber == 4 && restart.get() == null) {
                    broker.stop();
                    Thread thread = new Thread(() -> {
                        try {
                            Thread.sleep(3_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        broker.start();
                    }, "test-broker-restart");
                    restart.set(thread);
                    thread.start();
                }
            }
        };
        PollerConfig config = bed.config().streamGroups(groups).parallelism(1).build();
        PollerApp app = bed.track(PollerApp.builder(config).credentialsProvider(Testbed.CREDENTIALS)
                .scheduled(false).cycleListener(outage).start());

        CycleReport report = app.poller().pollOnce();
        restart.get().join();

        assertThat(report.groups()).hasSize(3).allSatisfy(g -> assertThat(g.outcome()).isEqualTo("complete"));
        Set<String> cycleIds = report.groups().stream().map(GroupCycleReport::cycleId).collect(Collectors.toSet());
        List<SessionSnapshot> published = bed.snapshots().stream().filter(s -> cycleIds.contains(s.getCycleId())).toList();
        Set<String> arns = published.stream().map(SessionSnapshot::getArn).collect(Collectors.toSet());
        assertThat(arns).containsExactlyInAnyOrderElementsOf(
                bed.sim.control().sessions().stream().map(SessionView::arn).toList());
        assertThat(published).as("idempotent producer: no duplicates from retried batches").hasSize(3_000);
        List<PollCycle> markers = bed.values(bed.topics.pollCycles());
        assertThat(markers).hasSize(3 * Testbed.PARTITIONS)
                .allSatisfy(m -> {
                    assertThat(m.getComplete()).isTrue();
                    assertThat(m.getSessionCount()).isEqualTo(1_000);
                });
    }

    @Test
    void aCycleWhoseRecordsKafkaDoesNotTakeFailsLoudlyAndIsRedoneInFull() throws Exception {
        List<String> groups = bed.sim.control().populate(200, 1);
        SessionView ended = bed.sim.control().sessions().get(0);
        bed.sim.control().transition(ended.arn(), dev.glsmon.common.session.SessionStatus.ERROR, null);
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        // give up quickly instead of the production default (10 minutes)
        java.util.Map<String, Object> impatient = java.util.Map.of("producer.delivery.timeout.ms", 4_000,
                "producer.request.timeout.ms", 1_000, "producer.linger.ms", 0, "producer.max.block.ms", 3_000);
        PollerApp app = bed.track(PollerApp.builder(bed.config().streamGroups(groups).build())
                .credentialsProvider(Testbed.CREDENTIALS).kafkaOverrides(impatient).meterRegistry(registry)
                .scheduled(false).start());

        broker.stop();
        CycleReport failed = app.poller().pollOnce();
        broker.start();
        CycleReport redone = app.poller().pollOnce();

        assertThat(failed.groups()).singleElement().satisfies(g -> {
            assertThat(g.outcome()).isEqualTo("failed");
            assertThat(g.failure()).isNotBlank();
        });
        assertThat(registry.get("glsmon.poller.cycles").tag("outcome", "failed").counter().count()).isEqualTo(1);
        assertThat(redone.groups()).singleElement().satisfies(g -> assertThat(g.outcome()).isEqualTo("complete"));
        assertThat(redone.getCalls()).as("the reason comes with the listing").isZero();
        String failedCycle = failed.groups().get(0).cycleId();
        assertThat(bed.values(bed.topics.pollCycles())).noneMatch(m -> m.getCycleId().equals(failedCycle));
        assertThat(bed.snapshotsOf(redone.groups().get(0).cycleId())).hasSize(200)
                .filteredOn(s -> s.getArn().equals(ended.arn()))
                .singleElement().satisfies(s -> assertThat(s.getStatusReason()).isEqualTo("internalError"));
    }

    @Test
    void aChangeKafkaDidNotAcknowledgeIsPublishedByTheNextCycleThoughNothingChangedSince() throws Exception {
        List<String> groups = bed.sim.control().populate(50, 1);
        SessionView changing = bed.sim.control().sessions().get(7);
        java.util.Map<String, Object> impatient = java.util.Map.of("producer.delivery.timeout.ms", 4_000,
                "producer.request.timeout.ms", 1_000, "producer.linger.ms", 0, "producer.max.block.ms", 3_000);
        PollerApp app = bed.track(PollerApp.builder(bed.config().streamGroups(groups).build())
                .credentialsProvider(Testbed.CREDENTIALS).kafkaOverrides(impatient).scheduled(false).start());
        CycleReport full = app.poller().pollOnce();

        bed.sim.control().transition(changing.arn(), dev.glsmon.common.session.SessionStatus.PENDING_CLIENT_RECONNECTION, null);
        broker.stop();
        CycleReport failed = app.poller().pollOnce();
        broker.start();
        CycleReport next = app.poller().pollOnce();

        assertThat(full.groups()).singleElement().satisfies(g -> assertThat(g.fullRefresh()).isTrue());
        assertThat(failed.groups()).singleElement().satisfies(g -> assertThat(g.outcome()).isEqualTo("failed"));
        assertThat(next.groups()).singleElement().satisfies(g -> {
            assertThat(g.outcome()).isEqualTo("complete");
            assertThat(g.fullRefresh()).as("a changes-only cycle").isFalse();
        });
        assertThat(bed.snapshotsOf(next.groups().get(0).cycleId()))
                .as("compared with what was acknowledged, not with what was sent")
                .singleElement().satisfies(s -> {
                    assertThat(s.getArn()).isEqualTo(changing.arn());
                    assertThat(s.getStatus()).isEqualTo("PENDING_CLIENT_RECONNECTION");
                });
    }
}
