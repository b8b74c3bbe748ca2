package dev.glsmon.simulator;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Virtual time that runs {@code timeScale} times faster than the wall clock: {@code virtual = start
 * + wallElapsed * timeScale}. With a scale of 60, one wall second is one virtual minute, so a
 * dashboard shows an hour of traffic in a minute.
 */
public final class ScaledClock extends Clock {

    private final Instant start;
    private final double timeScale;
    private final long wallStartNanos;
    private final ZoneId zone;

    public ScaledClock(Instant start, double timeScale) {
        this(start, timeScale, System.nanoTime(), ZoneOffset.UTC);
    }

    private ScaledClock(Instant start, double timeScale, long wallStartNanos, ZoneId zone) {
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("time scale must be a positive number: " + timeScale);
        }
        this.start = start;
        this.timeScale = timeScale;
        this.wallStartNanos = wallStartNanos;
        this.zone = zone;
    }

    public double timeScale() {
        return timeScale;
    }

    @Override
    public Instant instant() {
        long wallElapsed = System.nanoTime() - wallStartNanos;
        return start.plusNanos((long) (wallElapsed * timeScale));
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new ScaledClock(start, timeScale, wallStartNanos, newZone);
    }

    @Override
    public String toString() {
        return "ScaledClock[start=" + start + ", x" + timeScale + "]";
    }
}
