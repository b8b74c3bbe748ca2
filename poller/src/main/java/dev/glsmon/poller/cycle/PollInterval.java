package dev.glsmon.poller.cycle;

import java.time.Duration;

/**
 * The time between poll cycle starts, as the scheduler and the {@code glsmon_poller_poll_interval_seconds}
 * gauge read it: fixed ({@link FixedPollInterval}) or tuned after every cycle ({@link AutoPollInterval}).
 */
public interface PollInterval {

    /** The interval now. */
    Duration current();

    /** A cycle ended; a tuned interval learns from what it did. */
    void cycleEnded(CycleReport report);
}
