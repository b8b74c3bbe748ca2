package dev.glsmon.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that only moves when told to: tests drive virtual time explicitly, so every run of a
 * test sees the same lifecycle. Thread-safe.
 */
public final class ManualClock extends Clock {

    private final ZoneId zone;
    private volatile Instant now;

    public ManualClock(Instant start) {
        this(start, ZoneOffset.UTC);
    }

    private ManualClock(Instant start, ZoneId zone) {
        this.now = Objects.requireNonNull(start, "start");
        this.zone = zone;
    }

    /** Moves time forward; a negative duration is refused because virtual time never goes back. */
    public synchronized Instant advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("cannot move a clock backwards: " + step);
        }
        now = now.plus(step);
        return now;
    }

    /** Sets time to {@code instant}, which must not be earlier than now. */
    public synchronized void setTo(Instant instant) {
        if (instant.isBefore(now)) {
            throw new IllegalArgumentException("cannot move a clock backwards to " + instant);
        }
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new ManualClock(now, newZone);
    }

    @Override
    public String toString() {
        return "ManualClock[" + now + "]";
    }
}
