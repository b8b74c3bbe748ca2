package dev.glsmon.poller.cycle;

import dev.glsmon.poller.config.FastLaneMode;
import java.time.Duration;

/**
 * Decides before each fast sweep whether the fast lane runs. {@code auto} turns it on while full
 * sweeps are slower than the threshold: the last one took longer, or the one running has already
 * been running longer (so a first sweep of a large fleet does not leave it off for a minute).
 * Times are {@link System#nanoTime()} values, given by the caller.
 */
public final class FastLaneSwitch {

    private final FastLaneMode mode;
    private final long thresholdNanos;
    private long lastSweepNanos = -1;
    private long runningSince = Long.MIN_VALUE;
    private boolean running;

    public FastLaneSwitch(FastLaneMode mode, Duration threshold) {
        this.mode = mode;
        this.thresholdNanos = threshold.toNanos();
    }

    public synchronized void sweepStarted(long nowNanos) {
        running = true;
        runningSince = nowNanos;
    }

    public synchronized void sweepEnded(Duration took) {
        running = false;
        lastSweepNanos = took.toNanos();
    }

    public synchronized boolean on(long nowNanos) {
        return switch (mode) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> lastSweepNanos > thresholdNanos || (running && nowNanos - runningSince > thresholdNanos);
        };
    }
}
