package dev.glsmon.local;

import java.time.Clock;
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

    /** One reading of an in-process simulator's clock (no round trip: exact to the millisecond). */
    static SimulatorTime read(Clock simulatorClock, double timeScale) {
        Instant wall = Instant.now();
        return new SimulatorTime(wall, simulatorClock.instant(), timeScale);
    }

    /**
     * The instant of the scenario's origin, in both clocks: the local stack's ScaledClock starts at
     * the wall time it was created (virtual = start + wallElapsed * scale), and the simulator opens
     * its scenario then.
     */
    static Instant scenarioOrigin(Clock simulatorClock, double timeScale) {
        double wall = System.currentTimeMillis();
        double virtual = simulatorClock.millis();
        return Instant.ofEpochMilli(Math.round((virtual - timeScale * wall) / (1 - timeScale)));
    }
}
