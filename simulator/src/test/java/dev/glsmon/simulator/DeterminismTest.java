package dev.glsmon.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.simulator.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {

    @Test
    void theSameSeedGivesTheSameTruthLogHoweverOftenTheEngineIsAsked(@TempDir Path dir) throws Exception {
        Run fineGrained = run(42, dir.resolve("a.jsonl"), Duration.ofSeconds(7));
        Run coarse = run(42, dir.resolve("b.jsonl"), Duration.ofMinutes(15));

        assertThat(fineGrained.events).hasSizeGreaterThan(1_000);
        assertThat(coarse.events).isEqualTo(fineGrained.events);
        assertThat(Files.readAllLines(dir.resolve("b.jsonl"))).isEqualTo(Files.readAllLines(dir.resolve("a.jsonl")));
    }

    @Test
    void anotherSeedGivesAnotherTruthLog(@TempDir Path dir) {
        assertThat(run(1, dir.resolve("a.jsonl"), Duration.ofMinutes(5)).events)
                .isNotEqualTo(run(2, dir.resolve("b.jsonl"), Duration.ofMinutes(5)).events);
    }

    @Test
    void theTruthLogFileHoldsOneJsonObjectPerEvent(@TempDir Path dir) throws Exception {
        Run r = run(3, dir.resolve("truth.jsonl"), Duration.ofMinutes(5));

        List<String> lines = Files.readAllLines(dir.resolve("truth.jsonl"));
        assertThat(lines).hasSize(r.events.size());
        assertThat(lines.get(0)).startsWith("{\"seq\":1,\"kind\":\"status\",\"time\":\"")
                .contains("\"from\":null", "\"to\":\"ACTIVATING\"", "\"sessionArn\":\"arn:aws:gameliftstreams:");
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"kind\":\"removed\""));
    }

    private record Run(List<TruthEvent> events) {}

    /** Thirty virtual minutes of the demo after its warm-up, advancing the clock in {@code step}s. */
    private static Run run(long seed, Path truthFile, Duration step) {
        ManualClock clock = new ManualClock(SimulatorFixture.START);
        try (Simulator sim = Simulator.builder().scenario(Scenario.demo()).seed(seed).clock(clock)
                .truthLogFile(truthFile).start()) {
            java.time.Instant end = SimulatorFixture.START.plus(Duration.ofMinutes(30));
            while (clock.instant().isBefore(end)) {
                java.time.Instant next = clock.instant().plus(step);
                clock.setTo(next.isAfter(end) ? end : next);
                sim.control().now();
            }
            return new Run(sim.truth().events());
        }
    }
}
