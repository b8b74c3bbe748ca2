package dev.glsmon.poller;

import dev.glsmon.poller.cycle.CycleReport;
import dev.glsmon.testbed.CycleCalls;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.common.session.SessionStatus;
import dev.glsmon.simulator.SessionView;
import dev.glsmon.simulator.StatusReason;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API calls a cycle costs at 10,000 sessions, counted by the simulator, against what the rules allow. */
class ApiCallBudgetIT extends WithTestbed {

    private static final int SESSIONS = 10_000;
    private static final int GROUPS = 20;
    private static final int PAGE = 100;

    @Test
    void aCycleCostsItsPagesPlusTheRequiredEnrichmentsOnly() throws Exception {
        List<String> groups = bed.sim.control().populate(SESSIONS, GROUPS);
        PollerApp app = bed.manualApp(bed.config().streamGroups(groups).pageSize(PAGE).parallelism(4).build());

        // cycle 1: 10,000 live sessions, nothing to enrich
        CycleCalls<CycleReport> first = measure(() -> cycleWithGets(app));
        assertThat(first.report().allComplete()).isTrue();
        assertThat(first.list()).isEqualTo(lowerBound()).isEqualTo(100);
        assertThat(first.get()).isZero();

        // between cycles: 20 sessions end and are purged, then 50 terminate and 30 fail
        List<SessionView> sessions = bed.sim.control().sessions();
        for (SessionView s : sessions.subList(0, 20)) {
            bed.sim.control().transition(s.arn(), SessionStatus.TERMINATED, StatusReason.APPLICATION_EXIT);
        }
        bed.clock.advance(Duration.ofMinutes(16));
        for (SessionView s : sessions.subList(20, 70)) {
            bed.sim.control().transition(s.arn(), SessionStatus.TERMINATED, StatusReason.IDLE_TIMEOUT);
        }
        for (SessionView s : sessions.subList(70, 100)) {
            bed.sim.control().transition(s.arn(), SessionStatus.ERROR, StatusReason.INTERNAL_ERROR);
        }

        // cycle 2: the 80 reasons come with the listing; only the 20 vanished sessions need a Get
        CycleCalls<CycleReport> second = measure(() -> cycleWithGets(app));
        assertThat(second.report().allComplete()).isTrue();
        assertThat(second.list()).isEqualTo(lowerBound());
        assertThat(second.get()).isEqualTo(20);

        // cycle 3: nothing changed, nothing to ask; it takes the 20 answers (404)
        CycleCalls<CycleReport> third = measure(() -> cycleWithGets(app));
        assertThat(third.list()).isEqualTo(lowerBound());
        assertThat(third.get()).isZero();
        assertThat(third.report().notFound()).isEqualTo(20);

        assertThat(first.report().apiCalls()).isEqualTo(first.list() + first.get());
        assertThat(second.report().apiCalls()).isEqualTo(second.list() + second.get());

        int naive = lowerBound() + SESSIONS;
        System.out.printf("%n[glsmon measurement] API calls per cycle at %,d sessions / %d groups, page %d%n",
                SESSIONS, GROUPS, PAGE);
        System.out.printf("  lower bound (pages)                    : %,d%n", lowerBound());
        System.out.printf("  glsmon, cycle 1 (all live)             : %,d (%d list + %d get)%n", first.total(), first.list(),
                first.get());
        System.out.printf("  glsmon, cycle 2 (80 ended, 20 vanished): %,d (%d list + %d get)%n", second.total(),
                second.list(), second.get());
        System.out.printf("  glsmon, cycle 3 (no change)            : %,d (%d list + %d get)%n", third.total(), third.list(),
                third.get());
        System.out.printf("  naive (list + one Get per session)     : %,d%n", naive);
        System.out.printf("  cycle wall time: %d / %d / %d ms%n%n", first.report().duration().toMillis(),
                second.report().duration().toMillis(), third.report().duration().toMillis());
    }

    /** A cycle and the Gets it asked for (made off its path): the calls it costs in all. */
    private static dev.glsmon.poller.cycle.CycleReport cycleWithGets(PollerApp app) throws InterruptedException {
        dev.glsmon.poller.cycle.CycleReport report = app.poller().pollOnce();
        assertThat(app.poller().awaitEnrichment(Duration.ofSeconds(60))).isTrue();
        return report;
    }

    private int lowerBound() {
        return CycleCalls.pagesLowerBound(bed.sim, PAGE);
    }

    private CycleCalls<CycleReport> measure(CycleCalls.Cycle<CycleReport> cycle) throws Exception {
        return CycleCalls.measure(bed.sim, cycle);
    }
}
