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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AccountModeIT extends WithTestbed {

    /** A cycle, then the Gets it asked for (they run off its path). */
    private CycleReport cycle(PollerApp app) throws InterruptedException {
        CycleReport report = app.poller().pollOnce();
        assertThat(app.poller().awaitEnrichment(Duration.ofSeconds(30))).isTrue();
        return report;
    }

    private SessionSnapshot snapshotOf(CycleReport report, String arn) {
        return bed.snapshotsOf(report.groups().get(0).cycleId()).stream()
                .filter(s -> s.getArn().equals(arn))
                .reduce((first, second) -> second)
                .orElseThrow();
    }

    @Test
    void oneAccountListingCoversEveryGroupWithMarkersPerGroupAndEnrichesOnlyChanges() throws Exception {
        List<String> bulk = bed.sim.control().populate(110, 2);
        StreamGroupView small = bed.sim.control().createStreamGroup("small", "eu-central-1");
        SessionView lonely = bed.sim.control().createSession(small.id(), "eu-central-1", SessionStatus.CONNECTED);
        SessionView exporter = bed.sim.control().sessions().stream()
                .filter(s -> s.status() == SessionStatus.CONNECTED && s.streamGroupId().equals(bulk.get(0)))
                .findFirst().orElseThrow();
        // the poller on the simulator's clock: the full refreshes (every 10 minutes here) follow the test's time
        PollerApp app = bed.track(PollerApp.builder(bed.config().mode(Mode.ACCOUNT)
                        .fullRefreshInterval(Duration.ofMinutes(10)).build())
                .credentialsProvider(Testbed.CREDENTIALS).scheduled(false).clock(bed.clock).start());

        CycleReport first = cycle(app);

        assertThat(first.listCalls()).isEqualTo(2);
        assertThat(bed.sim.requests().count(ApiOperation.LIST_STREAM_SESSIONS_BY_ACCOUNT)).isEqualTo(2);
        assertThat(bed.sim.requests().count(ApiOperation.LIST_STREAM_SESSIONS)).isZero();
        assertThat(first.sessions()).isEqualTo(111);
        Map<String, Integer> counts = first.groups().stream()
                .collect(Collectors.toMap(GroupCycleReport::streamGroupId, GroupCycleReport::sessions));
        assertThat(counts).containsOnlyKeys(bulk.get(0), bulk.get(1), small.id()).containsEntry(small.id(), 1);
        List<SessionSnapshot> snapshots = bed.snapshotsOf(first.groups().get(0).cycleId());
        assertThat(snapshots).hasSize(111).allSatisfy(s -> {
            assertThat(s.getSource()).isEqualTo("ListStreamSessionsByAccount");
            assertThat(s.getArn()).contains("/" + s.getStreamGroupId() + "/");
        });
        List<PollCycle> markers = bed.values(bed.topics.pollCycles());
        assertThat(markers).hasSize(3 * Testbed.PARTITIONS)
                .allSatisfy(m -> assertThat(m.getSource()).isEqualTo("ListStreamSessionsByAccount"));

        // an export is requested (PENDING: nothing to fetch), then the session ends and the upload resolves
        bed.sdkClient().exportStreamSessionFiles(b -> b.identifier(exporter.streamGroupId())
                .streamSessionIdentifier(exporter.id()).outputUri("s3://bucket/exports/"));
        assertThat(cycle(app).getCalls()).isZero();
        bed.sim.control().transition(exporter.arn(), SessionStatus.TERMINATED, StatusReason.APPLICATION_EXIT);
        bed.clock.advance(Duration.ofMinutes(5));
        SessionView resolved = bed.sim.control().session(exporter.arn()).orElseThrow();
        assertThat(resolved.exportStatus()).isNotNull().isNotEqualTo(dev.glsmon.simulator.ExportStatus.PENDING);

        CycleReport ended = cycle(app);
        assertThat(ended.getCalls()).as("one Get serves the reason and the export details").isEqualTo(1);
        SessionSnapshot enriched = snapshotOf(ended, exporter.arn());
        assertThat(enriched.getSource()).isEqualTo("GetStreamSession");
        assertThat(enriched.getStatusReason()).isEqualTo("applicationExit");
        assertThat(enriched.getExportFilesStatus()).isEqualTo(resolved.exportStatus().name());
        assertThat(enriched.getExportFilesOutputUri()).isEqualTo(resolved.exportOutputUri()).startsWith("s3://bucket/exports/");
        assertThat(enriched.getExportFilesStatusReason()).isEqualTo(resolved.exportStatusReason());

        CycleReport unchanged = cycle(app);
        assertThat(unchanged.getCalls()).isZero();
        assertThat(bed.snapshotsOf(unchanged.groups().get(0).cycleId()))
                .as("the listing repeats the Get's answer: nothing to publish")
                .noneMatch(s -> s.getArn().equals(exporter.arn()));
        bed.clock.advance(Duration.ofMinutes(5)); // ten minutes after the first cycle: a full refresh
        CycleReport after = cycle(app);
        assertThat(after.getCalls()).isZero();
        assertThat(after.groups()).allSatisfy(g -> assertThat(g.fullRefresh()).isTrue());
        SessionSnapshot carried = snapshotOf(after, exporter.arn());
        assertThat(carried.getSource()).isEqualTo("ListStreamSessionsByAccount");
        assertThat(carried.getExportFilesOutputUri()).isEqualTo(resolved.exportOutputUri());
        assertThat(carried.getStatusReason()).isEqualTo("applicationExit");

        // the small group's only session ends and is purged: a last marker with 0 sessions, then none
        bed.sim.control().transition(lonely.arn(), SessionStatus.TERMINATED, StatusReason.IDLE_TIMEOUT);
        bed.clock.advance(Duration.ofMinutes(16));
        CycleReport emptied = cycle(app);
        assertThat(emptied.getCalls()).as("only the lonely session: the exporter's end was known").isEqualTo(1);
        CycleReport settled = cycle(app);
        assertThat(settled.notFound()).as("the Get's 404, taken by the next cycle").isEqualTo(1);
        assertThat(settled.getCalls()).isZero();
        for (CycleReport report : List.of(emptied, settled)) {
            assertThat(report.groups()).filteredOn(g -> g.streamGroupId().equals(small.id()))
                    .singleElement().satisfies(g -> {
                        assertThat(g.sessions()).isZero();
                        assertThat(g.outcome()).isEqualTo("complete");
                    });
        }
        assertThat(cycle(app).groups()).extracting(GroupCycleReport::streamGroupId).doesNotContain(small.id());
    }
}
