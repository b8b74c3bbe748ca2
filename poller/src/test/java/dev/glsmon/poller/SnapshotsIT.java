package dev.glsmon.poller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.poller.cycle.CycleReport;
import dev.glsmon.poller.cycle.GroupCycleReport;
import dev.glsmon.schemas.PollCycle;
import dev.glsmon.schemas.SessionSnapshot;
import dev.glsmon.simulator.ApiOperation;
import dev.glsmon.common.session.SessionStatus;
import dev.glsmon.simulator.SessionView;
import dev.glsmon.simulator.StatusReason;
import dev.glsmon.simulator.StreamGroupView;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SnapshotsIT extends WithTestbed {

    @Test
    void theSnapshotsOfACycleEqualTheLiveSessionsFieldByField() throws Exception {
        List<String> groups = bed.sim.control().populate(450, 3);
        List<SessionView> some = bed.sim.control().sessions();
        bed.sim.control().transition(some.get(0).arn(), SessionStatus.TERMINATED, StatusReason.APPLICATION_EXIT);
        bed.sim.control().transition(some.get(1).arn(), SessionStatus.ERROR, StatusReason.PLACEMENT_TIMEOUT);
        bed.sim.control().transition(some.get(2).arn(), SessionStatus.TERMINATING, null);
        bed.sdkClient().exportStreamSessionFiles(b -> b.identifier(some.get(3).streamGroupId())
                .streamSessionIdentifier(some.get(3).id()).outputUri("s3://bucket/exports/"));
        PollerApp app = bed.manualApp(bed.config().streamGroups(groups).build());

        CycleReport report = app.poller().pollOnce();

        List<SessionView> truth = bed.sim.control().sessions(); // the manual clock has not moved
        assertThat(report.allComplete()).isTrue();
        assertThat(report.sessions()).isEqualTo(truth.size());
        Map<String, SessionSnapshot> published = report.groups().stream()
                .flatMap(g -> bed.snapshotsOf(g.cycleId()).stream())
                .collect(Collectors.toMap(SessionSnapshot::getArn, Function.identity()));
        assertThat(published).hasSize(truth.size());
        for (SessionView session : truth) {
            SessionSnapshot snapshot = published.get(session.arn());
            assertThat(snapshot).as(session.arn()).isNotNull();
            assertSameSession(snapshot, session);
        }
        assertThat(published.get(some.get(0).arn()).getSource())
                .as("the listing's StatusReason spares the Get").isEqualTo("ListStreamSessions");
        assertThat(report.getCalls()).isZero();
        assertThat(published.get(some.get(3).arn()).getExportFilesStatus()).isEqualTo("PENDING");
        assertThat(published.get(some.get(3).arn()).getExportFilesOutputUri()).isEqualTo("s3://bucket/exports/");
        assertThat(published.get(some.get(4).arn()).getSource()).isEqualTo("ListStreamSessions");
        assertThat(published.values()).allSatisfy(s -> {
            assertThat(s.getRegion()).isEqualTo("us-west-2");
            assertThat(s.getNotFound()).isFalse();
        });
    }

    @Test
    void everyPartitionGetsOneCompleteMarkerPerGroupAfterTheSnapshots() throws Exception {
        List<String> groups = bed.sim.control().populate(250, 2);
        PollerApp app = bed.manualApp(bed.config().streamGroups(groups).build());

        CycleReport report = app.poller().pollOnce();

        for (GroupCycleReport group : report.groups()) {
            List<Testbed.Located<PollCycle>> markers = bed.markers().stream()
                    .filter(m -> m.value().getCycleId().equals(group.cycleId()))
                    .toList();
            assertThat(markers).extracting(Testbed.Located::partition).containsExactlyInAnyOrder(0, 1, 2);
            assertThat(markers).allSatisfy(m -> {
                assertThat(m.key()).isEqualTo(group.streamGroupId());
                assertThat(m.value().getComplete()).isTrue();
                assertThat(m.value().getSessionCount()).isEqualTo(125);
                assertThat(m.value().getSource()).isEqualTo("ListStreamSessions");
                assertThat(m.value().getPollerId()).isEqualTo("test-poller");
                assertThat(m.value().getCycleNumber()).isEqualTo(group.cycleNumber());
            });
            // each marker counts the group's snapshots on its own partition, so a processor task can
            // tell when it reads the marker before some of them
            var snapshotsPerPartition = bed.read(bed.topics.sessionSnapshots()).stream()
                    .filter(s -> s.value().getCycleId().equals(group.cycleId()))
                    .collect(Collectors.groupingBy(Testbed.Located::partition, Collectors.counting()));
            assertThat(snapshotsPerPartition.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(125);
            assertThat(markers).allSatisfy(m -> assertThat(m.value().getPartitionSnapshots().longValue())
                    .isEqualTo(snapshotsPerPartition.getOrDefault(m.partition(), 0L)));
        }
    }

    @Test
    void cycleNumbersGrowFromCycleToCycle() throws Exception {
        List<String> groups = bed.sim.control().populate(10, 1);
        PollerApp app = bed.manualApp(bed.config().streamGroups(groups).build());

        long first = app.poller().pollOnce().groups().get(0).cycleNumber();
        long second = app.poller().pollOnce().groups().get(0).cycleNumber();
        long third = app.poller().pollOnce().groups().get(0).cycleNumber();

        assertThat(second).isGreaterThan(first);
        assertThat(third).isGreaterThan(second);
    }

    @Test
    void theReasonOfAnEndedSessionComesFromTheListingWithoutAGet() throws Exception {
        StreamGroupView group = bed.sim.control().createStreamGroup("g", "us-west-2");
        SessionView session = bed.sim.control().createSession(group.id(), "us-west-2", SessionStatus.CONNECTED);
        PollerApp app = bed.manualApp(bed.config().streamGroups(List.of(group.id())).build());
        app.poller().pollOnce();
        bed.sim.control().transition(session.arn(), SessionStatus.ERROR, StatusReason.INVALID_SIGNAL_REQUEST);
        long getsBefore = bed.sim.requests().count(ApiOperation.GET_STREAM_SESSION);

        CycleReport ended = app.poller().pollOnce();
        CycleReport later = app.poller().pollOnce();
        assertThat(app.poller().awaitEnrichment(Duration.ofSeconds(30))).isTrue();

        assertThat(bed.sim.requests().count(ApiOperation.GET_STREAM_SESSION) - getsBefore)
                .as("SDK 2.40.2 drops StatusReason from list items; glsmon reads it from the body").isZero();
        assertThat(ended.getCalls()).isZero();
        assertThat(later.getCalls()).isZero();
        SessionSnapshot listed = bed.snapshotsOf(ended.groups().get(0).cycleId()).get(0);
        assertThat(listed.getStatus()).isEqualTo("ERROR");
        assertThat(listed.getStatusReason()).isEqualTo("invalidSignalRequest");
        assertThat(listed.getSource()).isEqualTo("ListStreamSessions");
        assertThat(bed.snapshotsOf(later.groups().get(0).cycleId())).as("nothing changed since").isEmpty();
        assertThat(later.repeats()).isEqualTo(1);
    }

    @Test
    void betweenFullRefreshesACyclePublishesOnlyTheSessionsThatChanged() throws Exception {
        List<String> groups = bed.sim.control().populate(200, 2);
        List<SessionView> some = bed.sim.control().sessions();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        // a 10-minute refresh (the default is an hour): the simulator keeps an ended session listed 15 minutes
        PollerApp app = bed.track(PollerApp.builder(bed.config().streamGroups(groups)
                        .fullRefreshInterval(Duration.ofMinutes(10)).build())
                .credentialsProvider(Testbed.CREDENTIALS).scheduled(false).clock(bed.clock).meterRegistry(registry)
                .start());

        CycleReport first = app.poller().pollOnce();
        bed.sim.control().transition(some.get(0).arn(), SessionStatus.PENDING_CLIENT_RECONNECTION, null);
        bed.sim.control().transition(some.get(150).arn(), SessionStatus.TERMINATED, StatusReason.APPLICATION_EXIT);
        bed.clock.advance(Duration.ofMinutes(9));
        CycleReport changes = app.poller().pollOnce();
        bed.clock.advance(Duration.ofMinutes(1));
        CycleReport refresh = app.poller().pollOnce();

        assertThat(first.snapshots()).as("the first cycle after a start is a full refresh").isEqualTo(200);
        assertThat(first.groups()).allSatisfy(g -> assertThat(g.fullRefresh()).isTrue());
        assertThat(changes.groups()).allSatisfy(g -> assertThat(g.fullRefresh()).isFalse());
        assertThat(changes.groups()).allSatisfy(g -> assertThat(g.sessions()).isEqualTo(100));
        Map<String, List<SessionSnapshot>> changed = changes.groups().stream()
                .flatMap(g -> bed.snapshotsOf(g.cycleId()).stream())
                .collect(Collectors.groupingBy(SessionSnapshot::getArn));
        assertThat(changed.keySet()).containsExactlyInAnyOrder(some.get(0).arn(), some.get(150).arn());
        assertThat(changes.repeats()).isEqualTo(198);
        assertThat(registry.get("glsmon.poller.snapshots.suppressed").counter().count()).isEqualTo(198);
        assertThat(refresh.snapshots()).as("ten minutes after the last full refresh").isEqualTo(200);
        assertThat(refresh.groups()).allSatisfy(g -> assertThat(g.fullRefresh()).isTrue());
        for (CycleReport report : List.of(first, changes, refresh)) {
            for (GroupCycleReport group : report.groups()) {
                List<Testbed.Located<PollCycle>> markers = bed.markers().stream()
                        .filter(m -> m.value().getCycleId().equals(group.cycleId())).toList();
                assertThat(markers).hasSize(Testbed.PARTITIONS).allSatisfy(m -> {
                    assertThat(m.value().getFullRefresh()).isEqualTo(group.fullRefresh());
                    assertThat(m.value().getSessionCount()).as("the listing's count, published or not").isEqualTo(100);
                });
                // the per-partition counts still match what the partitions hold, however few
                assertThat(markers.stream().mapToInt(m -> m.value().getPartitionSnapshots()).sum())
                        .isEqualTo(bed.snapshotsOf(group.cycleId()).size());
            }
        }
    }

    @Test
    void aSessionGoneSinceTheLastCycleIsReportedNotFoundWithItsLastKnownFields() throws Exception {
        StreamGroupView group = bed.sim.control().createStreamGroup("g", "us-west-2");
        SessionView session = bed.sim.control().createSession(group.id(), "us-west-2", SessionStatus.CONNECTED);
        bed.sim.control().createSession(group.id(), "us-west-2", SessionStatus.ACTIVE);
        PollerApp app = bed.manualApp(bed.config().streamGroups(List.of(group.id())).build());
        app.poller().pollOnce();
        // it ends and is purged (retention 15 min) before the poller looks again
        bed.sim.control().transition(session.arn(), SessionStatus.TERMINATED, StatusReason.IDLE_TIMEOUT);
        bed.clock.advance(Duration.ofMinutes(16));

        CycleReport report = app.poller().pollOnce();
        assertThat(app.poller().awaitEnrichment(Duration.ofSeconds(30))).isTrue();
        CycleReport after = app.poller().pollOnce();
        CycleReport later = app.poller().pollOnce();

        // issue 17: a session that vanished while nothing changed, in a changes-only cycle, is still settled
        assertThat(report.groups().get(0).fullRefresh()).as("a changes-only cycle").isFalse();
        assertThat(report.getCalls()).as("asked, off the cycle's path").isEqualTo(1);
        assertThat(after.notFound()).as("the 404, taken by the next cycle").isEqualTo(1);
        assertThat(after.getCalls()).isZero();
        assertThat(later.getCalls()).as("gone sessions leave the memory").isZero();
        SessionSnapshot gone = bed.snapshotsOf(report.groups().get(0).cycleId()).stream()
                .filter(s -> s.getArn().equals(session.arn()))
                .findFirst().orElseThrow();
        assertThat(gone.getNotFound()).isTrue();
        assertThat(gone.getStatus()).as("the last known status").isEqualTo("CONNECTED");
        assertThat(gone.getLocation()).isEqualTo("us-west-2");
        assertThat(gone.getSource()).isEqualTo("GetStreamSession");
        assertThat(report.groups().get(0).sessions()).isEqualTo(1);
    }

    private static void assertSameSession(SessionSnapshot snapshot, SessionView session) {
        assertThat(snapshot.getStreamGroupId()).isEqualTo(session.streamGroupId());
        assertThat(snapshot.getSessionId()).isEqualTo(session.id());
        assertThat(snapshot.getStatus()).isEqualTo(session.status().name());
        String reason = session.statusReason() == null ? null : session.statusReason().wire();
        if (session.status().isEnded()) {
            assertThat(snapshot.getStatusReason()).as("reason of %s", session.arn()).isEqualTo(reason);
        } else {
            assertThat(snapshot.getStatusReason()).as("a live session has none").isNull();
        }
        assertThat(snapshot.getLocation()).isEqualTo(session.location());
        assertThat(snapshot.getApplicationArn()).isEqualTo(session.applicationArn());
        assertThat(snapshot.getUserId()).isEqualTo(session.userId());
        assertThat(snapshot.getCreatedAt()).isEqualTo(session.createdAt());
        assertThat(snapshot.getLastUpdatedAt()).isEqualTo(session.lastUpdatedAt());
        assertThat(snapshot.getExportFilesStatus())
                .isEqualTo(session.exportStatus() == null ? null : session.exportStatus().name());
        assertThat(snapshot.getExportFilesStatusReason()).isEqualTo(session.exportStatusReason());
        assertThat(snapshot.getExportFilesOutputUri()).isEqualTo(session.exportOutputUri());
        if (snapshot.getSource().equals("GetStreamSession")) {
            assertThat(snapshot.getDescription()).isEqualTo(session.description());
            assertThat(snapshot.getConnectionTimeoutSeconds()).isEqualTo(session.connectionTimeoutSeconds());
            assertThat(snapshot.getSessionLengthSeconds()).isEqualTo(session.sessionLengthSeconds());
            assertThat(snapshot.getLogFileLocationUri()).isEqualTo(session.logFileLocationUri());
            assertThat(snapshot.getWebSdkProtocolUrl()).isEqualTo(session.webSdkProtocolUrl());
            assertThat(snapshot.getSignalRequest()).as("left out unless configured").isNull();
        }
    }
}
