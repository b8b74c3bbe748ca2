package dev.glsmon.local;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack as a user runs it: the demo scenario through the real broker, simulator, poller
 * and processor; what reaches the transitions topic against the simulator's truth log; then a
 * restart on the kept data.
 */
class LocalStackIT {

    private static final double TIME_SCALE = 30;
    private static final Duration POLL = Duration.ofSeconds(2);

    @Test
    void reportsWhatHappenedAndResumesWithoutDuplicateTransitions(@TempDir Path dataDir) throws Exception {
        LocalStackOptions options = new LocalStackOptions(dataDir, TIME_SCALE, Duration.ZERO, "demo", 42, POLL,
                0, 0, 0, 0, "127.0.0.1", false, null, List.of());
        List<SessionTransition> firstRun;
        List<TruthComparison.Cycle> cycles;
        Instant firstPoll;
        Instant end;
        try (LocalStack stack = LocalStack.start(options)) {
            firstPoll = stack.simulator().clock().instant();
            awaitWall(Duration.ofSeconds(75));
            end = stack.simulator().clock().instant();
            assertThat(get(stack.processor().httpUri().resolve("/metrics")))
                    .contains("glsmon_sessions{").contains("glsmon_session_transitions_total{");
            assertThat(get(stack.processor().httpUri().resolve("/locations"))).contains("us-west-2");
            Summary summary = stack.summary(new SummaryReader());
            assertThat(summary.sessions()).isNotEmpty();
            firstRun = readTransitions(stack.bootstrapServers());
            cycles = readCycles(stack.bootstrapServers());
        }
        assertThat(firstRun).isNotEmpty();

        Duration pollVirtual = Duration.ofMillis((long) (POLL.toMillis() * TIME_SCALE));
        TruthComparison.Figures figures = TruthComparison.fromJsonl(dataDir.resolve("truth-run1.jsonl"), end)
                .compare(firstRun, cycles, pollVirtual, firstPoll.plus(pollVirtual.multipliedBy(3)),
                        end.minus(pollVirtual.multipliedBy(3)));
        System.out.println(figures);
        System.out.println(cycleGaps(cycles, TIME_SCALE));
        figures.examples().forEach(example -> System.out.println("  e.g. " + example));
        assertThat(figures.statesJudged()).isGreaterThan(100);
        assertThat(figures.falseTransitions()).as("transitions that did not happen").isZero();
        assertThat(figures.missedStates()).as("long states never reported").isZero();
        assertThat(figures.unflaggedGaps()).as("gaps not flagged inferred").isZero();

        List<SessionTransition> bothRuns;
        try (LocalStack stack = LocalStack.start(options)) {
            awaitWall(Duration.ofSeconds(30));
            bothRuns = readTransitions(stack.bootstrapServers());
        }
        assertThat(bothRuns.size()).isGreaterThan(firstRun.size());
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
        assertThat(duplicates).as("(session, sequence) emitted twice").isEmpty();
        highest.forEach((arn, max) -> assertThat(bothRuns.stream().filter(t -> t.getArn().equals(arn)).count())
                .as("sequences of %s without gaps", arn).isEqualTo(max));
    }

    private static void awaitWall(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis()); // the stack runs on its own; the test only lets time pass
    }

    private static String get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Wall-clock gaps between the starts of consecutive complete cycles of each group: p50, p95, max. */
    static String cycleGaps(List<TruthComparison.Cycle> cycles, double timeScale) {
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

    static List<TruthComparison.Cycle> readCycles(String bootstrapServers) {
        return TopicReader.completeCycles(bootstrapServers, Topics.defaults().pollCycles().name());
    }

    static List<SessionTransition> readTransitions(String bootstrapServers) {
        return TopicReader.transitions(bootstrapServers, Topics.defaults().sessionTransitions().name());
    }
}
