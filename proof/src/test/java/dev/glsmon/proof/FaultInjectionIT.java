package dev.glsmon.proof;

import static dev.glsmon.proof.FaultRun.pause;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.broker.EmbeddedKafkaBroker;
import dev.glsmon.schemas.ExportResult;
import dev.glsmon.schemas.PollCycle;
import dev.glsmon.simulator.ApiOperation;
import dev.glsmon.simulator.OperationFaults;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 7: the real poller and processor, as child JVMs, killed with SIGKILL, cut off from Kafka,
 * throttled and served a failing page, must lose, duplicate and invent nothing (see {@link FaultFigures}
 * for how each is counted). Every test prints one {@code FAULT <name>: transitions=.. lost=..
 * duplicated=.. false=..} line. All tests share the faulted broker and the reference's broker; the
 * broker outages come last (the broker outage, then a poller killed while the broker is away).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionIT {

    /** The "a minute" of throttling, in wall time: the child poller runs on the wall clock. */
    private static final Duration STORM = Duration.ofMinutes(1);

    private static EmbeddedKafkaBroker broker;
    private static EmbeddedKafkaBroker referenceBroker;

    @BeforeAll
    static void startBrokers() throws Exception {
        broker = EmbeddedKafkaBroker.builder().dataDir(Files.createTempDirectory("glsmon-proof-kafka-")).build().start();
        referenceBroker = EmbeddedKafkaBroker.builder().build().start();
    }

    @AfterAll
    static void stopBrokers() {
        if (broker != null) {
            broker.close();
        }
        if (referenceBroker != null) {
            referenceBroker.close();
        }
    }

    @Test
    @Order(1)
    @Timeout(180)
    void processorKilledThreeTimesLosesAndDuplicatesNothing() throws Exception {
        try (FaultRun run = start("processor-sigkill-x3", List.of())) {
            for (int kill = 1; kill <= 3; kill++) {
                pause(Duration.ofSeconds(2)); // commits every 100 ms: the kill lands mid-transaction
                run.killProcessor();
                run.startProcessor();
                run.awaitProcessing();
            }
            pause(Duration.ofSeconds(4));
            FaultFigures figures = run.finish();
            assertThat(run.processorStarts()).isEqualTo(4);
            figures.assertNothingLostDuplicatedOrFalse();
        }
    }

    @Test
    @Order(2)
    @Timeout(180)
    void pollerKilledAndRestartedEmitsNoDuplicateTransitionAndNoFalseVanished() throws Exception {
        try (FaultRun run = FaultRun.startFreshWithExports("poller-sigkill", broker, referenceBroker)) {
            run.awaitPollerCycles(3 * FaultRun.STREAM_GROUPS.length);
            run.awaitPollerExports(3); // the processor is running and the executor busy: the kill lands among exports
            pause(Duration.ofSeconds(3));
            Instant killed = Instant.now();
            run.killPoller();
            pause(Duration.ofSeconds(3)); // a few cycles are missed: sessions change meanwhile
            run.startPoller();
            run.awaitPollerCycles(3 * FaultRun.STREAM_GROUPS.length);
            run.awaitPollerExports(3); // the restarted executor took over the commands' partitions
            run.awaitProcessing();
            // long enough after the restart that the judgement has substance: the restarted executor
            // now takes its partitions back at once, which had cut the run to 16-20 long truth states
            pause(Duration.ofSeconds(20));
            FaultFigures figures = run.finish();
            assertThat(run.pollerStarts()).isEqualTo(2);
            figures.assertNothingLostDuplicatedOrFalse();
            assertThat(figures.vanished()).as("VANISHED transitions (no session left the listing unended)").isZero();
            // the restarted poller read back what it had published: its first cycle asks no more than a steady one
            List<Integer> before = run.cycleGets(1);
            List<Integer> after = run.cycleGets(2);
            int steady = before.stream().skip(1).mapToInt(Integer::intValue).max().orElse(0);
            System.out.printf("FAULT poller-sigkill: Gets per cycle before the kill %s, after the restart %s%n",
                    before, after);
            assertThat(after).isNotEmpty();
            assertThat(after.get(0)).as("Gets of the first cycle after the restart").isLessThanOrEqualTo(steady);
            assertNoExportTwice(run, killed);
        }
    }

    /**
     * Issue 13's "0 duplicates across a poller SIGKILL": the child poller's executor ran the 30% sample's
     * commands before and after its kill; none was executed twice and none got two FINAL results.
     */
    private static void assertNoExportTwice(FaultRun run, Instant killed) {
        int commands = run.exportCommands().size();
        List<ExportResult> executedResults = run.exportResults("EXECUTED");
        Map<String, Long> executed = countById(executedResults);
        Map<String, Long> finals = countById(run.exportResults("FINAL"));
        long executedTwice = executed.values().stream().filter(n -> n > 1).count();
        long finalTwice = finals.values().stream().filter(n -> n > 1).count();
        long beforeKill = executedResults.stream().filter(r -> r.getExecutedAt().isBefore(killed)).count();
        System.out.printf("FAULT poller-sigkill: %d export commands issued, %d executed (%d before the kill, %d after"
                + " the restart; %d twice), %d with a FINAL result (%d twice)%n", commands, executed.size(), beforeKill,
                executedResults.size() - beforeKill, executedTwice, finals.size(), finalTwice);
        assertThat(beforeKill).as("export commands executed before the kill").isPositive();
        assertThat(executedResults.size() - beforeKill).as("export commands executed after the restart").isPositive();
        assertThat(executedTwice).as("export commands with two EXECUTED results").isZero();
        assertThat(finalTwice).as("export commands with two FINAL results").isZero();
    }

    private static Map<String, Long> countById(List<ExportResult> results) {
        return results.stream().collect(Collectors.groupingBy(ExportResult::getCommandId, Collectors.counting()));
    }

    /**
     * A minute of wall time at time scale 1 (the child poller runs on the wall clock) with 50% of every
     * API call throttled: 60 poll intervals, which the SDK's throttling backoff stretches into a few
     * cycles; then two 3 s bursts of 50% InternalServerException.
     */
    @Test
    @Order(3)
    @Timeout(240)
    void throttlingStormAndServerErrorBurstsStretchCyclesButLoseNothing() throws Exception {
        try (FaultRun run = start("throttling-storm", List.of())) {
            run.awaitPollerCycles(2 * FaultRun.STREAM_GROUPS.length);
            String beforeStorm = run.pollerMetrics();
            Instant stormStart = Instant.now();
            run.simulator().faults().setDefault(OperationFaults.NONE.withThrottleProbability(0.5));
            pause(STORM);
            Instant stormEnd = Instant.now();
            String afterStorm = run.pollerMetrics();
            for (int burst = 0; burst < 2; burst++) {
                run.simulator().faults().setDefault(OperationFaults.NONE.withServerErrorProbability(0.5));
                pause(Duration.ofSeconds(3));
                run.simulator().faults().clear();
                pause(Duration.ofSeconds(2));
            }
            String metrics = run.pollerMetrics();
            // the service answered half the calls with 429 and then 5xx: cycles stretch, so states shorter than a
            // stretched cycle cannot be seen; judged like a blind period (nothing false, duplicated or lost for
            // good, every end reported), not against the 1 s promise the service did not let the poller keep
            run.blind(stormStart, Instant.now());
            pause(Duration.ofSeconds(12));
            FaultFigures figures = run.finish();
            figures.assertNothingLostDuplicatedOrFalse();

            List<PollCycle> before = completeCycles(figures, Instant.MIN, stormStart);
            List<PollCycle> storm = completeCycles(figures, stormStart, stormEnd);
            System.out.printf("FAULT throttling-storm: complete cycles before the storm %d (mean %d ms),"
                            + " overlapping the %d s storm %d (mean %d ms, longest %d ms)%n",
                    before.size(), meanMillis(before), STORM.toSeconds(), storm.size(), meanMillis(storm),
                    longestMillis(storm));
            for (String group : FaultRun.STREAM_GROUPS) {
                assertThat(storm.stream().filter(c -> c.getStreamGroupId().equals(group)))
                        .as("complete cycles of %s overlapping the storm", group).hasSizeGreaterThanOrEqualTo(2);
            }
            // the series the shipped PollerThrottled alert reads (deploy/prometheus/rules: its increase over the
            // storm is what operation:glsmon_poller_api_calls_throttled:ratio_rate5m sees, threshold 0.1)
            double throttled = apiCalls(afterStorm, "ListStreamSessions", "throttled")
                    - apiCalls(beforeStorm, "ListStreamSessions", "throttled");
            double all = apiCalls(afterStorm, "ListStreamSessions", null) - apiCalls(beforeStorm, "ListStreamSessions", null);
            System.out.printf("FAULT throttling-storm: glsmon_poller_api_calls_total{operation=\"ListStreamSessions\"}"
                    + " during the storm: throttled=%.0f of %.0f attempts (%.0f%%); 5xx in the bursts: %.0f%n",
                    throttled, all, 100 * throttled / all, apiCalls(metrics, "ListStreamSessions", "server_error"));
            assertThat(beforeStorm).contains("outcome=\"throttled\"");
            assertThat(throttled / all).as("share of throttled ListStreamSessions attempts in the storm").isGreaterThan(0.1);
            assertThat(apiCalls(metrics, "ListStreamSessions", "server_error")).as("5xx attempts").isPositive();
        }
    }

    @Test
    @Order(4)
    @Timeout(180)
    void failingPageMidListingVanishesNoSessionOnIt() throws Exception {
        // fewer attempts per call, so that the failing page ends many cycles incomplete in a short run
        try (FaultRun run = start("failing-page", List.of("--max-attempts=3"))) {
            pause(Duration.ofSeconds(12)); // judged from 3 polls after the start to 3 polls before the fault
            Instant faultStart = Instant.now();
            run.simulator().faults().set(ApiOperation.LIST_STREAM_SESSIONS, OperationFaults.NONE.withFailPage(2));
            pause(Duration.ofSeconds(12));
            run.simulator().faults().clear();
            Instant faultEnd = Instant.now();
            run.blind(faultStart, faultEnd); // the sessions on page 2 could not be seen meanwhile
            pause(Duration.ofSeconds(15));
            FaultFigures figures = run.finish();
            figures.assertNothingLostDuplicatedOrFalse();
            long incomplete = figures.cycleMarkers().stream()
                    .filter(c -> !c.getComplete() && !c.getStartedAt().isBefore(faultStart)
                            && c.getStartedAt().isBefore(faultEnd))
                    .map(c -> c.getStreamGroupId() + "/" + c.getCycleId()).distinct().count();
            System.out.printf("FAULT failing-page: %d incomplete cycles while page 2 failed%n", incomplete);
            assertThat(incomplete).as("cycles the failing page left incomplete").isGreaterThanOrEqualTo(2);
            assertThat(figures.vanished()).as("VANISHED transitions (sessions on the failing page were listed)").isZero();
        }
    }

    @Test
    @Order(5)
    @Timeout(240)
    void brokerDownFor20SecondsRecoversByItselfAndLosesNothing() throws Exception {
        try (FaultRun run = start("broker-outage-20s", List.of())) {
            pause(Duration.ofSeconds(12)); // judged from 3 polls after the start to 3 polls before the outage
            long committed = run.committedInput();
            Instant down = Instant.now();
            broker.stop();
            pause(Duration.ofSeconds(20));
            broker.start();
            run.blind(down, Instant.now()); // the poller could not publish what it saw
            run.awaitProcessingBeyond(committed);
            pause(Duration.ofSeconds(15));
            assertThat(run.pollerAlive()).as("the poller survived the outage").isTrue();
            assertThat(run.processorAlive()).as("the processor survived the outage").isTrue();
            FaultFigures figures = run.finish();
            assertThat(run.pollerStarts()).as("poller starts (no restart by the test)").isEqualTo(1);
            assertThat(run.processorStarts()).as("processor starts (no restart by the test)").isEqualTo(1);
            figures.assertNothingLostDuplicatedOrFalse();
        }
    }

    /**
     * Issue 17: the poller publishes changes only, compared with what the broker acknowledged. Killed
     * while the broker is away, it dies with changes sent and never acknowledged; the restarted
     * poller must publish them (they are not in the topic it reads back), and nothing may be lost,
     * doubled or invented.
     */
    @Test
    @Order(6)
    @Timeout(240)
    void pollerKilledBetweenAChangeAndItsAcknowledgementLosesNothing() throws Exception {
        try (FaultRun run = start("poller-sigkill-unacked", List.of())) {
            run.awaitPollerCycles(3 * FaultRun.STREAM_GROUPS.length);
            Instant down = Instant.now();
            double sentUnacknowledged = 0;
            for (int attempt = 1; attempt <= 3 && sentUnacknowledged <= 0; attempt++) {
                down = Instant.now();
                double sentBefore = snapshotsSent(run.pollerMetrics());
                broker.stop(); // from now on a send waits for an acknowledgement that does not come
                // sessions change every few seconds, so a cycle soon hands some to the producer, which
                // waits for acknowledgements that do not come
                Instant giveUp = Instant.now().plusSeconds(20);
                while (sentUnacknowledged <= 0 && Instant.now().isBefore(giveUp)) {
                    pause(Duration.ofMillis(500));
                    sentUnacknowledged = snapshotsSent(run.pollerMetrics()) - sentBefore;
                }
                if (sentUnacknowledged <= 0) {
                    // the case did not arise: a cycle without changes waits on its markers' acknowledgements,
                    // and no cycle follows it while the broker is away (seen once in a CI run: nothing
                    // sent in 30 s). Bring the broker back, let the poller catch up, and try again; what
                    // happened meanwhile could not be published in time, so it is a blind period.
                    broker.start();
                    double cycles = FaultRun.completeGroupCycles(run.pollerMetrics());
                    run.awaitPollerCycles((int) cycles + 2 * FaultRun.STREAM_GROUPS.length);
                    run.blind(down, Instant.now());
                }
            }
            run.killPoller();
            broker.start();
            run.startPoller();
            run.blind(down, Instant.now()); // nothing the poller saw while the broker was away could be published
            run.awaitPollerCycles(3 * FaultRun.STREAM_GROUPS.length);
            run.awaitProcessing();
            pause(Duration.ofSeconds(10));
            FaultFigures figures = run.finish();
            System.out.printf("FAULT poller-sigkill-unacked: %.0f snapshots sent and not acknowledged when the poller"
                    + " was killed%n", sentUnacknowledged);
            assertThat(sentUnacknowledged).as("snapshots sent while the broker was away").isPositive();
            assertThat(run.pollerStarts()).isEqualTo(2);
            figures.assertNothingLostDuplicatedOrFalse();
            assertThat(figures.vanished()).as("VANISHED transitions (no session left the listing unended)").isZero();
        }
    }

    /** glsmon_poller_snapshots_total over every source: snapshots handed to the producer. */
    private static double snapshotsSent(String metrics) {
        return FaultRun.sum(metrics, "glsmon_poller_snapshots_total", "");
    }

    private static FaultRun start(String name, List<String> pollerOptions) throws Exception {
        return FaultRun.startFresh(name, broker, referenceBroker, pollerOptions);
    }

    /** Complete cycles that ran at some time between {@code from} and {@code until}. */
    private static List<PollCycle> completeCycles(FaultFigures figures, Instant from, Instant until) {
        return figures.cycleMarkers().stream()
                .filter(c -> c.getComplete() && c.getCompletedAt().isAfter(from) && c.getStartedAt().isBefore(until))
                .filter(distinctBy(c -> c.getStreamGroupId() + "/" + c.getCycleId()))
                .toList();
    }

    private static <T> Predicate<T> distinctBy(Function<T, String> key) {
        Set<String> seen = new HashSet<>();
        return t -> seen.add(key.apply(t));
    }

    private static long meanMillis(List<PollCycle> cycles) {
        return (long) cycles.stream().mapToLong(FaultInjectionIT::millis).average().orElse(0);
    }

    private static long longestMillis(List<PollCycle> cycles) {
        return cycles.stream().mapToLong(FaultInjectionIT::millis).max().orElse(0);
    }

    private static long millis(PollCycle c) {
        return Duration.between(c.getStartedAt(), c.getCompletedAt()).toMillis();
    }

    /** Sum of glsmon_poller_api_calls_total for an operation and outcome (null: every outcome). */
    private static double apiCalls(String metrics, String operation, String outcome) {
        Pattern line = Pattern.compile("^glsmon_poller_api_calls_total\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(metrics);
        double sum = 0;
        while (m.find()) {
            String labels = m.group(1);
            if (labels.contains("operation=\"" + operation + "\"")
                    && (outcome == null || labels.contains("outcome=\"" + outcome + "\""))) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}
