package dev.glsmon.proof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.broker.EmbeddedKafkaBroker;
import dev.glsmon.common.Metrics;
import dev.glsmon.local.TopicReader;
import dev.glsmon.local.TruthComparison;
import dev.glsmon.local.TruthComparison.TruthState;
import dev.glsmon.poller.Coordination;
import dev.glsmon.poller.PollerApp;
import dev.glsmon.poller.PollerConfig;
import dev.glsmon.processor.ProcessorApp;
import dev.glsmon.processor.config.ProcessorConfig;
import dev.glsmon.schemas.SessionTransition;
import dev.glsmon.schemas.Topics;
import dev.glsmon.simulator.Simulator;
import dev.glsmon.simulator.StreamGroupView;
import dev.glsmon.simulator.scenario.Scenario;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Issue 12 at fleet size: 100,000 sessions in 200 stream groups on the wall clock, the simulator
 * enforcing the service's limits, the poller and processor at their defaults (the fast lane turns
 * itself on because a full sweep takes about a minute). Every client disconnect that lasted longer
 * than 3 s is reported, by a transition to PENDING_CLIENT_RECONNECTION observed while the truth log
 * still has the session in that status, so a CLIENT_DISCONNECT export could still be asked for;
 * and nothing false is reported (no transition to a status the session did not have, no false
 * VANISHED).
 */
class FastLaneFleetIT {

    private static final int SESSIONS = 100_000;
    private static final int GROUPS = 200;
    private static final Duration LONG_DISCONNECT = Duration.ofSeconds(3);
    /** The fast lane lists every second; the run's edges are judged as TruthComparison does. */
    private static final Duration FAST_INTERVAL = Duration.ofSeconds(1);
    private static final Duration MEASURED = Duration.ofSeconds(90);
    private static final String PENDING = "PENDING_CLIENT_RECONNECTION";
    /** The warm-up's events (some 1.8 million) and the run's. */
    private static final int TRUTH_CAPACITY = 3_000_000;

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void everyDisconnectLongerThanThreeSecondsIsSeenWhileStillPending() throws Exception {
        String prefix = "fleet.";
        Topics topics = Topics.of(prefix, FaultRun.PARTITIONS);
        Instant lanesOn;
        Instant end;
        double sweepSeconds;
        TruthComparison truth;
        List<SessionTransition> transitions;
        List<TruthComparison.ObservedTermination> terminations;
        String bootstrap;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
                // the whole truth from the warm-up on: a session's first states began hours before the run
                Simulator sim = Simulator.builder().scenario(Scenario.fleet(SESSIONS, GROUPS)).seed(11)
                        .clock(Clock.systemUTC()).requestLogCapacity(0).truthCapacity(TRUTH_CAPACITY).start();
                Metrics processorMetrics = Metrics.create("processor");
                Metrics pollerMetrics = Metrics.create("poller")) {
            bootstrap = broker.bootstrapServers();
            sim.faults().enforceRateLimits(true);
            assertThat(sim.control().sessions().size()).isBetween(SESSIONS * 9 / 10, SESSIONS * 11 / 10);
            ProcessorConfig processorConfig = ProcessorConfig.from(FaultRun.processorSettings(bootstrap, "fleet", prefix,
                    Files.createTempDirectory("glsmon-fleet-state-")));
            try (ProcessorApp processor = ProcessorApp.start(processorConfig, new Properties(),
                    processorMetrics.registry())) {
                PollerConfig config = PollerConfig.builder()
                        .bootstrapServers(bootstrap)
                        .topicPrefix(prefix)
                        .partitions(FaultRun.PARTITIONS)
                        .region(sim.region())
                        .endpointUrl(sim.endpoint().toString())
                        .streamGroups(sim.control().streamGroups().stream().map(StreamGroupView::id).toList())
                        .coordination(Coordination.NONE)
                        .exportExecutor(false)
                        .build(); // the product's defaults: auto poll interval, fast lane auto
                try (PollerApp poller = PollerApp.builder(config).meterRegistry(pollerMetrics.registry())
                        .credentialsProvider(StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(FaultRun.ACCESS_KEY, FaultRun.SECRET_KEY)))
                        .start()) {
                    awaitGauge(pollerMetrics, "glsmon.poller.fast.lane.on", Duration.ofMinutes(3));
                    lanesOn = Instant.now();
                    Thread.sleep(MEASURED.toMillis());
                    end = Instant.now();
                }
                Thread.sleep(3_000); // the processor's last commit
                Timer sweeps = pollerMetrics.registry().get("glsmon.poller.cycle").timer();
                sweepSeconds = sweeps.mean(TimeUnit.MILLISECONDS) / 1000;
                assertThat(sweeps.count()).as("full sweeps of a minute ran beside it").isGreaterThanOrEqualTo(1);
            }
            assertThat(sim.truth().dropped()).as("truth events dropped").isZero();
            truth = TruthComparison.fromEvents(sim.truth().events(), end);
            transitions = TopicReader.transitions(bootstrap, topics.sessionTransitions().name());
            terminations = TopicReader.stampedTerminations(bootstrap, topics.sessionTerminations().name()).stream()
                    .map(t -> new TruthComparison.ObservedTermination(t.value(), t.timestamp())).toList();
        }

        TruthComparison.Judging judging = TruthComparison.Judging.of(FAST_INTERVAL, lanesOn, end);
        Map<String, List<SessionTransition>> toPending = new HashMap<>();
        transitions.stream().filter(t -> PENDING.equals(t.getTo()))
                .forEach(t -> toPending.computeIfAbsent(t.getArn(), k -> new ArrayList<>()).add(t));
        int judged = 0;
        List<String> missed = new ArrayList<>();
        for (Map.Entry<String, List<TruthState>> session : truth.states().entrySet()) {
            for (TruthState state : session.getValue()) {
                Instant until = state.end().isBefore(judging.judgedUntil()) ? state.end() : judging.judgedUntil();
                if (!PENDING.equals(state.status()) || state.start().isBefore(judging.judgedFrom())
                        || Duration.between(state.start(), until).compareTo(LONG_DISCONNECT) <= 0) {
                    continue;
                }
                judged++;
                boolean seen = toPending.getOrDefault(session.getKey(), List.of()).stream()
                        .anyMatch(t -> !t.getObservedAt().isBefore(state.start()) && t.getObservedAt().isBefore(state.end()));
                if (!seen) {
                    missed.add(session.getKey() + " " + state);
                }
            }
        }
        TruthComparison.Figures figures = truth.compare(transitions, terminations,
                TruthComparison.Judging.of(Duration.ofMillis(Math.round(sweepSeconds * 1000)), lanesOn, end));
        System.out.printf("FastLaneFleetIT: %d disconnects longer than %d s in %d s, %d seen while still pending,"
                        + " missed %s; full sweep %.1f s; %s%n", judged, LONG_DISCONNECT.toSeconds(), MEASURED.toSeconds(),
                judged - missed.size(), missed.stream().limit(5).toList(), sweepSeconds, figures);

        assertThat(judged).as("disconnects judged").isGreaterThan(100);
        assertThat(missed).as("disconnects not seen while still pending").isEmpty();
        assertThat(figures.falseTransitions()).as("false transitions").isZero();
        assertThat(figures.falseVanished()).as("false VANISHED").isZero();
    }

    private static void awaitGauge(Metrics metrics, String gauge, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (metrics.registry().find(gauge).gauge() == null || metrics.registry().get(gauge).gauge().value() < 1) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(gauge + " did not reach 1 within " + timeout);
            }
            Thread.sleep(200);
        }
    }
}
