package dev.glsmon.bench;

import dev.glsmon.poller.cycle.CycleReport;
import dev.glsmon.testbed.CycleCalls;
import dev.glsmon.poller.PollerApp;
import dev.glsmon.poller.PollerConfig;
import dev.glsmon.testbed.SimulatorTestbed;
import dev.glsmon.poller.aws.ApiOperations;
import dev.glsmon.simulator.OperationFaults;
import dev.glsmon.common.session.SessionStatus;
import dev.glsmon.simulator.SessionView;
import dev.glsmon.simulator.StatusReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 3. One steady poll cycle against the simulator over HTTP, with 30 ms per call and the service's
 * rate limits enforced (20/s per operation), the poller at its default client-side limits: API
 * calls against the floor (one call per page) and against a naive poller (the pages plus one
 * GetStreamSession per session), and the cycle time (the sweep) against the floor the poller's
 * budget sets: pages / its ListStreamSessions rate (below the service's 20/s by design, so that the
 * account keeps headroom; the note also gives the ratio to pages / 20). Between the first cycle and
 * the measured one, 1% of the sessions end.
 */
final class PollerSection implements BenchSection {

    private static final Logger LOG = LoggerFactory.getLogger(PollerSection.class);
    static final int PAGE = 100;
    static final int SESSIONS_PER_GROUP = 500;
    static final long LATENCY_MILLIS = 30;
    /** The service's limit for ListStreamSessions and GetStreamSession, per account and Region. */
    static final double SERVICE_RATE = 20;

    @Override
    public String name() {
        return "3. poller";
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws Exception {
        List<BenchResult> results = new ArrayList<>();
        for (int sessions : context.size().pollerSessions()) {
            results.addAll(measure(context, sessions));
        }
        return results;
    }

    /** A cycle and the Gets it asked for, which run off its path: together, what the cycle costs. */
    private static dev.glsmon.poller.cycle.CycleReport cycleWithGets(PollerApp app) throws InterruptedException {
        dev.glsmon.poller.cycle.CycleReport report = app.poller().pollOnce();
        if (!app.poller().awaitEnrichment(Duration.ofMinutes(5))) {
            throw new IllegalStateException("the Gets of the cycle did not end within 5 minutes");
        }
        return report;
    }

    private List<BenchResult> measure(BenchContext context, int sessions) throws Exception {
        try (PollerBed bed = new PollerBed(context.bootstrapServers())) {
            List<String> groups = bed.sim.control().populate(sessions, Math.max(1, sessions / SESSIONS_PER_GROUP));
            bed.sim.faults().enforceRateLimits(true);
            bed.sim.faults().setDefault(OperationFaults.NONE.withLatencyMillis(LATENCY_MILLIS));
            PollerConfig.Builder config = bed.config().streamGroups(groups).pageSize(PAGE)
                    .throttlingBaseDelay(Duration.ofMillis(500)).retryMaxBackoff(Duration.ofSeconds(20));
            Map<String, Double> budget = PollerConfig.Builder.defaultRateLimits();
            budget.forEach(config::rateLimit); // the product's, not the tests'
            double listRate = budget.get(ApiOperations.LIST_STREAM_SESSIONS);
            PollerApp app = bed.manualApp(config.build());

            LOG.info("{}: {} sessions in {} groups, first cycle", name(), sessions, groups.size());
            CycleCalls<CycleReport> first = CycleCalls.measure(bed.sim, () -> cycleWithGets(app));
            List<SessionView> live = bed.sim.control().sessions();
            int ending = Math.max(2, sessions / 100);
            for (int i = 0; i < ending; i++) {
                boolean error = i % 2 == 1;
                bed.sim.control().transition(live.get(i).arn(), error ? SessionStatus.ERROR : SessionStatus.TERMINATED,
                        error ? StatusReason.INTERNAL_ERROR : StatusReason.IDLE_TIMEOUT);
            }
            LOG.info("{}: {} sessions ended, measured cycle", name(), ending);
            long begin = System.nanoTime();
            CycleCalls<CycleReport> steady = CycleCalls.measure(bed.sim, () -> cycleWithGets(app));
            double withGets = (System.nanoTime() - begin) / 1e9;
            if (!steady.report().allComplete() || steady.report().sessions() != sessions) {
                throw new IllegalStateException("the measured cycle was not complete: " + steady.report());
            }
            int pages = CycleCalls.pagesLowerBound(bed.sim, PAGE);
            long naive = pages + (long) sessions;
            double seconds = steady.report().duration().toMillis() / 1000.0;
            double floor = pages / listRate;
            String label = String.format("%,d sessions", sessions);
            String calls = String.format("%,d list + %,d get (the cycle asked for %,d), %,d answered 429; %,d sessions"
                            + " ended since the last cycle; first cycle %,d calls", steady.list(), steady.get(),
                    steady.report().getCalls(), steady.throttled(), ending, first.total());
            return List.of(
                    BenchResult.of(name(), "API calls/cycle, " + label, steady.total(), "calls",
                            "lower bound: pages", pages, "lower").withNote(calls),
                    BenchResult.of(name(), "API calls/cycle, " + label, steady.total(), "calls",
                            "naive: pages + one Get per session", naive, "lower").withNote(String.format(
                                    "naive cycle at 20/s: >= %,.0f s", sessions / SERVICE_RATE)),
                    BenchResult.of(name(), "cycle time, " + label, seconds, "s",
                            String.format("budget floor: pages / %.0f per s", listRate), floor, "lower")
                            .withNote(String.format("the floor is what the poller may list at: its ListStreamSessions"
                                            + " budget, %.0f/s = %.0f%% of the service's %.0f/s by design (headroom for"
                                            + " the account's other callers); against pages / %.0f per s (%.1f s) the"
                                            + " cycle is %.2fx; %d ms per call, simulator enforcing %.0f/s, parallelism"
                                            + " %d; with its Gets answered %.1f s; first cycle %.1f s",
                                    listRate, 100 * listRate / SERVICE_RATE, SERVICE_RATE, SERVICE_RATE,
                                    pages / SERVICE_RATE, seconds / (pages / SERVICE_RATE), LATENCY_MILLIS, SERVICE_RATE,
                                    app.config().parallelism(), withGets,
                                    first.report().duration().toMillis() / 1000.0)));
        }
    }
}
