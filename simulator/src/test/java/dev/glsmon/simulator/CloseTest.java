package dev.glsmon.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.glsmon.simulator.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloseTest {

    /**
     * Closing used to interrupt a tick that was writing the truth log, which closes the file's channel
     * and fails the close; tried many times so that some closes land in the middle of a tick.
     */
    @Test
    void closingWhileTheTickWritesKeepsTheTruthLogWhole(@TempDir Path dir) throws Exception {
        for (int i = 0; i < 25; i++) {
            Path file = dir.resolve("truth-" + i + ".jsonl");
            Simulator sim = Simulator.builder().scenario(Scenario.demo()).seed(i).timeScale(3_600)
                    .tickInterval(Duration.ofMillis(1)).port(0).truthLogFile(file).start();
            sim.control().populate(200, 4);
            Thread.sleep(i % 5);

            assertThatCode(sim::close).doesNotThrowAnyException();
            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSize(sim.truth().events().size())
                    .allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
        }
    }
}
