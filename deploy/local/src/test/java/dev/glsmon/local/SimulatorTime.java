package dev.glsmon.local;

import java.time.Duration;
import java.time.Instant;

/**
 * The simulator's time of a wall-clock instant (a Kafka record timestamp), from one reading of
 * both clocks: the simulator's runs {@code timeScale} times faster.
 */
public record SimulatorTime(Instant wall, Instant simulator, double timeScale) {

    public Instant of(Instant wallTime) {
        return simulator.plusMillis((long) (Duration.between(wall, wallTime).toMillis() * timeScale));
    }
}
