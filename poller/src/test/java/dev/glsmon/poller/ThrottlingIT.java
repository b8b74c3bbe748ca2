package dev.glsmon.poller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.poller.cycle.CycleReport;
import dev.glsmon.poller.cycle.GroupCycleReport;
import dev.glsmon.schemas.PollCycle;
import dev.glsmon.simulator.ApiOperation;
import dev.glsmon.simulator.OperationFaults;
import dev.glsmon.common.session.SessionStatus;
import dev.glsmon.simulator.SessionView;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThrottlingIT extends WithTestbed {

    @Test
    void withThirtyPercentThrottlingEveryCycleStillCompletesWithItsMarkers() throws Exception {
        bed.sim.control().populate(1_600, 4);
        OperationFaults throttled = OperationFaults.NONE.withThrottleProbability(0.3);
        bed.sim.faults().set(ApiOperation.LIST_STREAM_SESSIONS_BY_ACCOUNT, throttled);
        bed.sim.faults().set(ApiOperation.GET_STREAM_SESSION, throttled);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        // account mode: its listing lacks StatusReason, so every ended session costs a (throttled) Get too
        PollerApp app = bed.track(PollerApp.builder(bed.config().mode(Mode.ACCOUNT).maxAttempts(12).build())
                .credentialsProvider(Testbed.CREDENTIALS).meterRegistry(registry).scheduled(false).start());
        List<SessionView> sessions = bed.sim.control().sessions();

        List<CycleReport> reports = new ArrayList<>();
        for (int cycle = 0; cycle < 4; cycle++) {
            // something to enrich every cycle, so GetStreamSession is throttled too
            bed.sim.control().transition(sessions.get(cycle).arn(), SessionStatus.ERROR, null);
            reports.add(app.poller().pollOnce());
            assertThat(app.poller().awaitEnrichment(Duration.ofSeconds(60))).isTrue();
        }

        assertThat(bed.sim.requests().count(ApiOperation.LIST_STREAM_SESSIONS_BY_ACCOUNT, 429)).isPositive();
        assertThat(bed.sim.requests().count(ApiOperation.GET_STREAM_SESSION)).isGreaterThanOrEqualTo(4);
        assertThat(registry.get("glsmon.poller.api.calls").tag("operation", "ListStreamSessionsByAccount")
                .tag("outcome", "throttled").counter().count()).isPositive();
        List<PollCycle> markers = bed.values(bed.topics.pollCycles());
        for (CycleReport report : reports) {
            assertThat(report.groups()).hasSize(4).allSatisfy(g -> {
                assertThat(g.outcome()).isEqualTo("complete");
                assertThat(g.sessions()).isEqualTo(400);
            });
            for (GroupCycleReport group : report.groups()) {
                assertThat(markers).filteredOn(m -> m.getCycleId().equals(group.cycleId())
                                && m.getStreamGroupId().equals(group.streamGroupId()))
                        .hasSize(Testbed.PARTITIONS)
                        .allSatisfy(m -> assertThat(m.getComplete()).isTrue());
            }
            assertThat(report.getCalls()).isEqualTo(1);
        }
    }

    @Test
    void aFailingPagePublishesWhatWasSeenAndMarksTheCycleIncomplete() throws Exception {
        List<String> groups = bed.sim.control().populate(1_000, 2); // 5 pages per group
        PollerApp app = bed.manualApp(bed.config().streamGroups(groups).maxAttempts(3).build());
        app.poller().pollOnce();
        bed.sim.faults().set(ApiOperation.LIST_STREAM_SESSIONS, OperationFaults.NONE.withFailPage(3));
        long getsBefore = bed.sim.requests().count(ApiOperation.GET_STREAM_SESSION);

        CycleReport report = app.poller().pollOnce();

        assertThat(report.groups()).hasSize(2).allSatisfy(g -> {
            assertThat(g.outcome()).isEqualTo("incomplete");
            assertThat(g.sessions()).as("pages 1 and 2").isEqualTo(200);
            assertThat(g.failure()).contains("listing failed after 2 pages");
        });
        assertThat(bed.sim.requests().count(ApiOperation.GET_STREAM_SESSION) - getsBefore)
                .as("absence from an incomplete listing proves nothing: no vanished-session lookups").isZero();
        assertThat(report.repeats()).as("pages 1 and 2 of both groups, repeats").isEqualTo(400);
        List<PollCycle> markers = bed.values(bed.topics.pollCycles());
        for (GroupCycleReport group : report.groups()) {
            assertThat(bed.snapshotsOf(group.cycleId())).as("nothing changed since the first cycle").isEmpty();
            assertThat(markers).filteredOn(m -> m.getCycleId().equals(group.cycleId()))
                    .hasSize(Testbed.PARTITIONS)
                    .allSatisfy(m -> {
                        assertThat(m.getComplete()).isFalse();
                        assertThat(m.getSessionCount()).isEqualTo(200);
                    });
        }

        // once the page answers again, the sessions behind it were remembered all along: nothing vanished
        bed.sim.faults().clear();
        CycleReport recovered = app.poller().pollOnce();
        assertThat(recovered.allComplete()).isTrue();
        assertThat(recovered.getCalls()).isZero();
        assertThat(recovered.sessions()).isEqualTo(1_000);
    }

    @Test
    void malformedResponsesNeverEndACycleWithoutItsMarkers() throws Exception {
        List<String> groups = bed.sim.control().populate(600, 3);
        PollerApp app = bed.manualApp(bed.config().streamGroups(groups).maxAttempts(2).build());
        app.poller().pollOnce();
        bed.sim.faults().set(ApiOperation.LIST_STREAM_SESSIONS, OperationFaults.NONE.withMalformed(0.5,
                dev.glsmon.simulator.Malformation.MISSING_FIELDS, dev.glsmon.simulator.Malformation.TRUNCATED_JSON,
                dev.glsmon.simulator.Malformation.EXTRA_FIELDS));

        List<CycleReport> reports = new ArrayList<>();
        for (int cycle = 0; cycle < 5; cycle++) {
            reports.add(app.poller().pollOnce());
        }

        List<PollCycle> markers = bed.values(bed.topics.pollCycles());
        assertThat(reports).allSatisfy(report -> assertThat(report.groups()).hasSize(3).allSatisfy(group -> {
            assertThat(group.outcome()).isIn("complete", "incomplete");
            assertThat(markers).filteredOn(m -> m.getCycleId().equals(group.cycleId())).hasSize(Testbed.PARTITIONS)
                    .allSatisfy(m -> assertThat(m.getComplete()).isEqualTo(group.complete()));
        }));
        assertThat(reports).flatMap(CycleReport::groups).extracting(GroupCycleReport::outcome).contains("incomplete");
        assertThat(bed.snapshots()).allSatisfy(s -> assertThat(s.getArn()).isNotBlank());
    }
}
