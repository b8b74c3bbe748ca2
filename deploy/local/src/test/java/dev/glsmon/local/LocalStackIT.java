package dev.glsmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.common.config.Durations;
import dev.glsmon.schemas.SessionTransition;
import dev.glsmon.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack as a user runs it, at the README's default speed (time x60, poll every second):
 * the demo scenario through the real broker, simulator, poller and processor; what reaches the
 * transitions and terminations topics judged against the simulator's truth log at the configured
 * poll interval ({@link TruthComparison}); then a restart on the kept data.
 */
class LocalStackIT {

    private static final double TIME_SCALE = 60;
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration FIRST_RUN = Duration.ofMinutes(3);
    /** Lets the processor write out what the poller observed before the end. */
    private static final Duration DRAIN = Duration.ofSeconds(5);
    private static final Duration SECOND_RUN = Duration.ofSeconds(20);
    /** The arcade beta's application: with the sample, every export rule is on in this run. */
    private static final String ARCADE_APP = "arn:aws:gameliftstreams:us-west-2:111122223333:application/a-ARCDapp01";
    private static final int LOCATION_CAP = 10;
    /** The rule watches the first of --windows (1m by default); its cap counts per window of that size. */
    private static final Duration CAP_WINDOW = Duration.ofMinutes(1);

    @Test
    void keepsItsPromiseAtTheDefaultSpeedAndResumesWithoutDuplicateTransitions(@TempDir Path dataDir) throws Exception {
        LocalStackOptions options = LocalStackMain.options(Map.of(), "--data-dir", dataDir.toString(),
                "--time-scale", Double.toString(TIME_SCALE), "--scenario", "demo", "--poll-interval", Durations.format(POLL),
                "--kafka-port", "0", "--simulator-http-port", "0", "--poller-http-port", "0", "--processor-http-port", "0")
                .withProcessorOverrides(Map.of("export-sample-rate", "0.01", "export-applications", ARCADE_APP,
                        // the arcade app alone asks for 4 exports a wall second at x60: the ceiling is for storms
                        "export-max-commands-per-minute", "1000",
                        "export-error-rate-cap", Integer.toString(LOCATION_CAP)));
        List<SessionTransition> firstRun;
        List<TruthComparison.ObservedTermination> terminations;
        List<TopicReader.Cycle> cycles;
        List<dev.glsmon.schemas.ExportResult> exportResults;
        List<TopicReader.Stamped<dev.glsmon.schemas.ExportCommand>> exportCommands;
        Instant firstPoll;
        Instant end;
        List<String> suppressed;
        try (LocalStack stack = LocalStack.start(options)) {
            SimulatorTime simulatorTime = new SimulatorTime(Instant.ofEpochMilli(System.currentTimeMillis()),
                    stack.simulator().clock().instant(), TIME_SCALE);
            firstPoll = stack.simulator().clock().instant();
            awaitWall(FIRST_RUN);
            end = stack.simulator().clock().instant();
            assertThat(get(stack.processor().httpUri().resolve("/metrics")))
                    .contains("glsmon_sessions{").contains("glsmon_session_transitions_total{");
            assertThat(get(stack.processor().httpUri().resolve("/locations"))).contains("us-west-2");
            Summary summary = stack.summary(new SummaryReader());
            assertThat(summary.sessions()).isNotEmpty();
            awaitWall(DRAIN);
            firstRun = readTransitions(stack.bootstrapServers());
            terminations = TopicReader.stampedTerminations(stack.bootstrapServers(),
                            Topics.defaults().sessionTerminations().name()).stream()
                    .map(t -> new TruthComparison.ObservedTermination(t.value(), simulatorTime.of(t.timestamp())))
                    .toList();
            cycles = readCycles(stack.bootstrapServers());
            exportResults = TopicReader.exportResults(stack.bootstrapServers(), Topics.defaults().exportResults().name());
            exportCommands = TopicReader.stampedExportCommands(stack.bootstrapServers(),
                    Topics.defaults().exportCommands().name());
            suppressed = get(stack.processor().httpUri().resolve("/metrics")).lines()
                    .filter(line -> line.startsWith("glsmon_export_commands_suppressed_total{") && !line.endsWith(" 0.0"))
                    .toList();
        }
        assertThat(firstRun).isNotEmpty();

        Duration pollVirtual = Duration.ofMillis((long) (POLL.toMillis() * TIME_SCALE));
        TruthComparison.Figures figures = TruthComparison.fromJsonl(dataDir.resolve("truth-run1.jsonl"), end)
                .compare(firstRun, terminations, TruthComparison.Judging.of(pollVirtual, firstPoll, end));
        System.out.println(figures);
        System.out.println(cycleGaps(cycles, TIME_SCALE));
        figures.windowsBeyond(TruthComparison.SHARE_TOLERANCE_POINTS)
                .forEach(window -> System.out.println("  error share off in " + window));
        figures.examples().forEach(example -> System.out.println("  e.g. " + example));

        SoftAssertions promise = new SoftAssertions();
        promise.assertThat(figures.observableStates()).as("truth states judged").isGreaterThan(500);
        promise.assertThat(figures.endsJudged()).as("truth ends judged").isGreaterThan(500);
        promise.assertThat(figures.windowShares()).as("location windows with enough ends to judge").isNotEmpty();
        promise.assertThat(figures.lostShare()).as("share of observable states lost (%d of %d)", figures.lostStates(),
                figures.observableStates()).isLessThanOrEqualTo(0.01);
        promise.assertThat(figures.rightEndShare()).as("share of ends with one termination with the truth's status and"
                + " reason within 3 polls (%d of %d)", figures.endsRight(), figures.endsJudged()).isGreaterThanOrEqualTo(0.99);
        promise.assertThat(figures.falseTransitions()).as("transitions that did not happen").isZero();
        promise.assertThat(figures.falseVanished()).as("VANISHED before the session was gone").isZero();
        promise.assertThat(figures.windowsBeyond(TruthComparison.SHARE_TOLERANCE_POINTS))
                .as("location windows whose error share is more than 2 points off the truth's").isEmpty();
        promise.assertThat(figures.unflaggedGaps()).as("gaps not flagged inferred").isZero();

        // exports followed to the end, judged for exports that ended three polls before the end
        ExportJudge.Figures exports = ExportJudge.judge(TruthComparison.readJsonl(dataDir.resolve("truth-run1.jsonl")),
                exportResults, exportCommands.stream().map(TopicReader.Stamped::value).toList(),
                end.minus(pollVirtual.multipliedBy(3)));
        Map<String, Integer> locationMax = ExportJudge.locationRuleMaxPerPeriod(exportCommands, CAP_WINDOW);
        System.out.println(exports);
        System.out.println("EXPORTS location rule, most commands in one cap window per location: " + locationMax
                + "; per location and window: " + ExportJudge.locationRulePerPeriod(exportCommands, CAP_WINDOW));
        System.out.println("EXPORTS held back by the admission step: " + suppressed);
        exports.examples().forEach(example -> System.out.println("  e.g. " + example));
        exportResults.stream().filter(r -> r.getOutcome().equals("EXPORT_SUCCEEDED")).findFirst()
                .ifPresent(r -> System.out.println("EXPORTS a FINAL record: " + dev.glsmon.schemas.RecordJson.toJson(r)));
        promise.assertThat(exports.commandsByRule().keySet()).as("rules that issued commands")
                .contains("CLIENT_DISCONNECT", "SAMPLE", "APPLICATION");
        promise.assertThat(exports.judged()).as("requested exports whose end the truth knows").isGreaterThan(50);
        promise.assertThat(exports.finalRight()).as("finals equal to the truth (status and OutputUri)")
                .isEqualTo(exports.judged());
        promise.assertThat(exports.finalDuplicated()).as("commands with two FINAL results").isZero();
        promise.assertThat(exports.executedDuplicated()).as("commands executed twice").isZero();
        promise.assertThat(exports.withoutTypedReason()).as("results other than REQUESTED without a typed reason").isZero();
        promise.assertThat(locationMax.values()).as("location rule per location and window (cap %d)", LOCATION_CAP)
                .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(LOCATION_CAP));
        // the demo's incidents: us-west-2 (crashes x10) and eu-central-1 (capacity drop); none elsewhere
        promise.assertThat(locationMax.keySet()).as("location rule outside the incident locations")
                .isSubsetOf("us-west-2", "eu-central-1");
        // Whether the rule fires at all here is chance: at x60 a 20-second capacity incident falls across
        // 1-minute wall windows, and the window's error share lands near the rule's 0.5 (10 commands in
        // one run, none in the next). That the cap binds across partitions is ExportAdmissionTest's.

        List<SessionTransition> bothRuns;
        try (LocalStack stack = LocalStack.start(options)) {
            awaitWall(SECOND_RUN);
            bothRuns = readTransitions(stack.bootstrapServers());
        }
        promise.assertThat(bothRuns.size()).as("transitions after the restart").isGreaterThan(firstRun.size());
        Set<String> seen = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        Map<String, Long> highest = new HashMap<>();
        for (SessionTransition t : bothRuns) {
            if (!seen.add(t.getArn() + "#" + t.getSequence())) {
                duplicates.add(t.getArn() + "#" + t.getSequence());
            }
            highest.merge(t.getArn(), t.getSequence(), Math::max);
        }
        System.out.printf("restart: %d transitions over two runs, %d duplicated%n", bothRuns.size(), duplicates.size());
        promise.assertThat(duplicates).as("(session, sequence) emitted twice").isEmpty();
        highest.forEach((arn, max) -> promise.assertThat(bothRuns.stream().filter(t -> t.getArn().equals(arn)).count())
                .as("sequences of %s without gaps", arn).isEqualTo(max));
        promise.assertAll();
    }

    private static void awaitWall(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis()); // the stack runs on its own; the test only lets time pass
    }

    private static String get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Wall-clock gaps between the starts of consecutive complete cycles of each group: p50, p95, max. */
    static String cycleGaps(List<TopicReader.Cycle> cycles, double timeScale) {
        Map<String, List<Instant>> starts = new HashMap<>();
        cycles.forEach(c -> starts.computeIfAbsent(c.streamGroupId(), k -> new ArrayList<>()).add(c.startedAt()));
        List<Long> gaps = new ArrayList<>();
        starts.values().forEach(list -> {
            list.sort(null);
            for (int i = 1; i < list.size(); i++) {
                gaps.add((long) (Duration.between(list.get(i - 1), list.get(i)).toMillis() / timeScale));
            }
        });
        gaps.sort(null);
        if (gaps.isEmpty()) {
            return "cycle gaps: none";
        }
        return String.format("cycle gaps (wall ms, configured %d): p50 %d, p95 %d, max %d over %d cycles",
                POLL.toMillis(), gaps.get(gaps.size() / 2), gaps.get((int) (gaps.size() * 0.95)), gaps.get(gaps.size() - 1),
                cycles.size());
    }

    static List<TopicReader.Cycle> readCycles(String bootstrapServers) {
        return TopicReader.completeCycles(bootstrapServers, Topics.defaults().pollCycles().name());
    }

    static List<SessionTransition> readTransitions(String bootstrapServers) {
        return TopicReader.transitions(bootstrapServers, Topics.defaults().sessionTransitions().name());
    }
}
