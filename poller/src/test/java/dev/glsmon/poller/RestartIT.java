package dev.glsmon.poller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.poller.cycle.CycleReport;
import dev.glsmon.simulator.ApiOperation;
import dev.glsmon.common.session.SessionStatus;
import dev.glsmon.simulator.SessionView;
import dev.glsmon.simulator.StatusReason;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A restarted poller reads back what it published and asks nothing it already knew. */
class RestartIT extends WithTestbed {

    private static CycleReport cycleWithGets(PollerApp app) throws InterruptedException {
        CycleReport report = app.poller().pollOnce();
        assertThat(app.poller().awaitEnrichment(Duration.ofSeconds(30))).isTrue();
        return report;
    }

    @Test
    void aRestartedAccountPollerAsksNoGetForAnEndItAlreadyReported() throws Exception {
        bed.sim.control().populate(300, 3);
        List<SessionView> sessions = bed.sim.control().sessions();
        for (SessionView ended : sessions.subList(0, 20)) {
            bed.sim.control().transition(ended.arn(), SessionStatus.TERMINATED, StatusReason.APPLICATION_EXIT);
        }
        PollerConfig config = bed.config().mode(Mode.ACCOUNT).build();
        PollerApp first = bed.manualApp(config);
        CycleReport before = cycleWithGets(first);
        assertThat(before.getCalls()).as("account listings lack StatusReason: one Get per end").isEqualTo(20);
        first.close();

        long getsBefore = bed.sim.requests().count(ApiOperation.GET_STREAM_SESSION);
        PollerApp restarted = bed.manualApp(config);
        CycleReport after = cycleWithGets(restarted);

        assertThat(after.allComplete()).isTrue();
        assertThat(after.getCalls()).as("the 20 reasons were read back from the snapshot topic").isZero();
        assertThat(bed.sim.requests().count(ApiOperation.GET_STREAM_SESSION) - getsBefore).isZero();
        assertThat(bed.snapshotsOf(after.groups().get(0).cycleId()))
                .filteredOn(s -> s.getStatus().equals("TERMINATED"))
                .hasSize(20)
                .allSatisfy(s -> assertThat(s.getStatusReason()).as("carried from the read-back").isEqualTo("applicationExit"));
        assertThat(bed.snapshots()).noneMatch(s -> s.getNotFound());
    }
}
