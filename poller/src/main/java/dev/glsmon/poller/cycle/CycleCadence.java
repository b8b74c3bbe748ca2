package dev.glsmon.poller.cycle;

import java.time.Duration;

/**
 * When the next poll cycle starts: one interval after the last one started, or at once when that
 * one overran the interval. Missed ticks are never made up, so a slow cycle is followed by one
 * immediate cycle, not by a burst of them.
 */
public final class CycleCadence {

    private CycleCadence() {}

    /**
     * @param interval the configured poll interval
     * @param took how long the cycle that just ended ran
     * @return the wait before the next cycle starts, never negative
     */
    public static Duration delayAfter(Duration interval, Duration took) {
        Duration rest = interval.minus(took);
        return rest.isNegative() ? Duration.ZERO : rest;
    }
}
